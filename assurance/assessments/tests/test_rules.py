"""The status machine and stage rules, without the database."""

import pytest

from assurance.assessments import rules
from assurance.assessments.rules import CriterionState, Event, Status, TaskStatus

S, E = Status, Event


@pytest.mark.parametrize(
    ("status", "event", "after"),
    [
        (S.SELF_ASSESSMENT, E.SUBMIT, S.SUBMITTED),
        (S.SUBMITTED, E.SCORE, S.SCORING),
        (S.SCORING, E.READY, S.AWAITING_MODERATION),
        (S.AWAITING_MODERATION, E.RETURN, S.RETURNED),
        (S.RETURNED, E.SCORE, S.SCORING),
        (S.AWAITING_MODERATION, E.AGREE, S.MODERATED),
        (S.MODERATED, E.ISSUE, S.ISSUED),
        (S.ISSUED, E.REOPEN, S.REOPENED),
        (S.REOPENED, E.SCORE, S.SCORING),
    ],
)
def test_the_cycle_moves_forward(status, event, after):
    assert rules.transition(status, event) == after


@pytest.mark.parametrize(
    ("status", "event"),
    [
        (S.SUBMITTED, E.EDIT_SELF_ASSESSMENT),
        (S.SELF_ASSESSMENT, E.SCORE),
        (S.SCORING, E.AGREE),
        (S.SUBMITTED, E.READY),
        (S.AWAITING_MODERATION, E.ISSUE),
        (S.MODERATED, E.REOPEN),
    ],
)
def test_steps_out_of_order_are_refused(status, event):
    with pytest.raises(rules.TransitionRefused, match="You cannot"):
        rules.transition(status, event)


@pytest.mark.parametrize("event", [e for e in Event if e != E.REOPEN])
def test_an_issued_assessment_is_read_only_for_everything_but_reopening(event):
    with pytest.raises(rules.TransitionRefused, match="issued and is read-only"):
        rules.transition(S.ISSUED, event)


def test_periods_are_two_consecutive_years():
    assert rules.check_period(" 2021/22 ") == "2021/22"
    assert rules.check_period("1999/00") == "1999/00"
    for bad in ("2021/23", "2021-22", "21/22", "", "2021/2022"):
        with pytest.raises(ValueError, match="for example 2021/22"):
            rules.check_period(bad)


def test_a_completed_task_needs_a_narrative_and_a_level():
    problems = rules.task_problems(
        narrative=" ", level=None, status=TaskStatus.COMPLETED, is_scored=True
    )
    assert set(problems) == {"narrative", "self_level"}
    assert (
        rules.task_problems(narrative="", level=None, status=TaskStatus.IN_PROGRESS, is_scored=True)
        == {}
    )
    assert (
        rules.task_problems(
            narrative="Yes", level=None, status=TaskStatus.COMPLETED, is_scored=False
        )
        == {}
    )


def _state(number, **kw):
    return CriterionState(
        number=number, title=f"T{number}", required=kw.pop("required", True), **kw
    )


def test_submission_lists_what_is_missing_and_ignores_separately_assured_criteria():
    states = [
        _state(1, task_status=TaskStatus.COMPLETED),
        _state(2, task_status=TaskStatus.IN_PROGRESS),
        _state(3),
        _state(4, required=False),
    ]
    (problem,) = rules.submission_problems(states)
    assert problem == "2 criteria are not completed: 2. T2; 3. T3"
    assert rules.submission_problems(states[:1] + states[3:]) == []


def test_readiness_needs_every_score_a_rationale_and_a_summary():
    states = [_state(1, assessed_level=3, rationale=""), _state(2), _state(3, required=False)]
    problems = rules.readiness_problems(states, summary="")
    assert problems == [
        "Score every criterion. Not scored yet: 2. T2",
        "Give a rationale for: 1. T1",
        "Write the overall summary.",
    ]
    ok = [_state(1, assessed_level=3, rationale="Matches level 3"), _state(3, required=False)]
    assert rules.readiness_problems(ok, summary="Good") == []


def test_nobody_moderates_their_own_scores():
    assert not rules.may_moderate(7, [7, None, 8])
    assert rules.may_moderate(9, [7, None, 8])


def test_band_fallback_and_scale_sentence():
    assert [rules.band_for(v, 3) for v in (1, 2, 3, 4, 5)] == [
        "not_met",
        "not_met",
        "met",
        "exceeded",
        "exceeded",
    ]
    levels = [
        rules.Level(v, str(v), b)
        for v, b in zip(
            (1, 2, 3, 4, 5), ("not_met", "not_met", "met", "exceeded", "exceeded"), strict=True
        )
    ]
    assert rules.scale_sentence(levels) == (
        "Each criterion is scored from 1 to 5. A score of 1 or 2 means the duty is not met; "
        "3 means the duty is met; 4 or 5 means the duty is exceeded."
    )
    assert (
        rules.in_scale(5, levels)
        and not rules.in_scale(6, levels)
        and not rules.in_scale(None, levels)
    )
