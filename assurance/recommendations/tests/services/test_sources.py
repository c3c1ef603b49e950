"""Recording sources and their recommendations."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assurance.accounts.tests.factories import assessor_for
from assurance.recommendations import services
from assurance.recommendations.models import RecommendationSource
from assurance.recommendations.services import ResponseInput

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


def test_numbers_like_2a_and_1_1_are_accepted_and_sorted_naturally(lead, council):
    source = services.source_create(
        actor=lead,
        organisation=council,
        kind="scrutiny_review",
        title="Review",
        made_by="Panel",
        made_on=date(2026, 5, 1),
        recommendations=[("10", "Ten", None), ("2a", "Two a", None), ("1.1", "One one", None)],
    )
    services.recommendation_add(actor=lead, source=source, number="2", text="Two")
    assert [r.number for r in source.recommendations.all()] == ["1.1", "2", "2a", "10"]
    with pytest.raises(ValidationError, match="such as 3, 2a or 1.1"):
        services.recommendation_add(actor=lead, source=source, number="two", text="Bad")
