"""The register's rules as pure functions: no database, unit-tested alone.
Services, selectors and forms all defer to these."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Protocol, TypeVar

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
DUE_SOON, OVERDUE, ESCALATED = "due_soon", "overdue", "escalated"
DUE_SOON_DAYS = 14


class RecommendationLike(Protocol):
    number: str
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


def date_in_force(milestone: date | None, revised_milestone: date | None) -> date | None:
    """The target date that counts: the latest extension granted, else the
    milestone the council set. The original stays on record beside it."""
    return revised_milestone or milestone


def has_target(status: str, response: str) -> bool:
    """Whether a recommendation still has a date to meet: not done, not rejected."""
    return status not in DONE_STATUSES and response != REJECTED


def is_overdue(due: date | None, status: str, today: date, response: str = PENDING) -> bool:
    """The one overdue rule: the date in force (see date_in_force) has passed
    and the recommendation still has a target. The day itself is not late.
    selectors.overdue_q is this rule as a database condition; a test holds
    the two together."""
    return due is not None and has_target(status, response) and due < today


def reminder_stage(
    due: date | None, status: str, today: date, response: str = PENDING
) -> str | None:
    """Which reminder a recommendation is due: "overdue", "due_soon" (date in
    force within 14 days, today included) or None."""
    if is_overdue(due, status, today, response):
        return OVERDUE
    soon = due is not None and due <= today + timedelta(days=DUE_SOON_DAYS)
    if soon and has_target(status, response):
        return DUE_SOON
    return None


def escalates(overdue: bool, extension_pending_or_granted: bool) -> bool:
    """The approver is told when an item is overdue and no extension has been
    asked for or granted against the date in force."""
    return overdue and not extension_pending_or_granted


# --- Verified closure -------------------------------------------------------

NOT_ADDRESSED, ADDRESSED, VERIFIED, SENT_BACK = "", "addressed", "verified", "sent_back"

ASSESSMENT_KIND, PEER_REVIEW_KIND = "assessment", "peer_review"
# Actions (values of permissions.Action) that let someone verify a source's
# recommendations and decide its extensions, by kind of source. A peer
# review's are answered by the named verifier (its review manager) only.
_ANSWERING_ACTION = {ASSESSMENT_KIND: "verify_assessment_recommendations", PEER_REVIEW_KIND: None}
OWN_SOURCE_ACTION = "verify_own_recommendations"


def answering_action(kind: str) -> str | None:
    """The action that lets someone verify this kind of source's
    recommendations and grant its extensions: the body that made them."""
    return _ANSWERING_ACTION.get(kind, OWN_SOURCE_ACTION)


def names_own_verifier(kind: str) -> bool:
    """May the council name its own verifier for this kind of source? Only
    for its own sources: an assessment's or a peer review's recommendations
    are verified by the body that made them, never by someone the council picks."""
    return answering_action(kind) == OWN_SOURCE_ACTION


def may_answer(kind: str, *, holds_action, is_named_verifier: bool) -> bool:
    """Who may verify or decide an extension: the named verifier, or whoever
    holds the kind's answering action for the council. ``holds_action`` is
    called with the action name."""
    if is_named_verifier:
        return True
    action = answering_action(kind)
    return action is not None and holds_action(action)


def may_address(response: str, verification: str) -> str | None:
    """Why a recommendation cannot be marked addressed now, or None if it can."""
    if response not in (ACCEPTED, PARTIALLY_ACCEPTED):
        return "Only an accepted or partially accepted recommendation can be marked addressed."
    if verification in (ADDRESSED, VERIFIED):
        return "This recommendation has already been marked addressed."
    return None


def may_reopen(verification: str) -> str | None:
    """Why a recommendation cannot be reopened now, or None if it can: only a
    verified one is reopened (an addressed one is sent back instead)."""
    if verification != VERIFIED:
        return "Only a verified recommendation can be reopened."
    return None


def counts_towards_closure(response: str, status: str) -> bool:
    """The recommendations whose closure is measured: accepted in whole or in
    part and not superseded (rejected ones have nothing to address)."""
    return response in (ACCEPTED, PARTIALLY_ACCEPTED) and status != SUPERSEDED


def closure_shares(items: Iterable[tuple[str, str, str]]) -> dict[str, int]:
    """From (response, status, verification) triples: how many count, how
    many are addressed (verified ones included: they were addressed first)
    and how many verified, with whole-number percentages."""
    counted = [v for response, status, v in items if counts_towards_closure(response, status)]
    total = len(counted)
    addressed = sum(v in (ADDRESSED, VERIFIED) for v in counted)
    verified = sum(v == VERIFIED for v in counted)
    return {
        "total": total,
        "addressed": addressed,
        "verified": verified,
        "addressed_percent": percent(addressed, total),
        "verified_percent": percent(verified, total),
    }


def percent(part: int, whole: int) -> int:
    """Rounded down, so that 99.6% is never shown as 100%."""
    return (100 * part) // whole if whole else 0


# --- Extensions -------------------------------------------------------------


def extension_errors(
    *, due: date | None, requested: date | None, reason: str, status: str, response: str
) -> list[str]:
    """What is wrong with asking for this new target date."""
    errors = []
    if not has_target(status, response):
        errors.append("Only a recommendation still being worked on can be extended.")
    if due is None:
        errors.append("Set a milestone before asking for an extension.")
    if requested is None:
        errors.append("Enter the new target date.")
    elif due is not None and requested <= due:
        errors.append("The new target date must be after the date in force.")
    if not has_reason(reason):
        errors.append("Say why more time is needed.")
    return errors


_STATUS_PHRASES = {
    NOT_STARTED: "has not been started",
    IN_PROGRESS: "is in progress",
}


def blocker(recommendation: RecommendationLike) -> str | None:
    """Why this one recommendation stops its source being closed, if it does."""
    r = recommendation
    if getattr(r, "verification", NOT_ADDRESSED) == ADDRESSED:
        return f"Recommendation {r.number} is addressed and awaiting verification"
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
    items = sorted(recommendations, key=lambda r: number_key(r.number))
    if not items:
        return ["There are no recommendations to close"]
    return [reason for reason in (blocker(r) for r in items) if reason]


# --- Numbers -----------------------------------------------------------------

NUMBER_PATTERN = re.compile(r"^[0-9A-Za-z]+(?:[.\-][0-9A-Za-z]+)*$")


def clean_number(value: object) -> str | None:
    """A recommendation's number as the council writes it ("3", "2a", "1.1"),
    or None when it is not one. Whole numbers from a spreadsheet lose ".0"."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value) if value >= 1 else None
    text = str(value).strip().rstrip(".)")
    if not text or len(text) > 20 or not NUMBER_PATTERN.match(text):
        return None
    if not any(c.isdigit() for c in text) or not text.strip("0.-"):
        return None  # a number has a digit, and is not zero
    return text


T = TypeVar("T")


def grouped_by_theme(items: Iterable[T], theme_of: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    """Items under their themes, as a council's papers set them out: each
    theme once, in the order it first appears, its items in their own order
    ("" for items with no theme)."""
    grouped: dict[str, list[T]] = {}
    for item in items:
        grouped.setdefault(theme_of(item) or "", []).append(item)
    return list(grouped.items())


def number_key(number: object) -> str:
    """Sorts numbers naturally: 1 < 1.1 < 1.2 < 2 < 2a < 2b < 10."""
    parts = re.findall(r"\d+|[A-Za-z]+", str(number))
    return ".".join(p.zfill(10) if p.isdigit() else p.lower() for p in parts)
