"""Every read of delivery records, scoped to the user through permissions.

``get_*_for`` answer 404 alike for a missing record and one outside the
user's scope, so another council's records are never confirmed to exist."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from assurance.accounts.permissions import Action, can, restrict
from assurance.core.marking import Marking
from assurance.organisations.models import Organisation, OrganisationKind

from . import checks, national, rules, suppression
from .kinds import KINDS, Kind
from .models import (
    GovernanceBody,
    Meeting,
    MeetingStatus,
    PlanAction,
    Policy,
    ReferralFigure,
    Sector,
    TrainingCohort,
)

PAGE_SIZE = 50


def _kind(slug: str) -> Kind:
    found = KINDS.get(slug)
    if found is None:
        raise Http404("No such kind of record.")
    return found


# --- Organisations --------------------------------------------------------------


def visible_councils(user, *, purpose: Action) -> QuerySet[Organisation]:
    councils = Organisation.objects.exclude(kind=OrganisationKind.ASSESSING_BODY)
    return restrict(councils, user, "pk", purpose=purpose).select_related("region").order_by("name")


def get_council_for(user, pk: int, *, purpose: Action) -> Organisation:
    council = visible_councils(user, purpose=purpose).filter(pk=pk).first()
    if council is None:
        raise Http404("No such council.")
    return council


def exact_figures(user, organisation_id: int) -> bool:
    """Only the council's own people see small counts unsuppressed."""
    return can(user, Action.VIEW_UNSUPPRESSED_FIGURES, organisation_id)


# --- Records ----------------------------------------------------------------------


def visible_records(user, slug: str, *, purpose: Action) -> QuerySet:
    k = _kind(slug)
    queryset = k.model.objects.select_related(*k.related) if k.related else k.model.objects.all()
    return restrict(queryset, user, k.org_path, purpose=purpose)


def records_of(
    user, slug: str, organisation: Organisation, *, purpose: Action, period: str | None = None
) -> QuerySet:
    k = _kind(slug)
    queryset = visible_records(user, slug, purpose=purpose).filter(**{k.org_path: organisation.pk})
    if period and k.in_period is not None:
        queryset = queryset.filter(k.in_period(*rules.period_bounds(period)))
    if k.has_criteria:
        queryset = queryset.prefetch_related("criteria__framework_version")
    return queryset


def of_council(records: QuerySet, slug: str, organisation_id: int) -> QuerySet:
    """Narrow records already scoped by ``visible_records`` to one council."""
    return records.filter(**{_kind(slug).org_path: organisation_id})


def with_many(records: QuerySet, slug: str) -> QuerySet:
    """Records with their many-to-many links (criteria, risks) in one query each."""
    many = [f.name for f in _kind(slug).model._meta.many_to_many]
    return records.prefetch_related(*many) if many else records


def get_record_for(user, slug: str, pk: int, *, purpose: Action):
    record = visible_records(user, slug, purpose=purpose).filter(pk=pk).first()
    if record is None:
        raise Http404("No such record.")
    return record


def updates_of(action: PlanAction) -> list:
    return list(action.updates.select_related("recorded_by"))


def actions_of(plan) -> list[PlanAction]:
    return list(
        plan.actions.annotate(last_update=Max("updates__recorded_on")).prefetch_related(
            "risks", "criteria"
        )
    )


def meetings_of(body: GovernanceBody) -> list[Meeting]:
    return list(body.meetings.all())


def meetings_by_month(meetings: list[Meeting], today: date) -> list[dict]:
    """Meetings held in each of the last twelve months, and how often each
    sector attended them (from meetings already loaded: no query)."""
    from .models import AgencySector

    months = []
    year, month = today.year, today.month
    for _ in range(12):
        held = [
            mt
            for mt in meetings
            if mt.status == MeetingStatus.HELD
            and mt.meeting_on.year == year
            and mt.meeting_on.month == month
        ]
        months.append({"month": date(year, month, 1), "held": len(held)})
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    recent = [
        mt
        for mt in meetings
        if mt.status == MeetingStatus.HELD and mt.meeting_on >= months[-1]["month"]
    ]
    sectors = [
        (label, sum(1 for mt in recent if code in mt.sectors_attending))
        for code, label in AgencySector.choices
    ]
    return [{"months": months, "sectors": sectors, "meetings": len(recent)}]


def quarters_of(panel, *, exact: bool) -> list[dict]:
    rows = []
    for quarter in panel.quarters.all():
        rows.append(
            {
                "record": quarter,
                "cells": [
                    suppression.single(getattr(quarter, name), exact=exact)
                    for name in CHANNEL_COUNTS
                ],
            }
        )
    return rows


