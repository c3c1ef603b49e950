"""Reads: scoped to the user, 404 alike for missing and forbidden, and a
fixed number of queries however big the register gets."""

from datetime import timedelta
from itertools import product

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from assurance.accounts.models import Role
from assurance.accounts.permissions import Action
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.recommendations import rules, selectors
from assurance.recommendations.models import Recommendation
from assurance.recommendations.selectors import RegisterFilters
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_council_users_see_only_their_own_sources(lead, other_lead, source):
    assert list(selectors.visible_sources(lead, purpose=Action.VIEW_RECORDS)) == [source]
    assert not selectors.visible_sources(other_lead, purpose=Action.VIEW_RECORDS).exists()
    with pytest.raises(Http404):
        selectors.get_source_for(other_lead, source.pk, purpose=Action.VIEW_RECORDS)
    with pytest.raises(Http404):
        selectors.get_source_for(lead, 999_999, purpose=Action.VIEW_RECORDS)


def test_assessor_sees_assigned_councils_analyst_all_administrator_none(source, council):
    assert (
        selectors.visible_sources(assessor_for(council), purpose=Action.VIEW_RECORDS).count() == 1
    )
    assert selectors.visible_sources(assessor_for(), purpose=Action.VIEW_RECORDS).count() == 0
    assert (
        selectors.visible_sources(
            user_with_role(Role.NATIONAL_ANALYST), purpose=Action.VIEW_RECORDS
        ).count()
        == 1
    )
    assert (
        selectors.visible_sources(
            user_with_role(Role.ADMINISTRATOR), purpose=Action.VIEW_RECORDS
        ).count()
        == 0
    )


def test_partnership_members_see_the_partnership_source(source, council):
    from assurance.organisations.tests.factories import OrganisationFactory, PartnershipFactory

    partner = OrganisationFactory()
    source.partnership = PartnershipFactory(members=[council, partner])
    source.save()
    partner_viewer = user_with_role(Role.COUNCIL_VIEWER, partner)
    assert list(selectors.visible_sources(partner_viewer, purpose=Action.VIEW_RECORDS)) == [source]
    assert (
        selectors.visible_recommendations(partner_viewer, purpose=Action.VIEW_RECORDS).count() == 3
    )
    with pytest.raises(Http404):  # writing stays with the owning council
        selectors.get_source_for(
            user_with_role(Role.COUNCIL_LEAD, partner), source.pk, purpose=Action.CLOSE_SOURCE
        )


def test_register_filters_and_counts(lead, source, other_council):
    today = timezone.localdate()
    Recommendation.objects.filter(source=source, number=1).update(
        response="accepted", status="in_progress", milestone=today - timedelta(days=1), lead="A"
    )
    Recommendation.objects.filter(source=source, number=2).update(
        response="rejected", reason="No", milestone=today - timedelta(days=5), lead="B"
    )
    RecommendationFactory(source=SourceFactory(organisation=other_council), number=1)
    overdue = selectors.register(lead, RegisterFilters(overdue=True))
    assert [r.number for r in overdue] == ["1"]
    assert [r.number for r in selectors.register(lead, RegisterFilters(lead="B"))] == ["2"]
    assert [r.number for r in selectors.register(lead, RegisterFilters(responses=["pending"]))] == [
        "3"
    ]
    counts = selectors.register_counts(lead)
    assert counts["total"] == 3  # not the other council's
    assert (
        counts["response_accepted"],
        counts["response_rejected"],
        counts["response_pending"],
    ) == (1, 1, 1)
    assert (counts["status_in_progress"], counts["status_not_started"], counts["overdue"]) == (
        1,
        2,
        1,
    )


def test_database_overdue_matches_the_rule(council):
    today = timezone.localdate()
    source = SourceFactory(organisation=council)
    combos = list(
        product(
            [-3, 0, 3, None],
            ["not_started", "in_progress", "completed", "superseded"],
            ["pending", "accepted", "rejected"],
        )
    )
    for number, (offset, status, response) in enumerate(combos, start=1):
        RecommendationFactory(
            source=source,
            number=number,
            status=status,
            response=response,
            reason="r" if response == "rejected" else "",
            milestone=None if offset is None else today + timedelta(days=offset),
        )
    in_db = set(
        Recommendation.objects.filter(selectors.overdue_q(today)).values_list("number", flat=True)
    )
    by_rule = {
        r.number
        for r in Recommendation.objects.all()
        if rules.is_overdue(r.milestone, r.status, today, r.response)
    }
    assert in_db == by_rule and in_db
    unsettled = set(
        Recommendation.objects.filter(selectors.unsettled_q()).values_list("number", flat=True)
    )
    assert unsettled == {
        r.number
        for r in Recommendation.objects.all()
        if not rules.is_settled(r.status, r.response, r.reason)
    }


def test_source_counts_are_per_recommendation(lead, source):
    today = timezone.localdate()
    Recommendation.objects.filter(source=source, number=1).update(status="completed")
    Recommendation.objects.filter(source=source, number=2).update(
        milestone=today - timedelta(days=2)
    )
    row = selectors.sources_with_counts(lead).get()
    assert (row.total, row.outstanding, row.overdue) == (3, 2, 1)


def _bulk(source, count):
    today = timezone.localdate()
    statuses = ["not_started", "in_progress", "completed", "superseded"]
    Recommendation.objects.bulk_create(
        Recommendation(
            source=source,
            number=n,
            text=f"Recommendation {n}",
            lead=f"Lead {n % 7}",
            status=statuses[n % 4],
            response="accepted",
            milestone=today + timedelta(days=(n % 60) - 30),
        )
        for n in range(1, count + 1)
    )


def test_register_page_issues_constant_queries_with_5000_rows(
    client, lead, council, django_assert_max_num_queries
):
    sources = [SourceFactory(organisation=council) for _ in range(5)]
    for source in sources:
        _bulk(source, 1000)
    client.force_login(lead)
    url = reverse("recommendations:register")
    # Warm up once (session, grants), then count a filtered, sorted, later page.
    client.get(url)
    with django_assert_max_num_queries(12) as small:
        response = client.get(url, {"sort": "lead", "dir": "desc", "page": 40, "overdue": "on"})
    assert response.status_code == 200
    assert "Overdue" in response.content.decode()
    assert (
        response.context["page"].paginator.count
        == Recommendation.objects.filter(selectors.overdue_q(timezone.localdate())).count()
    )
    assert len(small.captured_queries) <= 12


def test_register_query_count_does_not_grow_with_rows(
    client, lead, council, django_assert_num_queries
):
    source = SourceFactory(organisation=council)
    _bulk(source, 10)
    client.force_login(lead)
    url = reverse("recommendations:register")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _bulk(SourceFactory(organisation=council), 500)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)
