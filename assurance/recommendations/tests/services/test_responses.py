"""The council's response."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from assurance.recommendations import services
from assurance.recommendations.models import Recommendation
from assurance.recommendations.services import ResponseInput
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _respond_all(source, response="accepted", **extra):
    return [
        ResponseInput(recommendation_id=r.pk, response=response, lead="Head of Safety", **extra)
        for r in source.recommendations.all()
    ]


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