CHANNEL_COUNTS = ["discussed", "adopted", "closed", "reviewed_6_months", "reviewed_12_months"]


def plan_choices(organisation_id: int):
    from .models import PartnershipPlan

    return PartnershipPlan.objects.filter(organisation=organisation_id)


def body_choices(organisation_id: int):
    return GovernanceBody.objects.filter(organisation=organisation_id)


def risk_choices(organisation_id: int):
    from .models import Risk

    return Risk.objects.filter(organisation=organisation_id)


def panel_choices(organisation_id: int):
    from .models import ChannelPanel

    return ChannelPanel.objects.filter(organisation=organisation_id).select_related("body")


def criterion_choices(organisation_id: int):
    """Criteria of the framework versions the council is assessed against
    (every version, if it has no assessment yet)."""
    from assurance.assessments.models import Assessment
    from assurance.frameworks.models import Criterion

    versions = Assessment.objects.filter(
        Q(organisation=organisation_id) | Q(partnership__members=organisation_id)
    ).values("framework_version")
    criteria = Criterion.objects.select_related("framework_version__framework")
    if versions.exists():
        criteria = criteria.filter(framework_version__in=versions)
    return criteria.order_by("framework_version__framework__title", "-framework_version", "number")


# --- Referral figures -----------------------------------------------------------


@dataclass
class ReferralView:
    period: str
    exact: bool
    quarters: list[dict]  # {"quarter": n, "cells": {sector: Cell}, "total": Cell}
    sectors: list[tuple[str, str]]
    year: suppression.Table
    national: national.NationalYear | None
    source: str
    recorded: bool


def referral_view(organisation_ids: list[int], period: str, *, exact: bool) -> ReferralView:
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(Sector.values, 0))
    sums = ReferralFigure.objects.filter(organisation__in=organisation_ids, period=period)
    recorded = False
    for figure in sums.values("quarter", "sector", "count"):
        counts[figure["quarter"]][figure["sector"]] += figure["count"]
        recorded = True
    grid = suppression.suppress_grid({q: counts[q] for q in range(1, 5)}, exact=exact)
    quarters = [
        {"quarter": q, "cells": grid.rows[q].cells, "total": grid.rows[q].total}
        for q in range(1, 5)
    ]
    reference = national.reference()
    return ReferralView(
        period=period,
        exact=exact,
        quarters=quarters,
        sectors=list(Sector.choices),
        year=grid.columns,
        national=reference.year(period) or reference.latest(upto=period),
        source=reference.source,
        recorded=recorded,
    )


# --- Criterion panel and quality checks on assessments -------------------------------


def _assessment_scope(user, assessment) -> list[int] | None:
    from assurance.assessments.selectors import holder_organisation_ids

    ids = [i for i in holder_organisation_ids(assessment) if can(user, Action.VIEW_RECORDS, i)]
    return ids or None


@dataclass
class KindSummary:
    kind: Kind
    records: list
    linked: bool  # linked to the criterion by hand, not only by the framework's hint


def criterion_panel(user, assessment, criterion) -> dict | None:
    """What the council's records show for one criterion in the assessment's period."""
    ids = _assessment_scope(user, assessment)
    if ids is None:
        return None
    hinted = list((criterion.delivery or {}).get("records", []))
    start, end = rules.period_bounds(assessment.period)
    summaries = []
    for slug, k in KINDS.items():
        if k.counts:
            continue
        queryset = k.model.objects.filter(**{f"{k.org_path}__in": ids})
        if k.in_period is not None:
            queryset = queryset.filter(k.in_period(start, end))
        linked = Q(criteria=criterion) if k.has_criteria else Q(pk__in=[])
        if slug not in hinted and not k.has_criteria:
            continue
        if slug not in hinted:
            queryset = queryset.filter(linked)
        records = list(queryset.select_related(*k.related).distinct()[:6])
        if records:
            summaries.append(KindSummary(k, records, slug not in hinted))
    referrals = None
    if "referrals" in hinted:
        exact = all(exact_figures(user, i) for i in ids)
        referrals = referral_view(ids, assessment.period, exact=exact)
    sensitive = any(
        getattr(r, "marking", "") == Marking.OFFICIAL_SENSITIVE
        for s in summaries
        for r in s.records
    )
    return {
        "delivery_summaries": summaries,
        "delivery_hinted": hinted,
        "delivery_referrals": referrals,
        "delivery_period": assessment.period,
        "delivery_organisation_id": ids[0],
        "delivery_sensitive": sensitive,
    }


