"""Closing and reopening a source."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.recommendations import services
from assurance.recommendations.models import Recommendation
from assurance.recommendations.services import ResponseInput

pytestmark = pytest.mark.django_db


def _respond_all(source, response="accepted", **extra):
    return [
        ResponseInput(recommendation_id=r.pk, response=response, lead="Head of Safety", **extra)
        for r in source.recommendations.all()
    ]


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


def test_reopening_by_hand_and_by_reissue_both_clear_the_closing_statement(lead, source):
    from assurance.recommendations.services.closure import reopen

    for item in source.recommendations.all():
        item.status = "completed"
        item.save()
    services.source_close(actor=lead, source=source, closing_statement="Agreed by scrutiny.")
    source.refresh_from_db()
    reopen(source, "Reopened because the assessment was reissued")
    source.refresh_from_db()
    assert (source.status, source.closing_statement, source.closed_by) == ("open", "", None)
    assert source.history.first().history_change_reason.startswith("Reopened")
    assert source.history.all()[1].closing_statement == "Agreed by scrutiny."
