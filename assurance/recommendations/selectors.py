"""Every read of the register, scoped to what the user may see. Sources are
seen by their council's users and by those of the partnership they were made
to; assessors see their assigned councils; analysts see everything."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from assurance.accounts.models import User
from assurance.accounts.permissions import Action, council_people, restrict
from assurance.frameworks.models import Criterion

from . import rules
from .models import ProgressEntry, Recommendation, RecommendationSource, Response, Status

SOURCE_LOOKUPS = ("organisation", "partnership__members")
RECOMMENDATION_LOOKUPS = ("source__organisation", "source__partnership__members")


def overdue_q(today: date, prefix: str = "") -> Q:
    """rules.is_overdue as a database condition; ``prefix`` reaches the
    recommendation from another model (e.g. "recommendations__")."""
    return (
        Q(**{f"{prefix}milestone__lt": today})
        & ~Q(**{f"{prefix}status__in": rules.DONE_STATUSES})
        & ~Q(**{f"{prefix}response": rules.REJECTED})
    )


def unsettled_q(prefix: str = "") -> Q:
    """The opposite of rules.is_settled: the recommendation still needs work."""
    rejected_with_reason = Q(**{f"{prefix}response": rules.REJECTED}) & ~Q(
        **{f"{prefix}reason": ""}
    )
    return ~Q(**{f"{prefix}status__in": rules.DONE_STATUSES}) & ~rejected_with_reason


def visible_sources(user, *, purpose: Action) -> QuerySet[RecommendationSource]:
    qs = RecommendationSource.objects.select_related("organisation", "partnership", "closed_by")
    return restrict(qs, user, *SOURCE_LOOKUPS, purpose=purpose)


def get_source_for(user, pk: int, *, purpose: Action) -> RecommendationSource:
    """404 alike for a missing source and one the user may not see or act on.
    Write actions are scoped to the owning council only."""
    if purpose == Action.VIEW_RECORDS:
        return get_object_or_404(visible_sources(user, purpose=purpose), pk=pk)
    qs = restrict(
        RecommendationSource.objects.select_related("organisation"),
        user,
        "organisation",
        purpose=purpose,
    )
    return get_object_or_404(qs, pk=pk)


def sources_with_counts(user) -> QuerySet[RecommendationSource]:
    today = timezone.localdate()
    return visible_sources(user, purpose=Action.VIEW_RECORDS).annotate(
        total=Count("recommendations"),
        outstanding=Count("recommendations", filter=unsettled_q("recommendations__")),
        overdue=Count("recommendations", filter=overdue_q(today, "recommendations__")),
    )


def source_recommendations(source: RecommendationSource) -> list[Recommendation]:
    """A source's recommendations with what its page and documents show,
    including the latest progress entry, in a fixed number of queries."""
    latest = ProgressEntry.objects.select_related("author").order_by("-created_at", "-pk")
    items = list(
        source.recommendations.select_related("criterion", "lead_user").prefetch_related(
            Prefetch("progress", queryset=latest, to_attr="progress_log")
        )
    )
    today = timezone.localdate()
    for item in items:
        item.latest_progress = item.progress_log[0] if item.progress_log else None
        item.overdue = rules.is_overdue(item.milestone, item.status, today, item.response)
    return items


def visible_recommendations(user, *, purpose: Action) -> QuerySet[Recommendation]:
    qs = Recommendation.objects.select_related(
        "source", "source__organisation", "criterion", "lead_user"
    )
    return restrict(qs, user, *RECOMMENDATION_LOOKUPS, purpose=purpose)


def get_recommendation_for(user, pk: int, *, purpose: Action) -> Recommendation:
    if purpose == Action.VIEW_RECORDS:
        qs = visible_recommendations(user, purpose=purpose)
    else:
        qs = restrict(
            Recommendation.objects.select_related("source"),
            user,
            "source__organisation",
            purpose=purpose,
        )
    recommendation = get_object_or_404(qs, pk=pk)
    recommendation.overdue = rules.is_overdue(
        recommendation.milestone,
        recommendation.status,
        timezone.localdate(),
        recommendation.response,
    )
    return recommendation


def progress_of(recommendation: Recommendation) -> QuerySet[ProgressEntry]:
    return recommendation.progress.select_related("author")


def lead_candidates(source: RecommendationSource) -> QuerySet[User]:
    """Who may be named as a lead person: the council's own people."""
    return council_people([source.organisation_id])


