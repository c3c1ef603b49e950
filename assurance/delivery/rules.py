"""Delivery rules as pure functions: periods, validation of figures, and the
named quality checks. No database here; tests run without one.

A quality check returns a ``Finding`` (what is wrong and what to do about
it) or None. ``checks.py`` gathers the facts and applies these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

# --- Reporting periods (April to March) -------------------------------------


def period_for(day: date) -> str:
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def period_bounds(period: str) -> tuple[date, date]:
    start = int(period[:4])
    return date(start, 4, 1), date(start + 1, 3, 31)


def valid_period(period: str) -> bool:
    if len(period) != 7 or period[4] != "/" or not period[:4].isdigit():
        return False
    return period[5:] == f"{(int(period[:4]) + 1) % 100:02d}"


def quarter_of(day: date) -> int:
    return ((day.month - 4) % 12) // 3 + 1


def months_between(earlier: date, later: date) -> float:
    return (later - earlier).days / 30.44


# --- Validation of figures ----------------------------------------------------


def count_problem(value, label: str) -> str | None:
    """A count must be a whole number, zero or more. Returns the message, or None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return f"Enter {label} as a whole number, such as 12."
    if isinstance(value, bool):
        return f"Enter {label} as a whole number, such as 12."
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return f"Enter {label} as a whole number, such as 12."
    if number != number.to_integral_value():
        return f"{label.capitalize()} must be a whole number, not a fraction."
    if number < 0:
        return f"{label.capitalize()} cannot be negative."
    return None


def as_count(value) -> int:
    return int(Decimal(str(value).strip()))


def trained_problem(trained: int | None, cohort_size: int | None) -> str | None:
    if trained is not None and cohort_size is not None and trained > cohort_size:
        return (
            f"The number trained ({trained}) cannot be more than the cohort size "
            f"({cohort_size}). Check both figures."
        )
    return None


def held_meeting_problem(status: str, meeting_on: date | None, today: date) -> str | None:
    if status == "held" and meeting_on and meeting_on > today:
        return "A meeting in the future cannot be marked as held. Mark it as planned."
    return None


def order_problem(earlier: date | None, later: date | None, first: str, second: str) -> str | None:
    if earlier and later and later < earlier:
        return f"The {second} must be on or after the {first}."
    return None


def percent_problem(value: int | None) -> str | None:
    if value is not None and not 0 <= value <= 100:
        return "Positive feedback must be a percentage from 0 to 100."
    return None


def coverage(trained: int, cohort_size: int) -> float | None:
    return None if cohort_size <= 0 else round(100 * trained / cohort_size, 1)


# --- Quality checks -------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    code: str  # the rule's name, stable for tests and exports
    about: str  # what the finding is about, e.g. the body or policy
    problem: str
    action: str  # what to do about it
    criterion_id: int | None = None


def proposed_met_without_records(
    *, criterion_id: int, title: str, proposed_meets: bool, records: int, evidence: int, period: str
) -> Finding | None:
    """A proposed level at or above "met" needs something dated in the period."""
    if proposed_meets and records == 0 and evidence == 0:
        return Finding(
            "proposed_met_without_records",
            title,
            f"The proposed level meets the duty but no record or evidence is dated in {period}.",
            "Add the delivery records or evidence from the period that support the level, "
            "or reconsider the level.",
            criterion_id,
        )
    return None


def terms_not_reviewed(*, panel: str, reviewed_on: date | None, as_at: date) -> Finding | None:
    if reviewed_on is None or months_between(reviewed_on, as_at) > 12:
        when = (
            "have never been reviewed"
            if reviewed_on is None
            else (f"were last reviewed on {reviewed_on:%d/%m/%Y}")
        )
        return Finding(
            "terms_not_reviewed",
            panel,
            f"The terms of reference {when}, more than 12 months ago.",
            "Review the terms of reference with the panel and record the date of the review.",
        )
    return None


def plan_review_overdue(
    *,
    plan: str,
    board: str | None,
    cadence_months: int,
    last_review: date | None,
    since: date | None,
    as_at: date,
) -> Finding | None:
    """The board must review the plan at least every ``cadence_months``.
    ``since`` is when the plan was approved (the clock starts then)."""
    if board is None:
        return Finding(
            "plan_has_no_board",
            plan,
            "No board is recorded as overseeing the plan.",
            "Choose the board that oversees the plan and how often it must review it.",
        )
    start = last_review or since
    if start is None or months_between(start, as_at) > cadence_months:
        when = f"last on {last_review:%d/%m/%Y}" if last_review else "not at a recorded meeting"
        return Finding(
            "plan_review_overdue",
            plan,
            f"{board} must review the plan every {cadence_months} months; it did so {when}.",
            f"Put the plan on the agenda of the next meeting of {board} and record that it "
            "was reviewed.",
        )
    return None


def cadence_status(*, cadence_months: int, last_held: date | None, as_at: date) -> str:
    """ "kept" or "overdue" for a governance body."""
    if last_held is None or months_between(last_held, as_at) > cadence_months:
        return "overdue"
    return "kept"


