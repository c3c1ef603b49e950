"""Issuing an assessment puts its closing recommendations in the council's
register; reissuing updates them without losing the council's responses."""

import pytest

from assurance.accounts.models import Role
from assurance.accounts.permissions import Action
from assurance.accounts.tests.factories import user_with_role
from assurance.assessments import services
from assurance.recommendations.models import RecommendationSource, Response, SourceKind, Status
from assurance.recommendations.selectors import visible_sources
from assurance.recommendations.services import ResponseInput, source_respond

from .factories import complete_self_assessment, issue, open_assessment, score_all, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(version, council, lead, assessor):
    assessment = open_assessment(assessor=assessor, version=version, organisation=council)
    complete_self_assessment(assessment, lead)
    submit(assessment, lead)
    score_all(assessment, assessor)
    first = version.criteria.order_by("number").first()
    services.recommendation_add(
        actor=assessor, assessment=assessment, text="Refresh the risk picture.", criterion=first
    )
    services.recommendation_add(actor=assessor, assessment=assessment, text="Publish a plan.")
    return assessment


def _issue(assessment, assessor, moderator):
    services.assessment_ready_for_moderation(actor=assessor, assessment=assessment)
    services.moderation_agree(actor=moderator, assessment=assessment)
    issue(assessment, assessor)
    return RecommendationSource.objects.get(kind="assessment", origin_id=assessment.pk)


def test_issuing_puts_the_recommendations_in_the_councils_register(
    scored, version, lead, assessor, second_assessor, other_council
):
    source = _issue(scored, assessor, second_assessor)
    assert source.kind == SourceKind.ASSESSMENT and source.organisation == scored.organisation
    items = list(source.recommendations.order_by("number"))
    assert [(r.number, r.text) for r in items] == [
        ("1", "Refresh the risk picture."),
        ("2", "Publish a plan."),
    ]
    assert items[0].criterion == version.criteria.order_by("number").first()
    assert items[1].criterion is None
    assert list(visible_sources(lead, purpose=Action.VIEW_RECORDS)) == [source]
    outsider = user_with_role(Role.COUNCIL_LEAD, other_council)
    assert not visible_sources(outsider, purpose=Action.VIEW_RECORDS).exists()


def test_reissue_keeps_responses_adds_new_and_supersedes_dropped(
    scored, lead, assessor, second_assessor
):
    source = _issue(scored, assessor, second_assessor)
    first, second = source.recommendations.order_by("number")
    source_respond(
        actor=lead,
        source=source,
        responses=[
            ResponseInput(first.pk, Response.ACCEPTED, lead="Prevent lead"),
            ResponseInput(second.pk, Response.PENDING),
        ],
    )
    services.assessment_reopen(actor=assessor, assessment=scored, reason="Plan already exists.")
    dropped = scored.recommendations.get(number=2)
    services.recommendation_remove(actor=assessor, recommendation=dropped)
    services.recommendation_add(actor=assessor, assessment=scored, text="Train venue staff.")
    again = _issue(scored, assessor, second_assessor)

    assert again.pk == source.pk
    items = {int(r.number): r for r in again.recommendations.all()}
    assert items[1].response == Response.ACCEPTED and items[1].lead == "Prevent lead"
    assert items[2].status == Status.SUPERSEDED
    assert "withdrawn" in items[2].progress.get().entry
    assert items[3].text == "Train venue staff."


def test_the_council_cannot_add_its_own_items_to_an_assessment_source(
    scored, lead, assessor, second_assessor
):
    from django.core.exceptions import ValidationError

    from assurance.recommendations.services import recommendation_add

    source = _issue(scored, assessor, second_assessor)
    with pytest.raises(ValidationError, match="come from the issued"):
        recommendation_add(actor=lead, source=source, number=9, text="Ours")
