"""Reads of the recommendations register at scale, scoped to the user: open,
overdue and completed by region and by criterion, the median time to
completion, and sources still open after a year. Aggregated in the database
(a fixed number of grouped queries), never row by row; "overdue" and "open"
are the register's own conditions (recommendations.selectors)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Q, QuerySet
from django.utils import timezone

from assurance.accounts.permissions import EVERYWHERE, Action, organisation_scope, scope_filter
from assurance.frameworks.models import Criterion
from assurance.organisations.models import Organisation, Region
from assurance.recommendations.models import (
    Recommendation,
    RecommendationSource,
    SourceStatus,
    Status,
)
from assurance.recommendations.selectors import overdue_q, unsettled_q

from . import rules
from .filters import Filters


@dataclass(frozen=True)
class Counts:
    label: str
    total: int
    open: int
    overdue: int
    completed: int
    median_days: float | None = None


@dataclass(frozen=True)
class StaleSource:
    pk: int
    title: str
    organisation: str
    made_on: object


@dataclass
class RegisterReport:
    by_region: list[Counts]
    by_criterion: list[Counts]
    overall: Counts
    stale_sources: list[StaleSource]  # open past a year, oldest first
    stale_count: int
    today: object


# Reports by (register fingerprint, scope, filters). The fingerprint is the
# latest history row of recommendations, sources and organisations (every
# write through the product adds one) and today's date (overdue moves with it).
_reports: dict[tuple, RegisterReport] = {}
MAX_REPORTS = 500


def fingerprint(today) -> tuple:
    return (
        Recommendation.history.aggregate(last=Max("history_id"))["last"],
        RecommendationSource.history.aggregate(last=Max("history_id"))["last"],
        Organisation.history.aggregate(last=Max("history_id"))["last"],
        today,
    )


def forget() -> None:
    _reports.clear()


def _narrowed(qs: QuerySet, user, purpose: Action, filters: Filters, org: str) -> QuerySet:
    condition = scope_filter(user, purpose, org)
    if condition is not None:
        qs = qs.filter(condition)
    if filters.region:
        qs = qs.filter(**{f"{org}__region_id": filters.region})
    if filters.nation:
        qs = qs.filter(**{f"{org}__region__nation": filters.nation})
    if filters.kind:
        qs = qs.filter(**{f"{org}__kind": filters.kind})
    if filters.priority is not None:
        qs = qs.filter(**{f"{org}__is_priority_area": filters.priority})
    return qs


def _aggregates(today) -> dict:
    return {
        "total": Count("pk"),
        "open": Count("pk", filter=unsettled_q()),
        "overdue": Count("pk", filter=overdue_q(today)),
        "completed": Count("pk", filter=Q(status=Status.COMPLETED)),
    }


def register_report(user, *, purpose: Action, filters: Filters) -> RegisterReport:
    today = timezone.localdate()
    scope = organisation_scope(user, purpose)
    key = (fingerprint(today), "all" if scope is EVERYWHERE else scope, filters.key())
    if key not in _reports:
        if len(_reports) > MAX_REPORTS:
            _reports.clear()
        _reports[key] = _report(user, purpose, filters, today)
    return _reports[key]


def _report(user, purpose: Action, filters: Filters, today) -> RegisterReport:
    qs = _narrowed(Recommendation.objects.all(), user, purpose, filters, "source__organisation")
    if filters.period:
        qs = qs.filter(source__assessment__period=filters.period)
    region_key = "source__organisation__region_id"
    by_region_rows = list(qs.values(region_key).annotate(**_aggregates(today)).order_by())
    criterion_rows = list(
        qs.filter(criterion__framework_version_id=filters.version)
        .values("criterion_id")
        .annotate(**_aggregates(today))
        .order_by()
    )
    medians = _median_days(qs, region_key)
    names = dict(Region.objects.values_list("pk", "name"))
    criteria = {
        c.pk: str(c)
        for c in Criterion.objects.filter(pk__in=[r["criterion_id"] for r in criterion_rows])
    }
    by_region = sorted(
        (
            _counts(names.get(r[region_key], "No region"), r, medians.get(r[region_key]))
            for r in by_region_rows
        ),
        key=lambda c: c.label,
    )
    by_criterion = [
        _counts(criteria.get(r["criterion_id"], ""), r)
        for r in sorted(criterion_rows, key=lambda r: criteria.get(r["criterion_id"], ""))
    ]
    overall = Counts(
        label="All",
        total=sum(c.total for c in by_region),
        open=sum(c.open for c in by_region),
        overdue=sum(c.overdue for c in by_region),
        completed=sum(c.completed for c in by_region),
        median_days=medians.get("all"),
    )
    stale = _narrowed(
        RecommendationSource.objects.filter(
            status=SourceStatus.OPEN, made_on__lt=rules.past_a_year_cutoff(today)
        ),
        user,
        purpose,
        filters,
        "organisation",
    )
    if filters.period:
        stale = stale.filter(assessment__period=filters.period)
    stale_sources = [
        StaleSource(*row)
        for row in stale.order_by("made_on", "pk").values_list(
            "pk", "title", "organisation__name", "made_on"
        )
    ]
    return RegisterReport(
        by_region=by_region,
        by_criterion=by_criterion,
        overall=overall,
        stale_sources=stale_sources,
        stale_count=len(stale_sources),
        today=today,
    )


def _counts(label: str, row: dict, median: float | None = None) -> Counts:
    return Counts(
        label=label,
        total=row["total"],
        open=row["open"],
        overdue=row["overdue"],
        completed=row["completed"],
        median_days=median,
    )


def _median_days(qs: QuerySet, region_key: str) -> dict:
    """Median days from the date a recommendation was made to its completion,
    per region and overall, from one grouped query (days → how many)."""
    taken = ExpressionWrapper(
        F("completed_on") - F("source__made_on"), output_field=DurationField()
    )
    rows = (
        qs.filter(status=Status.COMPLETED, completed_on__isnull=False)
        .annotate(taken=taken)
        .values(region_key, "taken")
        .annotate(n=Count("pk"))
        .order_by()
    )
    histograms: dict = defaultdict(lambda: defaultdict(int))
    for row in rows:
        days = row["taken"].days if row["taken"] is not None else None
        if days is None:
            continue
        histograms[row[region_key]][days] += row["n"]
        histograms["all"][days] += row["n"]
    return {k: rules.median_from_histogram(h) for k, h in histograms.items()}


def open_recommendations_of(organisation) -> QuerySet[Recommendation]:
    """A council's recommendations still needing work; the caller has checked
    the council is in the user's scope."""
    return (
        Recommendation.objects.filter(unsettled_q(), source__organisation=organisation)
        .select_related("source", "criterion")
        .order_by("milestone", "source__made_on", "number")
    )
