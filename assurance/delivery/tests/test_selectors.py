"""Reads: scoped to the user, small numbers suppressed outside the council,
panels on assessment pages, the summary for other apps."""

from datetime import date

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assurance.accounts.permissions import Action
from assurance.assessments.tests.factories import (
    complete_self_assessment,
    open_assessment,
    scored_version,
)
from assurance.delivery import models as m
from assurance.delivery import rules, selectors
from assurance.delivery.tests.factories import records_for

READ = Action.VIEW_RECORDS


def test_a_council_sees_only_its_own_records(lead, records, other_records):
    assert selectors.get_record_for(lead, "policies", records.policy.pk, purpose=READ)
    with pytest.raises(Http404):
        selectors.get_record_for(lead, "policies", other_records.policy.pk, purpose=READ)
    with pytest.raises(Http404):
        selectors.get_record_for(lead, "meetings", other_records.meeting.pk, purpose=READ)
    assert list(selectors.visible_records(lead, "training", purpose=READ)) == [records.training]


def test_assessors_read_their_councils_and_analysts_read_all(
    assessor, analyst, council, other_council, records, other_records
):
    assert selectors.get_council_for(assessor, council.pk, purpose=READ) == council
    with pytest.raises(Http404):
        selectors.get_council_for(assessor, other_council.pk, purpose=READ)
    assert selectors.visible_records(analyst, "risks", purpose=READ).count() == 2
    with pytest.raises(Http404):
        selectors.get_record_for(assessor, "risks", other_records.risk.pk, purpose=READ)


def test_nobody_outside_the_council_edits(assessor, analyst, records):
    for user in (assessor, analyst):
        with pytest.raises(Http404):
            selectors.get_record_for(
                user, "policies", records.policy.pk, purpose=Action.EDIT_DELIVERY_RECORDS
            )


def test_small_referral_counts_are_suppressed_outside_the_council(lead, assessor, council, records):
    period = records.referral.period
    quarter = records.referral.quarter
    assert selectors.exact_figures(lead, council.pk)
    assert not selectors.exact_figures(assessor, council.pk)
    inside = selectors.referral_view([council.pk], period, exact=True)
    outside = selectors.referral_view([council.pk], period, exact=False)
    assert inside.quarters[quarter - 1]["cells"]["education"].shown == "3"
    assert outside.quarters[quarter - 1]["cells"]["education"].shown == "fewer than 5"
    assert outside.year.total.shown == "not shown"
    assert inside.national is not None


def test_the_list_runs_a_fixed_number_of_queries(lead, council, records):
    list(selectors.records_of(lead, "policies", council, purpose=READ))  # grants are cached
    for n in range(5):
        m.Policy.objects.create(organisation=council, kind="other", title=f"P{n}", owner="x")
    with CaptureQueriesContext(connection) as few:
        list(selectors.records_of(lead, "policies", council, purpose=READ))
    for n in range(10):
        m.Policy.objects.create(organisation=council, kind="other", title=f"Q{n}", owner="x")
    with CaptureQueriesContext(connection) as many:
        list(selectors.records_of(lead, "policies", council, purpose=READ))
    assert len(few) == len(many)


@pytest.fixture
def assessment(council, assessor, lead):
    version = scored_version(criteria=3)
    first, second, third = version.criteria.order_by("number")
    first.delivery = {"records": ["training"], "mandated_coverage": 90}
    first.save()
    second.delivery = {"records": ["referrals", "meetings"]}
    second.save()
    period = rules.period_for(timezone.localdate())
    assessment = open_assessment(
        assessor=assessor, version=version, organisation=council, period=period
    )
    complete_self_assessment(assessment, lead, levels=[3, 3, 3])
    return assessment


def test_the_criterion_panel_shows_the_records_of_the_kinds_the_framework_names(
    lead, assessor, assessment, records
):
    first, second, third = assessment.framework_version.criteria.order_by("number")
    panel = selectors.criterion_panel(lead, assessment, first)
    assert [s.kind.slug for s in panel["delivery_summaries"]] == ["training"]
    assert panel["delivery_summaries"][0].records == [records.training]
    panel = selectors.criterion_panel(assessor, assessment, second)
    assert "meetings" in [s.kind.slug for s in panel["delivery_summaries"]]
    assert panel["delivery_referrals"].exact is False
    assert selectors.criterion_panel(lead, assessment, third)["delivery_summaries"] == []
    records.policy.criteria.add(third)
    panel = selectors.criterion_panel(lead, assessment, third)
    assert [s.records for s in panel["delivery_summaries"]] == [[records.policy]]


def test_the_panel_is_hidden_from_those_who_cannot_read_the_council(assessment, other_lead):
    criterion = assessment.framework_version.criteria.first()
    assert selectors.criterion_panel(other_lead, assessment, criterion) is None


def test_quality_checks_on_an_assessment(lead, assessment, records, council):
    # A "met" level on criterion 3 with nothing for it in the period.
    findings = selectors.assessment_panel(lead, assessment)["delivery_findings"]
    assert [f.code for f in findings] == ["proposed_met_without_records"]
    records.training.trained = 50
    records.training.save()
    codes = [f.code for f in selectors.assessment_panel(lead, assessment)["delivery_findings"]]
    assert "mandated_cohort_below_threshold" in codes


def test_the_dashboard_finds_gaps(lead, council):
    today = timezone.localdate()
    records = records_for(council)
    records.panel.terms_reviewed_on = date(today.year - 2, 1, 1)
    records.panel.save()
    records.policy.next_review_on = date(today.year - 1, 1, 1)
    records.policy.save()
    board = selectors.dashboard(lead, council, rules.period_for(today), today)
    codes = {f.code for f in board.findings}
    assert {"terms_not_reviewed", "policy_past_review"} <= codes
    assert board.policies_due == [records.policy]
    assert {row["status"] for row in board.bodies} == {"kept"}


def test_the_summary_for_the_scrutiny_pack(lead, assessor, council, records):
    period = rules.period_for(timezone.localdate())
    summary = selectors.delivery_summary_for(lead, council.pk, period, purpose=READ)
    assert summary.recorded and summary.meetings_held == 2
    assert summary.cohorts[0][:3] == ("All staff", 95, 100)
    assert summary.referrals_total == "3"
    outside = selectors.delivery_summary_for(assessor, council.pk, period, purpose=READ)
    assert outside.referrals_total == "not shown"
