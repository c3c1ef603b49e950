"""Writes: permission first, rules enforced, all or nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.recommendations import services
from assurance.recommendations.models import Recommendation, RecommendationSource
from assurance.recommendations.services import ResponseInput
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _respond_all(source, response="accepted", **extra):
    return [
        ResponseInput(recommendation_id=r.pk, response=response, lead="Head of Safety", **extra)
        for r in source.recommendations.all()
    ]


# --- source_create --------------------------------------------------------


def test_source_create_with_recommendations(lead, council):
    source = services.source_create(
        actor=lead,
        organisation=council,
        kind="peer_review",
        title="Peer review 2026",
        made_by="Home Office peer team",
        made_on=date(2026, 3, 1),
        reference="PR/1",
        recommendations=[(1, "Refresh the plan", None), (2, "Train the staff", None)],
    )
    assert [r.text for r in source.recommendations.all()] == ["Refresh the plan", "Train the staff"]
    assert source.recommendations.first().history.count() == 1


def test_source_create_refuses_another_councils_lead(other_lead, council):
    with pytest.raises(PermissionDenied):
        services.source_create(
            actor=other_lead,
            organisation=council,
            kind="other",
            title="T",
            made_by="B",
            made_on=date(2026, 1, 1),
        )


def test_source_create_is_for_the_council_not_the_issuing_assessor(council):
    """An assessor's recommendations reach the register only through the intake."""
    with pytest.raises(PermissionDenied):
        services.source_create(
            actor=assessor_for(council),
            organisation=council,
            kind="assessment",
            title="Assessment 2026",
            made_by="Home Office",
            made_on=date(2026, 5, 1),
            recommendations=[(1, "Do X", None)],
        )


def test_source_create_rejects_duplicate_numbers_and_saves_nothing(lead, council):
    with pytest.raises(ValidationError) as error:
        services.source_create(
            actor=lead,
            organisation=council,
            kind="other",
            title="T",
            made_by="B",
            made_on=date(2026, 1, 1),
            recommendations=[(1, "a", None), (1, "b", None)],
        )
    assert "Recommendation 1 appears more than once." in error.value.messages
    assert not RecommendationSource.objects.exists()


# --- source_respond -----------------------------------------------------------


def test_respond_saves_every_line(lead, source):
    milestone = date(2027, 3, 31)
    services.source_respond(
        actor=lead, source=source, responses=_respond_all(source, milestone=milestone)
    )
    assert set(source.recommendations.values_list("response", "lead", "milestone")) == {
        ("accepted", "Head of Safety", milestone)
    }


def test_respond_needs_a_reason_for_rejection_and_saves_nothing(lead, source):
    first, second, third = source.recommendations.all()
    responses = [
        ResponseInput(first.pk, "accepted", lead="A"),
        ResponseInput(second.pk, "rejected", reason="  "),
        ResponseInput(third.pk, "partially_accepted", reason="Budget is limited"),
    ]
    with pytest.raises(ValidationError) as error:
        services.source_respond(actor=lead, source=source, responses=responses)
    assert error.value.messages == ["Recommendation 2: give a reason for a response of “rejected”."]
    assert set(source.recommendations.values_list("response", flat=True)) == {"pending"}


def test_the_database_also_refuses_a_rejection_without_reason(source):
    with pytest.raises(IntegrityError):
        Recommendation.objects.filter(source=source, number=1).update(response="rejected")


def test_respond_refuses_viewer_contributor_and_other_council(
    viewer, contributor, other_lead, source
):
    for user in (viewer, contributor, other_lead):
        with pytest.raises(PermissionDenied):
            services.source_respond(actor=user, source=source, responses=_respond_all(source))


def test_respond_refuses_a_lead_person_from_another_council(lead, other_lead, source):
    item = source.recommendations.first()
    with pytest.raises(ValidationError):
        services.source_respond(
            actor=lead,
            source=source,
            responses=[ResponseInput(item.pk, "accepted", lead_user_id=other_lead.pk)],
        )


def test_respond_refuses_recommendations_of_another_source(lead, council, source):
    stray = RecommendationFactory(source=SourceFactory(organisation=council), number=1)
    with pytest.raises(ValidationError):
        services.source_respond(
            actor=lead, source=source, responses=[ResponseInput(stray.pk, "accepted")]
        )


# --- progress_add ---------------------------------------------------------------


def test_progress_moves_status_and_records_completion(contributor, source):
    item = source.recommendations.first()
    services.progress_add(
        actor=contributor, recommendation=item, entry="Begun", status="in_progress"
    )
    entry = services.progress_add(
        actor=contributor, recommendation=item, entry="Finished", status="completed"
    )
    item.refresh_from_db()
    assert item.status == "completed"
    assert item.completed_on == timezone.localdate()
    assert (entry.status_from, entry.status_to, entry.author) == (
        "in_progress",
        "completed",
        contributor,
    )
    assert list(item.progress.values_list("entry", flat=True)) == ["Finished", "Begun"]


