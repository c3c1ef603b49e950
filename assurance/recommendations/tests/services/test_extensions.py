"""Extensions: asked for by the council, decided by the source's approver;
both dates kept; overdue against the date in force."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assurance.accounts.permissions import Action
from assurance.accounts.tests.factories import assessor_for
from assurance.recommendations import services
from assurance.recommendations.selectors import get_recommendation_for
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(council):
    source = SourceFactory(organisation=council, kind="assessment")
    return RecommendationFactory(
        source=source,
        number=1,
        response="accepted",
        status="in_progress",
        milestone=timezone.localdate() - timedelta(days=5),
    )


def _ask(lead, item, days=60):
    return services.extension_request(
        actor=lead,
        recommendation=item,
        requested_date=timezone.localdate() + timedelta(days=days),
        reason="The board meets in the autumn.",
    )


def test_a_granted_extension_becomes_the_date_in_force(lead, council, late):
    assert get_recommendation_for(lead, late.pk, purpose=Action.VIEW_RECORDS).overdue
    extension = _ask(lead, late)
    with pytest.raises(ValidationError, match="already"):
        _ask(lead, late, days=90)
    with pytest.raises(PermissionDenied):
        services.extension_decide(actor=lead, extension=extension, grant=True)
    services.extension_decide(actor=assessor_for(council), extension=extension, grant=True)
    item = get_recommendation_for(lead, late.pk, purpose=Action.VIEW_RECORDS)
    assert item.milestone == late.milestone  # the original is kept
    assert item.revised_milestone == extension.requested_date
    assert not item.overdue


def test_a_refusal_needs_a_reason_and_changes_no_date(lead, council, late):
    extension = _ask(lead, late)
    assessor = assessor_for(council)
    with pytest.raises(ValidationError, match="why"):
        services.extension_decide(actor=assessor, extension=extension, grant=False)
    services.extension_decide(
        actor=assessor, extension=extension, grant=False, note="Not without a plan."
    )
    late.refresh_from_db()
    assert late.revised_milestone is None
    with pytest.raises(ValidationError, match="already been decided"):
        services.extension_decide(actor=assessor, extension=extension, grant=True)


def test_the_new_date_must_be_later_and_another_council_cannot_ask(lead, other_lead, late):
    with pytest.raises(ValidationError, match="after the date in force"):
        _ask(lead, late, days=-10)
    with pytest.raises(PermissionDenied):
        _ask(other_lead, late)


def test_a_stale_form_is_refused(lead, late):
    with pytest.raises(ValidationError, match="Someone else"):
        services.extension_request(
            actor=lead,
            recommendation=late,
            requested_date=timezone.localdate() + timedelta(days=30),
            reason="More time",
            expected_version=late.version + 1,
        )