def _threshold(version_ids) -> float | None:
    from assurance.frameworks.models import Criterion

    values = [
        (c or {}).get("mandated_coverage")
        for c in Criterion.objects.filter(framework_version__in=version_ids).values_list(
            "delivery", flat=True
        )
    ]
    values = [v for v in values if v is not None]
    return max(values) if values else None


def assessment_findings(assessment, ids: list[int], today: date) -> list[rules.Finding]:
    from assurance.assessments.models import CriterionResponse
    from assurance.evidence.models import EvidenceItem
    from assurance.frameworks.models import Band

    as_at = checks.as_at_for(assessment.period, today)
    findings = checks.quality_checks(
        ids, as_at=as_at, coverage_threshold=_threshold([assessment.framework_version_id])
    )
    start, end = rules.period_bounds(assessment.period)
    responses = list(
        CriterionResponse.objects.filter(assessment=assessment)
        .select_related("criterion", "self_level")
        .order_by("criterion__number")
    )
    evidence = dict(
        EvidenceItem.objects.filter(
            holder_type=ContentType.objects.get_for_model(CriterionResponse),
            holder_id__in=[r.pk for r in responses],
            evidence_date__range=(start, end),
        )
        .values_list("holder_id")
        .annotate(n=Count("pk"))
    )
    records = _records_per_criterion(ids, [r.criterion for r in responses], start, end)
    for response in responses:
        level = response.self_level
        finding = rules.proposed_met_without_records(
            criterion_id=response.criterion_id,
            title=f"{response.criterion.number}. {response.criterion.title}",
            proposed_meets=bool(level and level.band in (Band.MET, Band.EXCEEDED)),
            records=records.get(response.criterion_id, 0),
            evidence=evidence.get(response.pk, 0),
            period=assessment.period,
        )
        if finding:
            findings.append(finding)
    return findings


def _records_per_criterion(ids, criteria, start: date, end: date) -> dict[int, int]:
    """How many records in the period speak to each criterion: linked by hand,
    or of a kind the framework file names for it. One query per kind."""
    counts: dict[int, int] = defaultdict(int)
    for slug, k in KINDS.items():
        queryset = k.model.objects.filter(**{f"{k.org_path}__in": ids})
        if k.in_period is not None:
            queryset = queryset.filter(k.in_period(start, end))
        total = None
        if k.has_criteria:
            for row in queryset.values("criteria").annotate(n=Count("pk")):
                if row["criteria"]:
                    counts[row["criteria"]] += row["n"]
        for criterion in criteria:
            if slug in ((criterion.delivery or {}).get("records") or []):
                if total is None:
                    total = queryset.count()
                counts[criterion.pk] += total
    return counts


def assessment_panel(user, assessment) -> dict | None:
    ids = _assessment_scope(user, assessment)
    if ids is None:
        return None
    return {
        "delivery_findings": assessment_findings(assessment, ids, timezone.localdate()),
        "delivery_period": assessment.period,
        "delivery_organisation_id": ids[0],
    }


# --- Dashboard ----------------------------------------------------------------------


@dataclass
class Dashboard:
    organisation: Organisation
    period: str
    as_at: date
    exact: bool
    actions: dict[str, int]
    bodies: list[dict]
    training: list[dict]
    policies_due: list[Policy]
    referrals: ReferralView
    findings: list[rules.Finding]
    threshold: float | None
    periods: list[str] = field(default_factory=list)


def org_threshold(organisation_id: int) -> float | None:
    """From the framework version of the council's latest assessment, else
    from the versions in force (no end date)."""
    from assurance.assessments.models import Assessment
    from assurance.frameworks.models import FrameworkVersion

    latest = (
        Assessment.objects.filter(organisation=organisation_id)
        .order_by("-period")
        .values_list("framework_version", flat=True)
        .first()
    )
    if latest:
        return _threshold([latest])
    return _threshold(FrameworkVersion.objects.filter(effective_to__isnull=True).values("pk"))


