"""The rules of an assessment, as pure functions on plain values: its status
machine, what each stage needs before it may move on, who may moderate, and
what a level means for the duty. Tested without the database."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import TextChoices


class Status(TextChoices):
    SELF_ASSESSMENT = "self_assessment", "Self-assessment in progress"
    SUBMITTED = "submitted", "Self-assessment submitted"
    SCORING = "scoring", "Being scored"
    AWAITING_MODERATION = "awaiting_moderation", "Awaiting moderation"
    RETURNED = "returned", "Returned by the moderator"
    MODERATED = "moderated", "Moderated"
    ISSUED = "issued", "Issued"
    REOPENED = "reopened", "Reopened"


class TaskStatus(TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class Event(TextChoices):
    EDIT_SELF_ASSESSMENT = "edit_self_assessment", "change the self-assessment"
    SUBMIT = "submit", "submit the self-assessment"
    SCORE = "score", "score criteria or write the summary"
    READY = "ready", "mark the assessment ready for moderation"
    AGREE = "agree", "agree the scores"
    RETURN = "return", "return the assessment to the assessor"
    ISSUE = "issue", "issue the assessment"
    REOPEN = "reopen", "reopen the assessment"


S, E = Status, Event
_SCORING_STATES = (S.SUBMITTED, S.SCORING, S.RETURNED, S.REOPENED)

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.SELF_ASSESSMENT, E.EDIT_SELF_ASSESSMENT): S.SELF_ASSESSMENT,
    (S.SELF_ASSESSMENT, E.SUBMIT): S.SUBMITTED,
    **{(state, E.SCORE): S.SCORING for state in _SCORING_STATES},
    **{(state, E.READY): S.AWAITING_MODERATION for state in (S.SCORING, S.RETURNED, S.REOPENED)},
    (S.AWAITING_MODERATION, E.AGREE): S.MODERATED,
    (S.AWAITING_MODERATION, E.RETURN): S.RETURNED,
    (S.MODERATED, E.ISSUE): S.ISSUED,
    (S.ISSUED, E.REOPEN): S.REOPENED,
}


class TransitionRefused(ValueError):
    """The message says, in plain English, why the step cannot happen now."""


def allowed(status: str, event: str) -> bool:
    return (status, event) in TRANSITIONS


def transition(status: str, event: str) -> str:
    """The status after the event, or TransitionRefused."""
    try:
        return TRANSITIONS[(status, event)]
    except KeyError:
        raise TransitionRefused(refusal(status, event)) from None


def refusal(status: str, event: str) -> str:
    if status == S.ISSUED:
        return (
            "This assessment has been issued and is read-only. "
            "Reopen it, giving a reason, to change it."
        )
    return (
        f"You cannot {Event(event).label} now: the assessment is “{Status(status).label.lower()}”."
    )


# --- Periods -------------------------------------------------------------------

_PERIOD = re.compile(r"^(\d{4})/(\d{2})$")


def check_period(period: str) -> str:
    """A reporting year such as 2021/22: the second year follows the first."""
    match = _PERIOD.match((period or "").strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError("Enter the period as two consecutive years, for example 2021/22.")
    return match[0]


# --- What each stage needs -----------------------------------------------------


@dataclass(frozen=True)
class CriterionState:
    """Just enough of a criterion's record to decide whether a stage is done."""

    number: int
    title: str
    required: bool  # False for criteria assured through another process
    task_status: str = TaskStatus.NOT_STARTED
    narrative: str = ""
    self_level: int | None = None
    assessed_level: int | None = None
    rationale: str = ""


def task_problems(*, narrative: str, level: int | None, status: str, is_scored: bool) -> dict:
    """Why a self-assessment task cannot be marked completed (field → message)."""
    if status != TaskStatus.COMPLETED:
        return {}
    problems = {}
    if not narrative.strip():
        problems["narrative"] = (
            "Describe how the council meets this criterion before marking it completed."
        )
    if is_scored and level is None:
        problems["self_level"] = (
            "Choose the level you propose before marking this criterion completed."
        )
    return problems


def _listing(states: Iterable[CriterionState]) -> str:
    return "; ".join(f"{s.number}. {s.title}" for s in states)


def submission_problems(states: Sequence[CriterionState]) -> list[str]:
    missing = [s for s in states if s.required and s.task_status != TaskStatus.COMPLETED]
    if not missing:
        return []
    return [
        f"{len(missing)} criteri{'on is' if len(missing) == 1 else 'a are'} not completed: "
        f"{_listing(missing)}"
    ]


def readiness_problems(states: Sequence[CriterionState], *, summary: str) -> list[str]:
    problems = []
    unscored = [s for s in states if s.required and s.assessed_level is None]
    if unscored:
        problems.append(f"Score every criterion. Not scored yet: {_listing(unscored)}")
    unexplained = [s for s in states if s.assessed_level is not None and not s.rationale.strip()]
    if unexplained:
        problems.append(f"Give a rationale for: {_listing(unexplained)}")
    if not summary.strip():
        problems.append("Write the overall summary.")
    return problems


def may_moderate(moderator_id: int, scorer_ids: Iterable[int | None]) -> bool:
    """Nobody moderates scores they gave themselves."""
    return moderator_id not in {i for i in scorer_ids if i is not None}


# --- Scale ---------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    value: int
    label: str
    band: str  # not_met / partially_met / met / exceeded


def in_scale(value: int | None, levels: Iterable[Level]) -> bool:
    return value is not None and value in {level.value for level in levels}


def band_for(value: int, meets_duty_from: int | None) -> str:
    """Fallback banding where a scale gives no band: below the threshold is
    not met, the threshold itself is met, above it is exceeded."""
    if meets_duty_from is None or value == meets_duty_from:
        return "met"
    return "not_met" if value < meets_duty_from else "exceeded"


BAND_WORDS = {
    "not_met": "not met",
    "partially_met": "partly met",
    "met": "met",
    "exceeded": "exceeded",
}


def scale_sentence(levels: Sequence[Level]) -> str:
    """What the levels of a scale mean, worked out from the data:
    "Each criterion is scored from 1 to 5. A score of 1 or 2 means ..."."""
    if not levels:
        return ""
    ordered = sorted(levels, key=lambda level: level.value)
    groups: dict[str, list[int]] = {}
    for level in ordered:
        groups.setdefault(level.band, []).append(level.value)
    clauses = [
        f"{_values(values)} means the duty is {BAND_WORDS.get(band, band)}"
        for band, values in groups.items()
    ]
    return (
        f"Each criterion is scored from {ordered[0].value} to {ordered[-1].value}. "
        f"A score of {'; '.join(clauses)}."
    )


def _values(values: list[int]) -> str:
    if len(values) == 1:
        return str(values[0])
    if len(values) == 2:
        return f"{values[0]} or {values[1]}"
    return f"{values[0]} to {values[-1]}"