def test_progress_refuses_viewer_and_other_council(viewer, other_lead, source):
    item = source.recommendations.first()
    for user in (viewer, other_lead):
        with pytest.raises(PermissionDenied):
            services.progress_add(actor=user, recommendation=item, entry="x")


def test_progress_refuses_future_completion_date_and_empty_entry(lead, source):
    item = source.recommendations.first()
    with pytest.raises(ValidationError) as error:
        services.progress_add(
            actor=lead,
            recommendation=item,
            entry=" ",
            status="completed",
            completed_on=timezone.localdate() + timedelta(days=1),
        )
    assert error.value.messages == [
        "Describe the progress made.",
        "The date completed cannot be in the future.",
    ]
    assert not item.progress.exists()


# --- closing and reopening ---------------------------------------------------------


def _settle(source):
    first, second, third = source.recommendations.all()
    Recommendation.objects.filter(pk=first.pk).update(status="completed")
    Recommendation.objects.filter(pk=second.pk).update(status="superseded")
    Recommendation.objects.filter(pk=third.pk).update(
        response="rejected", reason="In place already"
    )


def test_close_is_refused_while_anything_is_outstanding(lead, source):
    Recommendation.objects.filter(source=source, number=1).update(status="completed")
    Recommendation.objects.filter(source=source, number=2).update(status="in_progress")
    with pytest.raises(ValidationError) as error:
        services.source_close(actor=lead, source=source, closing_statement="All done")
    assert error.value.messages == [
        "Recommendation 2 has no response yet and is in progress.",
        "Recommendation 3 has no response yet and has not been started.",
    ]
    source.refresh_from_db()
    assert source.status == "open"


def test_close_then_reopen_is_recorded(lead, source):
    _settle(source)
    services.source_close(actor=lead, source=source, closing_statement="Signed off by the board")
    source.refresh_from_db()
    assert (source.status, source.closed_by, source.closing_statement) == (
        "closed",
        lead,
        "Signed off by the board",
    )
    with pytest.raises(ValidationError):
        services.progress_add(actor=lead, recommendation=source.recommendations.first(), entry="x")
    services.source_reopen(actor=lead, source=source, reason="New evidence from the audit")
    source.refresh_from_db()
    assert source.status == "open" and source.closed_by is None
    reasons = list(source.history.values_list("history_change_reason", flat=True))
    assert reasons[:2] == ["Reopened: New evidence from the audit", "Closed"]


def test_close_needs_a_statement_and_the_close_action(lead, contributor, other_lead, source):
    _settle(source)
    with pytest.raises(ValidationError):
        services.source_close(actor=lead, source=source, closing_statement=" ")
    for user in (contributor, other_lead):
        with pytest.raises(PermissionDenied):
            services.source_close(actor=user, source=source, closing_statement="ok")


def test_a_partnership_member_can_read_but_not_close(source, council):
    from assurance.organisations.tests.factories import OrganisationFactory, PartnershipFactory

    partner = OrganisationFactory()
    source.partnership = PartnershipFactory(members=[council, partner])
    source.save()
    partner_lead = user_with_role(Role.COUNCIL_LEAD, partner)
    _settle(source)
    with pytest.raises(PermissionDenied):
        services.source_close(actor=partner_lead, source=source, closing_statement="ok")


# --- import -------------------------------------------------------------------------


def test_import_refuses_numbers_taken_since_the_preview(lead, source):
    from assurance.recommendations.importing import ImportRow

    rows = [ImportRow(row=2, number=4, text="New"), ImportRow(row=3, number=2, text="Clash")]
    with pytest.raises(ValidationError) as error:
        services.recommendations_import(actor=lead, source=source, rows=rows)
    assert "already used in this source: 2" in error.value.messages[0]
    assert source.recommendations.count() == 3


def test_import_creates_rows_with_history(lead, source):
    from assurance.recommendations.importing import ImportRow

    rows = [ImportRow(row=2, number=4, text="New", response="rejected", reason="No budget")]
    created = services.recommendations_import(actor=lead, source=source, rows=rows)
    assert created[0].history.first().history_user == lead
    assert source.recommendations.get(number=4).reason == "No budget"


def test_import_refused_for_other_council(other_lead, source):
    from assurance.recommendations.importing import ImportRow

    with pytest.raises(PermissionDenied):
        services.recommendations_import(
            actor=other_lead, source=source, rows=[ImportRow(row=2, number=9, text="x")]
        )
