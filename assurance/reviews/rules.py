"""The rules of a peer review, as pure functions on plain values: its six
stages and what each needs, who may see the host's evidence, what makes a
finding complete, and when the report may be issued. Tested without the
database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import TextChoices


class ReviewType(TextChoices):
    SCOTTISH = "scottish_peer_review", "Scottish peer review"
    HOME_OFFICE = "home_office_peer_review", "Home Office peer review"
    PEER_CHALLENGE = "peer_challenge", "Other peer challenge"


class ReviewStatus(TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    REPORT_ISSUED = "report_issued", "Report issued"
    REOPENED = "reopened", "Report reopened"
    COMPLETED = "completed", "Completed"


class StageKind(TextChoices):
    """The six stages, in the order they happen."""

    SELF_ASSESSMENT = "self_assessment", "Self-assessment"
    EVIDENCE_REVIEW = "evidence_review", "Evidence review"
    ON_SITE = "on_site", "On-site review"
    KEY_FINDINGS = "key_findings", "Presentation of key findings"
    REPORT = "report", "Review report"
    FOLLOW_UP = "follow_up", "Follow-up support"


STAGE_ORDER: tuple[str, ...] = tuple(StageKind.values)

# What completes each stage: a short checklist, in our own words.
STAGE_CHECKLISTS: dict[str, tuple[str, ...]] = {
    StageKind.SELF_ASSESSMENT: (
        "The host has described every aspect of the framework",
        "The host has attached its evidence",
    ),
    StageKind.EVIDENCE_REVIEW: (
        "Every team member has made a conflict-of-interest declaration",
        "The team has agreed its key lines of enquiry",
    ),
    StageKind.ON_SITE: (
        "The programme of sessions is agreed with the host",
        "Notes are recorded for every session",
    ),
    StageKind.KEY_FINDINGS: (
        "Findings are recorded under each delivery area",
        "Key findings have been presented to the host",
    ),
    StageKind.REPORT: (
        "The report has been checked by the lead peer",
        "The report has been issued to the host",
    ),
    StageKind.FOLLOW_UP: (
        "The host has responded to each suggested improvement",
        "Further support has been offered",
    ),
}


class StageStatus(TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class TeamRole(TextChoices):
    LEAD_PEER = "lead_peer", "Lead peer"
    PEER = "peer", "Peer"
    REVIEW_MANAGER = "review_manager", "Review manager"


class FindingKind(TextChoices):
    GOOD_PRACTICE = "good_practice", "Good practice"
    IMPROVEMENT = "improvement", "Suggested improvement"


class SessionFormat(TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "In person and online"


# --- Stages ---------------------------------------------------------------------


@dataclass(frozen=True)
class StageState:
    kind: str
    status: str
    checks_done: int = 0
    checks_total: int = 0


def stage_completion_problems(kind: str, stages: Sequence[StageState]) -> list[str]:
    """Why the stage cannot be marked completed: the one before it must be
    completed first, and every item of its own checklist must be ticked."""
    by_kind = {s.kind: s for s in stages}
    position = STAGE_ORDER.index(kind)
    problems = []
    if position > 0:
        before = STAGE_ORDER[position - 1]
        if by_kind.get(before) and by_kind[before].status != StageStatus.COMPLETED:
            problems.append(
                f"Finish “{StageKind(before).label}” before you mark "
                f"“{StageKind(kind).label}” as completed."
            )
    own = by_kind.get(kind)
    if own and own.checks_done < own.checks_total:
        left = own.checks_total - own.checks_done
        problems.append(
            f"Tick every item of the checklist first: {left} "
            f"item{'s are' if left != 1 else ' is'} not done."
        )
    return problems


def date_order_problems(
    planned_from: date | None,
    planned_to: date | None,
    actual_from: date | None,
    actual_to: date | None,
) -> dict[str, str]:
    problems = {}
    if planned_from and planned_to and planned_to < planned_from:
        problems["planned_to"] = "The planned end must be on or after the planned start."
    if actual_from and actual_to and actual_to < actual_from:
        problems["actual_to"] = "The actual end must be on or after the actual start."
    if actual_to and not actual_from:
        problems["actual_from"] = "Enter when the stage actually started."
    return problems


def current_stage(stages: Sequence[StageState]) -> str | None:
    """The first stage not yet completed; None when all six are."""
    return next((s.kind for s in stages if s.status != StageStatus.COMPLETED), None)


# --- People ---------------------------------------------------------------------


def may_see_host_evidence(*, on_team: bool, declared: bool, has_conflict: bool) -> bool:
    """A team member sees the host's evidence only after declaring that they
    have no conflict of interest. Off the team the question does not arise
    (the host's own people see their evidence through their role)."""
    return (not on_team) or (declared and not has_conflict)


EVIDENCE_LOCKED = "Make your conflict-of-interest declaration before you open the host's evidence."
EVIDENCE_CONFLICT = (
    "You have declared a conflict of interest, so you cannot see the host's evidence. "
    "Ask the review manager to change your place on the team."
)


def evidence_refusal(*, declared: bool, has_conflict: bool) -> str:
    return EVIDENCE_CONFLICT if declared and has_conflict else EVIDENCE_LOCKED


# --- Findings -------------------------------------------------------------------


def finding_problems(
    *,
    kind: str,
    text: str,
    has_groups: bool,
    group_id: int | None,
    criterion_ids: Sequence[int],
) -> dict[str, str]:
    """A finding needs its kind and text; on a framework that reports under
    delivery areas it needs one, otherwise at least one criterion."""
    problems = {}
    if kind not in FindingKind.values:
        problems["kind"] = "Choose good practice or suggested improvement."
    if not (text or "").strip():
        problems["text"] = "Describe the finding."
    if has_groups and group_id is None:
        problems["group"] = "Choose the delivery area the finding belongs to."
    if not has_groups and not criterion_ids:
        problems["criteria"] = "Choose at least one criterion the finding is about."
    return problems


# --- Report ---------------------------------------------------------------------


def issue_problems(*, status: str, findings: int, executive_summary: str) -> list[str]:
    if status == ReviewStatus.REPORT_ISSUED:
        return ["The report has already been issued. Reopen it, giving a reason, to change it."]
    if status == ReviewStatus.COMPLETED:
        return ["The review is completed; its report cannot be issued again."]
    problems = []
    if findings == 0:
        problems.append("Record at least one finding before issuing the report.")
    if not executive_summary.strip():
        problems.append("Write the executive summary before issuing the report.")
    return problems


def is_frozen(status: str) -> bool:
    """An issued report, and everything it says, does not change silently."""
    return status in (ReviewStatus.REPORT_ISSUED, ReviewStatus.COMPLETED)


FROZEN = "The report has been issued, so this cannot change. Reopen the report, giving a reason."


def lead_peer_taken(team_role: str, roles_on_team) -> bool:
    """A review has one lead peer: may another join as lead peer?"""
    return team_role == TeamRole.LEAD_PEER and TeamRole.LEAD_PEER in set(roles_on_team)
