import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assurance.assessments import services
from assurance.assessments.models import Assessment, CriterionResponse
from assurance.assessments.rules import Status
from assurance.assessments.selectors import issued_recommendations

from .factories import (
    complete_self_assessment,
    issue,
    level,
    open_assessment,
    score_all,
    submit,
    to_awaiting_moderation,
    to_moderated,
)


@pytest.fixture
def assessment(version, council, assessor):
    return open_assessment(assessor=assessor, version=version, organisation=council)


@pytest.fixture
def submitted(assessment, lead):
    complete_self_assessment(assessment, lead, levels=[3, 3, 4, 2])
    return submit(assessment, lead)


def _first(assessment):
    return assessment.responses.select_related("criterion").order_by("criterion__number").first()


def _score(actor, response, value=3, **kw):
    return services.criterion_score_save(
        actor=actor,
        response=response,
        expected_version=kw.pop("expected_version", response.version),
        level=level(response.criterion.framework_version, value) if value else None,
        good_practice="Good.",
        areas_for_development="Develop.",
        rationale=kw.pop("rationale", f"Matches level {value}."),
        reason=kw.pop("reason", ""),
    )


# --- Scoring --------------------------------------------------------------------


def test_scoring_starts_after_submission(assessment, submitted, assessor):
    response = _score(assessor, _first(submitted), 4)
    assert response.assessed_level.value == 4 and response.assessed_by == assessor
    assert response.self_level.value == 3  # the council's proposal is kept beside it
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SCORING


def test_scoring_before_submission_is_refused(assessment, assessor):
    with pytest.raises(ValidationError, match="You cannot score"):
        _score(assessor, _first(assessment))


@pytest.mark.parametrize("who", ["lead", "other_assessor", "analyst"])
def test_only_an_assessor_in_scope_scores(submitted, who, request):
    with pytest.raises(PermissionDenied):
        _score(request.getfixturevalue(who), _first(submitted))


def test_a_score_needs_a_rationale_and_a_changed_level_needs_a_reason(submitted, assessor):
    with pytest.raises(ValidationError, match="Say which descriptor"):
        _score(assessor, _first(submitted), 3, rationale="")
    response = _score(assessor, _first(submitted), 3)
    with pytest.raises(ValidationError, match="changed from 3 to 4"):
        _score(assessor, response, 4)
    response = _score(assessor, response, 4, reason="New evidence on the plan.")
    history = response.history.order_by("-history_date").first()
    assert history.history_change_reason == "New evidence on the plan."
    assert history.history_user == assessor


def test_two_assessors_saving_the_same_criterion(submitted, assessor, second_assessor):
    stale = _first(submitted)
    _score(assessor, stale, 3)
    with pytest.raises(ValidationError, match="while you were editing"):
        _score(second_assessor, stale, 4, expected_version=stale.version)


def test_ready_for_moderation_lists_what_is_missing(submitted, assessor):
    _score(assessor, _first(submitted), 3)
    with pytest.raises(ValidationError) as refused:
        services.assessment_ready_for_moderation(actor=assessor, assessment=submitted)
    text = " ".join(refused.value.messages)
    assert "Not scored yet: 2. Criterion title 2" in text and "Write the overall summary." in text


def test_recommendations_are_numbered_and_renumbered(submitted, assessor):
    criterion = _first(submitted).criterion
    first = services.recommendation_add(
        actor=assessor, assessment=submitted, text="One", criterion=criterion
    )
    services.recommendation_add(actor=assessor, assessment=submitted, text="Two")
    services.recommendation_add(actor=assessor, assessment=submitted, text="Three")
    services.recommendation_remove(actor=assessor, recommendation=first)
    assert list(submitted.recommendations.values_list("number", "text")) == [
        (1, "Two"),
        (2, "Three"),
    ]


# --- Moderation -----------------------------------------------------------------


def test_the_assessor_cannot_moderate_their_own_scores(assessment, lead, assessor):
    to_awaiting_moderation(assessment, lead, assessor)
    with pytest.raises(PermissionDenied, match="someone else must moderate"):
        services.moderation_agree(actor=assessor, assessment=assessment)


def test_another_assessor_or_a_moderating_analyst_may_agree(assessment, lead, assessor, analyst):
    to_awaiting_moderation(assessment, lead, assessor, levels=[4, 5, 3, 2])
    agreed = services.moderation_agree(actor=analyst, assessment=assessment)
    assert agreed.status == Status.MODERATED and agreed.moderated_by == analyst
    values = list(
        assessment.responses.order_by("criterion__number").values_list(
            "self_level__value", "assessed_level__value", "moderated_level__value"
        )
    )
    assert values == [(4, 4, 4), (5, 5, 5), (3, 3, 3), (2, 2, 2)]


def test_an_assessor_from_elsewhere_cannot_moderate(assessment, lead, assessor, other_assessor):
    to_awaiting_moderation(assessment, lead, assessor)
    with pytest.raises(PermissionDenied):
        services.moderation_agree(actor=other_assessor, assessment=assessment)


