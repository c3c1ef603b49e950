"""The register's rules as pure functions: no database, unit-tested alone.
Services, selectors and forms all defer to these."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Protocol

# Kept as plain strings so that this module imports nothing from Django.
PENDING, ACCEPTED, PARTIALLY_ACCEPTED, REJECTED = (
    "pending",
    "accepted",
    "partially_accepted",
    "rejected",
)
NOT_STARTED, IN_PROGRESS, COMPLETED, SUPERSEDED = (
    "not_started",
    "in_progress",
    "completed",
    "superseded",
)
DONE_STATUSES = frozenset({COMPLETED, SUPERSEDED})
DUE_SOON, OVERDUE = "due_soon", "overdue"
DUE_SOON_DAYS = 14
# A recommendation's number: well inside every database's integer column.
MIN_NUMBER, MAX_NUMBER = 1, 99_999


def number_in_range(number: int) -> bool:
    return MIN_NUMBER <= number <= MAX_NUMBER


class RecommendationLike(Protocol):
    number: int
    response: str
    reason: str
    status: str


def reason_required(response: str) -> bool:
    """A council that does not fully accept a recommendation must say why."""
    return response in (PARTIALLY_ACCEPTED, REJECTED)


def has_reason(reason: str | None) -> bool:
    return bool((reason or "").strip())


def is_settled(status: str, response: str, reason: str | None) -> bool:
    """Needs no further work: done, or rejected with a reason given."""
    return status in DONE_STATUSES or (response == REJECTED and has_reason(reason))


def is_overdue(milestone: date | None, status: str, today: date, response: str = PENDING) -> bool:
    """Past its milestone and not done. A rejected recommendation has no
    milestone to miss."""
    if milestone is None or status in DONE_STATUSES or response == REJECTED:
        return False
    return milestone < today


def reminder_stage(
    milestone: date | None, status: str, today: date, response: str = PENDING
) -> str | None:
    """Which reminder a recommendation is due: "overdue", "due_soon" (milestone
    within 14 days, today included) or None."""
    if milestone is None or status in DONE_STATUSES or response == REJECTED:
        return None
    if milestone < today:
        return OVERDUE
    if milestone <= today + timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return None


_STATUS_PHRASES = {
    NOT_STARTED: "has not been started",
    IN_PROGRESS: "is in progress",
}


def blocker(recommendation: RecommendationLike) -> str | None:
    """Why this one recommendation stops its source being closed, if it does."""
    r = recommendation
    if is_settled(r.status, r.response, r.reason):
        return None
    if r.response == REJECTED:
        return f"Recommendation {r.number} is rejected but no reason has been given"
    if r.response == PENDING:
        return f"Recommendation {r.number} has no response yet and {_STATUS_PHRASES[r.status]}"
    return f"Recommendation {r.number} {_STATUS_PHRASES.get(r.status, 'is not finished')}"


def closure_blockers(recommendations: Iterable[RecommendationLike]) -> list[str]:
    """Plain sentences saying what still stops a source being closed; an
    empty list means it may be closed."""
    items = sorted(recommendations, key=lambda r: r.number)
    if not items:
        return ["There are no recommendations to close"]
    return [reason for reason in (blocker(r) for r in items) if reason]
