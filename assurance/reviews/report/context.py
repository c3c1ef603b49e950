"""One ReportContext, built once from the review, rendered to HTML, PDF and
DOCX so the three formats say the same thing. Participants appear by job
title and agency only; the team by role and organisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..models import Review
from ..rules import FindingKind, ReviewType, TeamRole
from ..selectors import criteria_of, findings_of, sessions_of, stages_of, team_of

SECTIONS = (
    ("summary", "1. Executive summary"),
    ("background", "2. Background"),
    ("process", "3. The review process"),
    ("framework", "4. The framework"),
    ("findings", "5. Findings"),
    ("next-steps", "6. Next steps and further support"),
    ("agencies", "Appendix: participating agencies"),
)


@dataclass(frozen=True)
class TeamRow:
    role: str
    organisation: str


@dataclass(frozen=True)
class StageRow:
    name: str
    planned: str
    actual: str
    status: str


@dataclass(frozen=True)
class AspectRow:
    number: int
    title: str
    statement: str
    area: str


@dataclass(frozen=True)
class FindingRow:
    text: str
    about: str  # the criteria it is linked to
    response: str = ""


@dataclass(frozen=True)
class AreaFindings:
    title: str
    good_practice: list[FindingRow] = field(default_factory=list)
    improvements: list[FindingRow] = field(default_factory=list)


@dataclass(frozen=True)
class AgencyRow:
    agency: str
    roles: str


@dataclass(frozen=True)
class ReportContext:
    title: str
    marking: str
    host: str
    host_address: str  # the council's or partnership's, one line per row
    review_type: str
    framework_title: str
    framework_publisher: str
    grouped_by: str  # "delivery area" or "criterion"
    starts_on: date
    ends_on: date
    issued_on: date | None
    version_number: int | None
    is_draft: bool
    executive_summary: str
    key_findings: list[str]
    background: str
    team: list[TeamRow]
    stages: list[StageRow]
    aspects: list[AspectRow]
    areas: list[AreaFindings]
    next_steps: str
    agencies: list[AgencyRow]
    sections: tuple = SECTIONS


def _span(start: date | None, end: date | None) -> str:
    if not start and not end:
        return "Not set"
    if start and end and start != end:
        return f"{start:%-d %B %Y} to {end:%-d %B %Y}"
    return f"{(start or end):%-d %B %Y}"


def _about(finding) -> str:
    return "; ".join(f"{c.number}. {c.title}" for c in finding.criteria.all())


def _areas(review: Review, findings) -> tuple[str, list[AreaFindings]]:
    groups = list(review.framework_version.groups.all())
    buckets: dict[str, AreaFindings] = {}
    if groups:
        for group in groups:
            buckets[str(group.pk)] = AreaFindings(group.title)
        key = lambda f: str(f.group_id)  # noqa: E731
        grouped_by = "delivery area"
    else:
        grouped_by = "criterion"

        def key(f):
            first = min(f.criteria.all(), key=lambda c: c.number, default=None)
            if first and str(first.pk) not in buckets:
                buckets[str(first.pk)] = AreaFindings(f"{first.number}. {first.title}")
            return str(first.pk) if first else ""

    for finding in findings:
        bucket = buckets.get(key(finding))
        if bucket is None:
            continue
        row = FindingRow(finding.text, _about(finding), _response(finding))
        target = (
            bucket.improvements if finding.kind == FindingKind.IMPROVEMENT else bucket.good_practice
        )
        target.append(row)
    return grouped_by, list(buckets.values())


def _response(finding) -> str:
    entry = getattr(finding, "entry", None)
    return f"{entry.get_response_display()}, {entry.get_status_display().lower()}" if entry else ""


def build_report_context(
    review: Review, *, issued_on: date | None = None, version_number: int | None = None
) -> ReportContext:
    findings = findings_of(review)
    grouped_by, areas = _areas(review, findings)
    roles_order = {TeamRole.LEAD_PEER: 0, TeamRole.PEER: 1, TeamRole.REVIEW_MANAGER: 2}
    team = sorted(team_of(review), key=lambda m: (roles_order.get(m.role, 9), m.organisation.name))
    agencies: dict[str, set[str]] = {}
    for session in sessions_of(review):
        for participant in session.participants.all():
            agencies.setdefault(participant.agency, set()).add(participant.job_title)
    version = review.framework_version
    return ReportContext(
        title=f"{review.title}: peer review report",
        marking=review.marking,
        host=review.host_name,
        host_address=review.host.postal_address if review.host else "",
        review_type=ReviewType(review.review_type).label,
        framework_title=version.title,
        framework_publisher=version.framework.publisher,
        grouped_by=grouped_by,
        starts_on=review.starts_on,
        ends_on=review.ends_on,
        issued_on=issued_on,
        version_number=version_number,
        is_draft=issued_on is None,
        executive_summary=review.executive_summary,
        key_findings=[f.text for f in findings if f.kind == FindingKind.IMPROVEMENT],
        background=review.background,
        team=[TeamRow(m.get_role_display(), m.organisation.name) for m in team],
        stages=[
            StageRow(
                s.get_kind_display(),
                _span(s.planned_from, s.planned_to),
                _span(s.actual_from, s.actual_to),
                s.get_status_display(),
            )
            for s in stages_of(review)
        ],
        aspects=[
            AspectRow(c.number, c.title, c.statement, c.group.title if c.group else "")
            for c in criteria_of(review)
        ],
        areas=areas,
        next_steps=review.next_steps,
        agencies=[AgencyRow(a, ", ".join(sorted(r))) for a, r in sorted(agencies.items())],
    )