def test_moderator_may_move_a_level_with_a_reason(assessment, lead, assessor, second_assessor):
    to_awaiting_moderation(assessment, lead, assessor, levels=[4, 3, 3, 3])
    response = _first(assessment)
    with pytest.raises(ValidationError, match="moves from 4 to 3"):
        services.moderation_agree(
            actor=second_assessor,
            assessment=assessment,
            changes={response.pk: (level(response.criterion.framework_version, 3), "")},
        )
    services.moderation_agree(
        actor=second_assessor,
        assessment=assessment,
        changes={
            response.pk: (
                level(response.criterion.framework_version, 3),
                "Higher than similar councils.",
            )
        },
    )
    response.refresh_from_db()
    assert (
        response.self_level.value,
        response.assessed_level.value,
        response.moderated_level.value,
    ) == (4, 4, 3)
    assert response.moderation_comment == "Higher than similar councils."
    assert (
        response.history.first().history_change_reason == "Moderated: Higher than similar councils."
    )


def test_returning_needs_comments_and_goes_back_to_the_assessor(
    assessment, lead, assessor, second_assessor
):
    to_awaiting_moderation(assessment, lead, assessor)
    with pytest.raises(ValidationError, match="Say what the assessor should look at again"):
        services.moderation_return(actor=second_assessor, assessment=assessment)
    response = _first(assessment)
    returned = services.moderation_return(
        actor=second_assessor,
        assessment=assessment,
        comments={response.pk: "Level 3 looks generous."},
    )
    assert returned.status == Status.RETURNED
    assert (
        CriterionResponse.objects.get(pk=response.pk).moderation_comment
        == "Level 3 looks generous."
    )
    _score(
        assessor,
        CriterionResponse.objects.get(pk=response.pk),
        2,
        reason="Agree with the moderator.",
    )
    assert services.assessment_ready_for_moderation(
        actor=assessor, assessment=assessment
    ).status == (Status.AWAITING_MODERATION)


def test_a_council_user_cannot_moderate(assessment, lead, assessor):
    to_awaiting_moderation(assessment, lead, assessor)
    with pytest.raises(PermissionDenied):
        services.moderation_agree(actor=lead, assessment=assessment)


# --- Issue and reopen -------------------------------------------------------------


def test_issue_stores_the_letter_and_makes_the_assessment_read_only(
    assessment, lead, assessor, second_assessor
):
    to_moderated(assessment, lead, assessor, second_assessor)
    letter = issue(assessment, assessor)
    assert letter.version_number == 1
    pdf = letter.pdf.open("rb").read()
    assert hashlib.sha256(pdf).hexdigest() == letter.pdf_sha256
    assert hashlib.sha256(letter.docx.open("rb").read()).hexdigest() == letter.docx_sha256
    assessment.refresh_from_db()
    assert assessment.status == Status.ISSUED and assessment.issued_by == assessor
    with pytest.raises(ValidationError, match="issued and is read-only"):
        _score(assessor, _first(assessment), 2, reason="x")
    with pytest.raises(ValidationError, match="issued and is read-only"):
        services.recommendation_add(actor=assessor, assessment=assessment, text="Late")


def test_issue_only_after_moderation_and_only_by_an_assessor(assessment, lead, assessor, analyst):
    to_awaiting_moderation(assessment, lead, assessor)
    with pytest.raises(ValidationError, match="You cannot issue"):
        issue(assessment, assessor)
    services.moderation_agree(actor=analyst, assessment=assessment)
    with pytest.raises(PermissionDenied):
        issue(assessment, analyst)


def test_reopen_needs_a_reason_and_reissue_keeps_both_letters(
    assessment, lead, assessor, second_assessor
):
    to_moderated(assessment, lead, assessor, second_assessor)
    first = issue(assessment, assessor)
    first_bytes = first.pdf.open("rb").read()
    with pytest.raises(ValidationError, match="Say why"):
        services.assessment_reopen(actor=assessor, assessment=assessment, reason=" ")
    with pytest.raises(PermissionDenied):
        services.assessment_reopen(actor=lead, assessment=assessment, reason="Please")
    services.assessment_reopen(
        actor=assessor, assessment=assessment, reason="Typo in feedback on 2."
    )
    assert assessment.history.first().history_change_reason == "Reopened: Typo in feedback on 2."
    response = _first(assessment)
    _score(assessor, response, 3, rationale="Still level 3.")
    services.assessment_ready_for_moderation(actor=assessor, assessment=assessment)
    services.moderation_agree(actor=second_assessor, assessment=assessment)
    second = issue(assessment, assessor)
    assert second.version_number == 2
    assert list(assessment.letters.values_list("version_number", flat=True)) == [2, 1]
    first.refresh_from_db()
    assert first.pdf.open("rb").read() == first_bytes


def test_recommendations_reach_the_register_only_once_issued(
    assessment, lead, assessor, second_assessor
):
    complete_self_assessment(assessment, lead)
    submit(assessment, lead)
    score_all(assessment, assessor)
    services.recommendation_add(actor=assessor, assessment=assessment, text="Publish a plan.")
    assert not issued_recommendations(assessment).exists()
    services.assessment_ready_for_moderation(actor=assessor, assessment=assessment)
    services.moderation_agree(actor=second_assessor, assessment=assessment)
    issue(assessment, assessor)
    assert [r.text for r in issued_recommendations(assessment)] == ["Publish a plan."]