# --- The register page ----------------------------------------------------

SORTS = {
    "source": ("source__title", "number"),
    "number": ("source__made_on", "source_id", "number"),
    "milestone": ("milestone", "source_id", "number"),
    "status": ("status", "source_id", "number"),
    "response": ("response", "source_id", "number"),
    "lead": ("lead", "source_id", "number"),
}
DEFAULT_SORT = "milestone"


@dataclass
class RegisterFilters:
    source: int | None = None
    statuses: list[str] = field(default_factory=list)
    responses: list[str] = field(default_factory=list)
    lead: str = ""
    criterion: int | None = None
    overdue: bool = False
    sort: str = DEFAULT_SORT
    descending: bool = False


def register(user, filters: RegisterFilters) -> QuerySet[Recommendation]:
    qs = visible_recommendations(user, purpose=Action.VIEW_RECORDS)
    if filters.source:
        qs = qs.filter(source_id=filters.source)
    if filters.statuses:
        qs = qs.filter(status__in=filters.statuses)
    if filters.responses:
        qs = qs.filter(response__in=filters.responses)
    if filters.lead:
        qs = qs.filter(lead=filters.lead)
    if filters.criterion:
        qs = qs.filter(criterion_id=filters.criterion)
    if filters.overdue:
        qs = qs.filter(overdue_q(timezone.localdate()))
    order = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    if filters.descending:
        order = tuple(f"-{name}" for name in order)
    return qs.order_by(*order, "pk")


def register_counts(user, filters: RegisterFilters | None = None) -> dict[str, int]:
    """Counts by response and by status (and overdue) in one query."""
    qs = (
        register(user, filters)
        if filters
        else visible_recommendations(user, purpose=Action.VIEW_RECORDS)
    )
    today = timezone.localdate()
    aggregates = {f"response_{v}": Count("pk", filter=Q(response=v)) for v in Response.values}
    aggregates |= {f"status_{v}": Count("pk", filter=Q(status=v)) for v in Status.values}
    aggregates["overdue"] = Count("pk", filter=overdue_q(today))
    aggregates["total"] = Count("pk")
    return qs.order_by().aggregate(**aggregates)


def register_choices(user) -> dict[str, list]:
    """The options of the filter form: sources, leads and criteria in use."""
    recommendations = visible_recommendations(user, purpose=Action.VIEW_RECORDS).order_by()
    leads = (
        recommendations.exclude(lead="").values_list("lead", flat=True).distinct().order_by("lead")
    )
    criteria = Criterion.objects.filter(
        pk__in=recommendations.exclude(criterion=None).values("criterion_id")
    ).select_related("framework_version__framework")
    sources = restrict(
        RecommendationSource.objects.select_related("organisation").only(
            "pk", "title", "organisation__name"
        ),
        user,
        *SOURCE_LOOKUPS,
        purpose=Action.VIEW_RECORDS,
    )
    return {
        "sources": [(s.pk, f"{s.title} ({s.organisation.name})") for s in sources],
        "leads": list(leads),
        "criteria": [(c.pk, f"{c} – {c.framework_version.framework.title}") for c in criteria],
    }


def home_counts(user) -> dict[str, int]:
    qs = visible_recommendations(user, purpose=Action.VIEW_RECORDS).order_by()
    today = timezone.localdate()
    return qs.filter(source__status="open").aggregate(
        open=Count("pk", filter=unsettled_q()), overdue=Count("pk", filter=overdue_q(today))
    )