def body_overdue(
    *, body: str, cadence_months: int, last_held: date | None, as_at: date
) -> Finding | None:
    if cadence_status(cadence_months=cadence_months, last_held=last_held, as_at=as_at) == "kept":
        return None
    when = f"last met on {last_held:%d/%m/%Y}" if last_held else "has no meeting recorded as held"
    return Finding(
        "body_meeting_overdue",
        body,
        f"It should meet at least every {cadence_months} months but {when}.",
        "Record the meetings held, or arrange the next one.",
    )


def policy_past_review(*, policy: str, next_review_on: date | None, as_at: date) -> Finding | None:
    if next_review_on is None:
        return Finding(
            "policy_without_review_date",
            policy,
            "The policy has no date for its next review.",
            "Set the date of the next review.",
        )
    if next_review_on < as_at:
        return Finding(
            "policy_past_review",
            policy,
            f"The policy was due for review on {next_review_on:%d/%m/%Y}.",
            "Review the policy and record the review and the next review date.",
        )
    return None


def cohort_below_threshold(
    *, cohort: str, mandated: bool, trained: int, cohort_size: int, threshold: float | None
) -> Finding | None:
    """A mandated cohort below the coverage the framework file asks for."""
    share = coverage(trained, cohort_size)
    if not mandated or threshold is None or share is None or share >= threshold:
        return None
    return Finding(
        "mandated_cohort_below_threshold",
        cohort,
        f"{share:g}% of this mandated cohort is trained; the framework expects {threshold:g}%.",
        "Plan training for the rest of the cohort and update the figures when it is done.",
    )


def action_overdue_without_update(
    *, action: str, status: str, due_on: date | None, last_update: date | None, as_at: date
) -> Finding | None:
    if status in ("completed", "cancelled") or due_on is None or due_on >= as_at:
        return None
    if last_update is not None and last_update >= due_on:
        return None
    return Finding(
        "action_overdue_without_update",
        action,
        f"The action was due on {due_on:%d/%m/%Y} and has no progress update since.",
        "Record a progress update with a new date, or mark the action completed.",
    )


def statement_missing(*, panel: str, submitted_on: date | None, as_at: date) -> Finding | None:
    if submitted_on is None or months_between(submitted_on, as_at) > 12:
        return Finding(
            "assurance_statement_missing",
            panel,
            "No annual assurance statement is recorded in the last 12 months.",
            "Record the date the annual assurance statement was submitted.",
        )
    return None


# --- Validation of a whole record ------------------------------------------------

_COUNT_FIELDS = {
    "cohort_size": "the cohort size",
    "trained": "the number trained",
    "count": "the count",
    "discussed": "the number discussed",
    "adopted": "the number adopted",
    "closed": "the number closed",
    "reviewed_6_months": "the number reviewed at 6 months",
    "reviewed_12_months": "the number reviewed at 12 months",
    "attendance": "the attendance",
    "feedback_responses": "the number of feedback responses",
    "review_cadence_months": "the review cadence",
    "cadence_months": "the meeting cadence",
}
_DATE_PAIRS = [
    ("start_on", "due_on", "start date", "due date"),
    ("last_reviewed_on", "next_review_on", "last review date", "next review date"),
]


def record_problems(values: dict, today: date) -> dict[str, str]:
    """Every problem with a record's values, keyed by field. Empty when valid."""
    problems: dict[str, str] = {}
    for name, label in _COUNT_FIELDS.items():
        if name in values and values[name] is not None and values[name] != "":
            problem = count_problem(values[name], label)
            if problem:
                problems[name] = problem
    if not problems.keys() & {"trained", "cohort_size"}:
        problem = trained_problem(values.get("trained"), values.get("cohort_size"))
        if problem:
            problems["trained"] = problem
    for first, second, first_label, second_label in _DATE_PAIRS:
        problem = order_problem(values.get(first), values.get(second), first_label, second_label)
        if problem:
            problems[second] = problem
    if "status" in values and "meeting_on" in values:
        problem = held_meeting_problem(values["status"], values["meeting_on"], today)
        if problem:
            problems["meeting_on"] = problem
    for name in (
        "recorded_on",
        "as_at",
        "terms_reviewed_on",
        "statement_submitted_on",
        "last_reviewed_on",
        "approved_on",
    ):
        if values.get(name) and values[name] > today:
            problems[name] = "The date cannot be in the future."
    cadence = values.get("cadence_months")
    if (
        cadence not in (None, "")
        and "cadence_months" not in problems
        and not 1 <= int(cadence) <= 24
    ):
        problems["cadence_months"] = "The meeting cadence must be from 1 to 24 months."
    problem = percent_problem(values.get("feedback_positive_percent"))
    if problem:
        problems["feedback_positive_percent"] = problem
    if "period" in values and not valid_period(str(values["period"] or "")):
        problems["period"] = "Enter the year as, for example, 2024/25."
    return problems
