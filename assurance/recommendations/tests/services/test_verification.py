"""Verified closure: addressed with evidence by the council, verified or
sent back by the body that made the recommendation, reopened with a reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assurance.accounts.tests.factories import assessor_for
from assurance.evidence.selectors import evidence_for
from assurance.recommendations import services
from assurance.recommendations.models import Verification
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter_item(council):
    source = SourceFactory(organisation=council, kind="assessment", title="Assessment 2026")
    return RecommendationFactory(source=source, number=1, response="accepted")


def _address(lead, item, **extra):
    return services.recommendation_address(
        actor=lead,
        recommendation=item,
        statement="The plan was published.",
        evidence_title="Published plan",
        evidence_url="https://example.org/plan",
        **extra,
    )


def test_addressing_needs_evidence_and_keeps_it(lead, letter_item):
    with pytest.raises(ValidationError, match="Add evidence"):
        services.recommendation_address(actor=lead, recommendation=letter_item, statement="Done")
    item = _address(lead, letter_item)
    assert item.verification == Verification.ADDRESSED and item.status == "completed"
    assert [e.title for e in evidence_for(item)] == ["Published plan"]
    assert item.progress.first().entry.startswith("Addressed:")


def test_a_pending_or_rejected_item_cannot_be_addressed(lead, council):
    item = RecommendationFactory(source=SourceFactory(organisation=council), response="pending")
    with pytest.raises(ValidationError, match="accepted"):
        _address(lead, item)


def test_the_assessor_verifies_and_the_council_cannot(lead, council, other_lead, letter_item):
    item = _address(lead, letter_item)
    with pytest.raises(PermissionDenied):
        services.recommendation_verify(actor=lead, recommendation=item)
    with pytest.raises(PermissionDenied):
        _address(other_lead, letter_item)
    elsewhere = assessor_for()
    with pytest.raises(PermissionDenied):
        services.recommendation_verify(actor=elsewhere, recommendation=item)
    assessor = assessor_for(council)
    item = services.recommendation_verify(actor=assessor, recommendation=item)
    assert item.verification == Verification.VERIFIED and item.verified_by == assessor


def test_send_back_needs_a_reason_and_resumes_the_work(lead, council, letter_item):
    assessor = assessor_for(council)
    item = _address(lead, letter_item)
    with pytest.raises(ValidationError, match="why"):
        services.recommendation_send_back(actor=assessor, recommendation=item, reason=" ")
    item = services.recommendation_send_back(
        actor=assessor, recommendation=item, reason="The plan is a draft."
    )
    assert (item.verification, item.status) == (Verification.SENT_BACK, "in_progress")
    # Addressed again with the evidence already attached.
    item = services.recommendation_address(
        actor=lead, recommendation=item, statement="Approved by the board."
    )
    assert item.verification == Verification.ADDRESSED


def test_a_verified_item_reopens_with_a_reason(lead, council, letter_item):
    assessor = assessor_for(council)
    item = services.recommendation_verify(
        actor=assessor, recommendation=_address(lead, letter_item)
    )
    with pytest.raises(ValidationError):
        services.recommendation_reopen(actor=assessor, recommendation=item, reason="")
    item = services.recommendation_reopen(actor=assessor, recommendation=item, reason="Lapsed.")
    assert (item.verification, item.status, item.verified_by) == ("", "in_progress", None)


def test_an_item_not_verified_cannot_be_reopened(lead, council, letter_item):
    # The service applies the reopen rule: an addressed item awaiting
    # verification is sent back, never reopened, and nothing about it changes.
    assessor = assessor_for(council)
    item = _address(lead, letter_item)
    with pytest.raises(ValidationError, match="Only a verified recommendation"):
        services.recommendation_reopen(actor=assessor, recommendation=item, reason="Lapsed.")
    item.refresh_from_db()
    assert (item.verification, item.status) == (Verification.ADDRESSED, "completed")
    assert not item.progress.filter(entry__startswith="Reopened").exists()


def test_own_sources_are_verified_by_the_lead_or_a_named_verifier(
    lead, contributor, council, source
):
    item = source.recommendations.get(number=1)
    item.response = "accepted"
    item.save()
    item = _address(lead, item)
    with pytest.raises(PermissionDenied):
        services.recommendation_verify(actor=contributor, recommendation=item)
    source.verifier = contributor
    source.save()
    item.refresh_from_db()
    assert services.recommendation_verify(actor=contributor, recommendation=item).verified_by
