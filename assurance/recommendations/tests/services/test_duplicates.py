"""Duplicates across a council's sources: one action answers both."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assurance.recommendations import services
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(council, source):
    national = SourceFactory(organisation=council, kind="national", title="National review")
    duplicate = RecommendationFactory(source=national, number=1, response="accepted")
    return source.recommendations.get(number=1), duplicate


def test_progress_on_one_answers_the_linked_duplicate(lead, pair):
    answering, duplicate = pair
    services.recommendation_link(actor=lead, recommendation=duplicate, answered_by=answering)
    services.progress_add(
        actor=lead, recommendation=answering, entry="Plan published", status="completed"
    )
    duplicate.refresh_from_db()
    assert duplicate.status == "completed" and duplicate.completed_on
    note = duplicate.progress.get().entry
    assert note.startswith("Answered through recommendation 1") and "Plan published" in note


def test_links_are_checked(lead, other_lead, council, other_council, pair):
    answering, duplicate = pair
    with pytest.raises(ValidationError, match="itself"):
        services.recommendation_link(actor=lead, recommendation=answering, answered_by=answering)
    same_source = RecommendationFactory(source=answering.source, number=7)
    with pytest.raises(ValidationError, match="different sources"):
        services.recommendation_link(actor=lead, recommendation=same_source, answered_by=answering)
    elsewhere = RecommendationFactory(source=SourceFactory(organisation=other_council))
    with pytest.raises(ValidationError, match="same council"):
        services.recommendation_link(actor=lead, recommendation=duplicate, answered_by=elsewhere)
    with pytest.raises(PermissionDenied):
        services.recommendation_link(
            actor=other_lead, recommendation=duplicate, answered_by=answering
        )
    services.recommendation_link(actor=lead, recommendation=duplicate, answered_by=answering)
    assert services.recommendation_unlink(actor=lead, recommendation=duplicate).answered_by is None
