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


# --- recommendation_respond: one recommendation, from its own page ------------


def test_respond_to_one_saves_and_moves_the_version(lead, source):
    item = source.recommendations.get(number=1)
    answer = ResponseInput(recommendation_id=item.pk, response="accepted", lead="Head of Safety")
    saved = services.recommendation_respond(
        actor=lead, recommendation=item, response=answer, expected_version=item.version
    )
    assert (saved.response, saved.lead, saved.version) == ("accepted", "Head of Safety", 2)


def test_two_people_saving_at_once_never_overwrite_silently(lead, source):
    item = source.recommendations.get(number=1)
    drawn = item.version
    first = ResponseInput(recommendation_id=item.pk, response="accepted", lead="Head of Safety")
    services.recommendation_respond(
        actor=lead, recommendation=item, response=first, expected_version=drawn
    )
    second = ResponseInput(
        recommendation_id=item.pk, response="rejected", reason="No budget", lead="Someone else"
    )
    with pytest.raises(ValidationError, match="Someone else saved"):
        services.recommendation_respond(
            actor=lead, recommendation=item, response=second, expected_version=drawn
        )
    item.refresh_from_db()
    assert (item.response, item.lead) == ("accepted", "Head of Safety")
    # The whole-source form also moves the version, so a page drawn before it is stale.
    services.source_respond(
        actor=lead,
        source=source,
        responses=_respond_all(source, "partially_accepted", reason="In part"),
    )
    with pytest.raises(ValidationError, match="Someone else saved"):
        services.progress_add(
            actor=lead, recommendation=item, entry="Met", expected_version=item.version
        )


def test_respond_to_one_refused_for_another_council(other_lead, source):
    item = source.recommendations.get(number=1)
    answer = ResponseInput(recommendation_id=item.pk, response="accepted")
    with pytest.raises(PermissionDenied):
        services.recommendation_respond(
            actor=other_lead, recommendation=item, response=answer, expected_version=None
        )
