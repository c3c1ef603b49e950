"""Writes: permission first, the rules, and nothing half-saved."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assurance.delivery import models as m
from assurance.delivery import services

TODAY = timezone.localdate()


def _training(**values):
    base = {
        "name": "Frontline staff",
        "mode": "face_to_face",
        "mandated": True,
        "cohort_size": 100,
        "trained": 40,
        "as_at": TODAY,
        "marking": "OFFICIAL",
        "criteria": [],
    }
    return base | values


def test_a_lead_records_training_figures(lead, council):
    cohort = services.delivery_record_create(
        actor=lead, slug="training", organisation=council, values=_training()
    )
    assert cohort.organisation == council and cohort.history.count() == 1


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"trained": -3}, "trained", "cannot be negative"),
        ({"trained": "2.5"}, "trained", "not a fraction"),
        ({"trained": 101}, "trained", "cannot be more than the cohort size"),
        ({"as_at": TODAY + timedelta(days=3)}, "as_at", "cannot be in the future"),
    ],
)
def test_bad_training_figures_save_nothing(lead, council, values, field, message):
    with pytest.raises(ValidationError) as caught:
        services.delivery_record_create(
            actor=lead, slug="training", organisation=council, values=_training(**values)
        )
    assert message in caught.value.message_dict[field][0]
    assert not m.TrainingCohort.objects.exists()


def test_a_meeting_in_the_future_cannot_be_held(lead, council, records):
    values = {
        "body": records.body,
        "meeting_on": TODAY + timedelta(days=7),
        "status": "held",
        "sectors_attending": [],
        "plan_reviewed": False,
        "note": "",
    }
    with pytest.raises(ValidationError) as caught:
        services.delivery_record_create(
            actor=lead, slug="meetings", organisation=council, values=values
        )
    assert "cannot be marked as held" in caught.value.message_dict["meeting_on"][0]
    values["status"] = "planned"
    services.delivery_record_create(
        actor=lead, slug="meetings", organisation=council, values=values
    )


def test_dates_out_of_order(lead, council, records):
    values = {
        "plan": records.plan,
        "reference": "B2",
        "title": "x",
        "owner": "Lead",
        "start_on": TODAY,
        "due_on": TODAY - timedelta(days=1),
        "status": "not_started",
        "risks": [],
        "criteria": [],
    }
    with pytest.raises(ValidationError) as caught:
        services.delivery_record_create(
            actor=lead, slug="actions", organisation=council, values=values
        )
    assert caught.value.message_dict["due_on"] == [
        "The due date must be on or after the start date."
    ]


def test_another_councils_parent_is_refused(lead, council, other_records):
    values = {
        "body": other_records.body,
        "meeting_on": TODAY,
        "status": "held",
        "sectors_attending": [],
        "plan_reviewed": False,
        "note": "",
    }
    with pytest.raises(ValidationError):
        services.delivery_record_create(
            actor=lead, slug="meetings", organisation=council, values=values
        )


def test_a_second_figure_for_the_same_quarter_and_sector_is_refused(lead, council, records):
    values = {
        "period": records.referral.period,
        "quarter": records.referral.quarter,
        "sector": "education",
        "count": 2,
        "marking": "OFFICIAL",
        "criteria": [],
    }
    with pytest.raises(ValidationError, match="already recorded"):
        services.delivery_record_create(
            actor=lead, slug="referrals", organisation=council, values=values
        )


def test_viewers_and_other_councils_cannot_write(viewer, other_lead, council, records):
    for actor in (viewer, other_lead):
        with pytest.raises(PermissionDenied):
            services.delivery_record_create(
                actor=actor, slug="training", organisation=council, values=_training()
            )
        with pytest.raises(PermissionDenied):
            services.delivery_record_update(
                actor=actor, slug="policies", record=records.policy, values={"title": "x"}
            )


def test_contributors_edit_and_history_keeps_the_change(contributor, records):
    services.delivery_record_update(
        actor=contributor,
        slug="policies",
        record=records.policy,
        values={"last_reviewed_on": TODAY, "next_review_on": TODAY + timedelta(days=365)},
    )
    records.policy.refresh_from_db()
    assert records.policy.last_reviewed_on == TODAY
    assert records.policy.history.first().history_change_reason == "Changed policy"


def test_progress_update(lead, records):
    update = services.action_update_add(
        actor=lead, action=records.action, recorded_on=TODAY, note="Half done."
    )
    assert update.recorded_by == lead
    with pytest.raises(ValidationError):
        services.action_update_add(actor=lead, action=records.action, recorded_on=TODAY, note=" ")


def test_an_import_with_a_bad_row_saves_nothing(lead, council, records):
    rows = [
        {
            "row": 2,
            "name": "A",
            "mode": "e_learning",
            "mandated": True,
            "cohort_size": 10,
            "trained": 5,
            "as_at": TODAY,
        },
        {
            "row": 3,
            "name": "B",
            "mode": "e_learning",
            "mandated": True,
            "cohort_size": 10,
            "trained": 50,
            "as_at": TODAY,
        },
    ]
    before = m.TrainingCohort.objects.count()
    with pytest.raises(ValidationError, match="Row 3"):
        services.delivery_rows_import(actor=lead, slug="training", organisation=council, rows=rows)
    assert m.TrainingCohort.objects.count() == before