def dashboard(user, organisation: Organisation, period: str, today: date) -> Dashboard:
    ids = [organisation.pk]
    as_at = checks.as_at_for(period, today)
    start, end = rules.period_bounds(period)
    threshold = org_threshold(organisation.pk)
    statuses = dict(
        PlanAction.objects.filter(plan__organisation=organisation)
        .filter(KINDS["actions"].in_period(start, end))
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    held = {
        row["body"]: row
        for row in Meeting.objects.filter(
            body__organisation=organisation, status=MeetingStatus.HELD, meeting_on__lte=as_at
        )
        .values("body")
        .annotate(last=Max("meeting_on"), in_period=Count("pk", filter=Q(meeting_on__gte=start)))
    }
    bodies = []
    for body in GovernanceBody.objects.filter(organisation=organisation):
        row = held.get(body.pk, {})
        bodies.append(
            {
                "body": body,
                "last": row.get("last"),
                "in_period": row.get("in_period", 0),
                "status": rules.cadence_status(
                    cadence_months=body.cadence_months, last_held=row.get("last"), as_at=as_at
                ),
            }
        )
    latest: dict[str, TrainingCohort] = {}
    for cohort in TrainingCohort.objects.filter(organisation=organisation, as_at__lte=end).order_by(
        "-as_at"
    ):
        latest.setdefault(cohort.name.lower(), cohort)
    training = [
        {"cohort": c, "coverage": rules.coverage(c.trained, c.cohort_size)}
        for c in sorted(latest.values(), key=lambda c: c.name)
    ]
    policies_due = [
        p
        for p in Policy.objects.filter(organisation=organisation)
        if p.next_review_on is None or p.next_review_on <= as_at
    ]
    return Dashboard(
        organisation=organisation,
        period=period,
        as_at=as_at,
        exact=exact_figures(user, organisation.pk),
        actions={
            s: statuses.get(s, 0)
            for s in ("not_started", "in_progress", "delayed", "completed", "cancelled")
        },
        bodies=bodies,
        training=training,
        policies_due=policies_due,
        referrals=referral_view(ids, period, exact=exact_figures(user, organisation.pk)),
        findings=checks.quality_checks(ids, as_at=as_at, coverage_threshold=threshold),
        threshold=threshold,
    )


# --- For other apps: a council's delivery summary for a period ------------------------


@dataclass(frozen=True)
class DeliverySummary:
    """What the council's delivery records show for a period, with referral
    figures already suppressed for the reader. Used by the scrutiny pack."""

    organisation_id: int
    period: str
    recorded: bool
    actions_total: int
    actions_completed: int
    actions_overdue: int
    meetings_held: int
    bodies_overdue: int
    cohorts: tuple[
        tuple[str, int, int, float | None, bool], ...
    ]  # name, trained, size, %, mandated
    policies_due: int
    referrals_total: str  # "fewer than 5", "25 (rounded)" or exact for the council
    open_checks: tuple[str, ...]


def delivery_summary_for(
    user, organisation_id: int, period: str, *, purpose: Action, today: date | None = None
) -> DeliverySummary:
    organisation = get_council_for(user, organisation_id, purpose=purpose)
    board = dashboard(user, organisation, period, today or timezone.localdate())
    start, end = rules.period_bounds(period)
    overdue = (
        PlanAction.objects.filter(plan__organisation=organisation, due_on__lt=board.as_at)
        .exclude(status__in=["completed", "cancelled"])
        .count()
    )
    meetings = Meeting.objects.filter(
        body__organisation=organisation, status=MeetingStatus.HELD, meeting_on__range=(start, end)
    ).count()
    total_actions = sum(board.actions.values())
    return DeliverySummary(
        organisation_id=organisation.pk,
        period=period,
        recorded=bool(total_actions or meetings or board.training or board.referrals.recorded),
        actions_total=total_actions,
        actions_completed=board.actions.get("completed", 0),
        actions_overdue=overdue,
        meetings_held=meetings,
        bodies_overdue=sum(1 for b in board.bodies if b["status"] == "overdue"),
        cohorts=tuple(
            (
                t["cohort"].name,
                t["cohort"].trained,
                t["cohort"].cohort_size,
                t["coverage"],
                t["cohort"].mandated,
            )
            for t in board.training
        ),
        policies_due=len(board.policies_due),
        referrals_total=board.referrals.year.total.shown,
        open_checks=tuple(f"{f.about}: {f.problem}" for f in board.findings),
    )


def import_references(slug: str, organisation: Organisation) -> dict[str, int]:
    """Names a row may use for its plan version or body, lower-cased."""
    if slug == "actions":
        references = {}
        for plan in _plans().filter(organisation=organisation):
            references[plan.version_label.lower()] = plan.pk
            references[str(plan).lower()] = plan.pk
        return references
    if slug == "meetings":
        return {
            b.name.lower(): b.pk for b in GovernanceBody.objects.filter(organisation=organisation)
        }
    return {}


def _plans():
    from .models import PartnershipPlan

    return PartnershipPlan.objects
