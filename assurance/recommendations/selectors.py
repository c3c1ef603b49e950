"""Every read of the register, scoped to what the user may see. Sources are
seen by their council's users and by those of the partnership they were made
to; assessors see their assigned councils; analysts see everything."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from assurance.accounts import permissions
from assurance.accounts.models import User
from assurance.accounts.permissions import Action, can, restrict
from assurance.frameworks.models import Criterion

from . import rules
from .models import (
    Extension,
    NationalApplication,
    NationalSource,
    ProgressEntry,
    Recommendation,
    RecommendationSource,
    Response,
    ScrutinyPackDocument,
    SourceDocument,
    SourceKind,
    Status,
)

SOURCE_LOOKUPS = ("organisation", "partnership__members")
RECOMMENDATION_LOOKUPS = ("source__organisation", "source__partnership__members")


def has_target_q(prefix: str = "") -> Q:
    """rules.has_target as a database condition."""
    return ~Q(**{f"{prefix}status__in": rules.DONE_STATUSES}) & ~Q(
        **{f"{prefix}response": rules.REJECTED}
    )


def due_before_q(day: date, prefix: str = "", *, inclusive: bool = False) -> Q:
    """The date in force (rules.date_in_force: the revised milestone, else the
    milestone) falls before ``day`` (or on it, when inclusive)."""
    op = "lte" if inclusive else "lt"
    return Q(**{f"{prefix}revised_milestone__{op}": day}) | Q(
        **{f"{prefix}revised_milestone__isnull": True, f"{prefix}milestone__{op}": day}
    )


def overdue_q(today: date, prefix: str = "") -> Q:
    """rules.is_overdue as a database condition; ``prefix`` reaches the
    recommendation from another model (e.g. "recommendations__")."""
    return due_before_q(today, prefix) & has_target_q(prefix)


def mark_overdue(item: Recommendation, today: date) -> Recommendation:
    """Put the date in force and the overdue flag on a loaded recommendation."""
    item.due = rules.date_in_force(item.milestone, item.revised_milestone)
    item.overdue = rules.is_overdue(item.due, item.status, today, item.response)
    return item


def unsettled_q(prefix: str = "") -> Q:
    """The opposite of rules.is_settled: the recommendation still needs work."""
    rejected_with_reason = Q(**{f"{prefix}response": rules.REJECTED}) & ~Q(
        **{f"{prefix}reason": ""}
    )
    return ~Q(**{f"{prefix}status__in": rules.DONE_STATUSES}) & ~rejected_with_reason


def visible_sources(user, *, purpose: Action) -> QuerySet[RecommendationSource]:
    qs = RecommendationSource.objects.select_related(
        "organisation", "partnership", "closed_by", "verifier"
    )
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


SOURCE_STATUSES = ("open", "closed", "all")


@dataclass
class SourceFilters:
    q: str = ""
    status: str = "open"  # the default view of a list that grows every year


def source_list(user, filters: SourceFilters) -> QuerySet[RecommendationSource]:
    """The sources page, newest first: paginate it, then ``with_source_counts``
    on the page only."""
    qs = visible_sources(user, purpose=Action.VIEW_RECORDS)
    if filters.status in ("open", "closed"):
        qs = qs.filter(status=filters.status)
    if filters.q:
        qs = qs.filter(Q(title__icontains=filters.q) | Q(organisation__name__icontains=filters.q))
    return qs.order_by("-made_on", "title", "pk")


def with_source_counts(sources) -> list[RecommendationSource]:
    """Totals, outstanding and overdue for a page of sources, in one query."""
    sources = list(sources)
    today = timezone.localdate()
    rows = (
        Recommendation.objects.filter(source__in=[s.pk for s in sources])
        .values("source_id")
        .annotate(
            total=Count("pk"),
            outstanding=Count("pk", filter=unsettled_q()),
            overdue=Count("pk", filter=overdue_q(today)),
        )
        .order_by()
    )
    counts = {row["source_id"]: row for row in rows}
    for source in sources:
        row = counts.get(source.pk, {})
        source.total = row.get("total", 0)
        source.outstanding = row.get("outstanding", 0)
        source.overdue = row.get("overdue", 0)
    return sources


def source_recommendations(source: RecommendationSource) -> list[Recommendation]:
    """A source's recommendations with what its documents and response form
    show, including the latest progress entry only, in two queries."""
    items = list(source.recommendations.select_related("criterion", "lead_user"))
    return with_latest_progress(items)


def with_latest_progress(items: list[Recommendation]) -> list[Recommendation]:
    """Attach ``latest_progress`` and ``overdue`` to each recommendation: one
    query for the latest entries (by the (recommendation, created_at) index),
    not every entry of every recommendation."""
    latest = (
        ProgressEntry.objects.filter(recommendation=OuterRef("recommendation_id"))
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    entries = (
        {
            entry.recommendation_id: entry
            for entry in ProgressEntry.objects.filter(
                recommendation__in=[item.pk for item in items], pk=Subquery(latest)
            ).select_related("author")
        }
        if items
        else {}
    )
    today = timezone.localdate()
    for item in items:
        item.latest_progress = entries.get(item.pk)
        mark_overdue(item, today)
    return items


def source_response_rows(source: RecommendationSource) -> QuerySet[Recommendation]:
    """The response form's rows (paginate them); no progress is shown there."""
    return source.recommendations.select_related("lead_user").order_by("number_key")


def source_page_items(source: RecommendationSource, page_of) -> tuple:
    """The source page: one page of its recommendations (``page_of`` paginates
    a queryset) and what still blocks closing it, over all of them."""
    page, pagination = page_of(
        source.recommendations.select_related("criterion", "lead_user").order_by("number_key")
    )
    today = timezone.localdate()
    for item in page.object_list:
        mark_overdue(item, today)
    return page, pagination, list(source.recommendations.all())


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
    return mark_overdue(get_object_or_404(qs, pk=pk), timezone.localdate())


def progress_of(recommendation: Recommendation) -> QuerySet[ProgressEntry]:
    return recommendation.progress.select_related("author")


def extensions_of(recommendation: Recommendation) -> QuerySet[Extension]:
    return recommendation.extensions.select_related("requested_by", "decided_by")


def evidence_of(recommendation: Recommendation):
    from assurance.evidence.selectors import evidence_for

    return evidence_for(recommendation)


def may_answer_for(user, source: RecommendationSource) -> bool:
    """May this user verify the source's recommendations and decide its
    extensions (rules.may_answer)?"""
    return rules.may_answer(
        source.kind,
        holds_action=lambda action: can(user, Action(action), source.organisation_id),
        is_named_verifier=source.verifier_id is not None and source.verifier_id == user.pk,
    )


def get_extension_for(user, pk: int, *, purpose: Action) -> Extension:
    """An extension of a recommendation the user may reach for the purpose
    (404 otherwise)."""
    return get_object_or_404(
        Extension.objects.select_related("recommendation__source").filter(
            recommendation__in=visible_recommendations(user, purpose=purpose)
        ),
        pk=pk,
    )


def council_people(organisation_id: int) -> QuerySet[User]:
    """Who may be named as a lead person: the council's own people."""
    return permissions.council_people([organisation_id])


# --- The register page ----------------------------------------------------

SORTS = {
    "source": ("source__title", "number_key"),
    "number": ("source__made_on", "source_id", "number_key"),
    "milestone": ("milestone", "source_id", "number_key"),
    "status": ("status", "source_id", "number_key"),
    "response": ("response", "source_id", "number_key"),
    "lead": ("lead", "source_id", "number_key"),
}
DEFAULT_SORT = "milestone"


@dataclass
class RegisterFilters:
    source: int | None = None
    source_q: str = ""
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
    if filters.source_q:
        qs = qs.filter(
            Q(source__title__icontains=filters.source_q)
            | Q(source__organisation__name__icontains=filters.source_q)
        )
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
    """Counts by response and by status (and overdue) in one query; for a
    national scope, once per change of the register (see _nationally)."""
    counting = filters and RegisterFilters(**{**asdict(filters), "sort": "", "descending": False})
    return _nationally(user, ("counts", repr(counting)), lambda: _register_counts(user, filters))


def _register_counts(user, filters: RegisterFilters | None) -> dict[str, int]:
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
    counted = Q(response__in=[rules.ACCEPTED, rules.PARTIALLY_ACCEPTED]) & ~Q(
        status=rules.SUPERSEDED
    )
    aggregates["counted"] = Count("pk", filter=counted)
    aggregates["addressed"] = Count(
        "pk", filter=counted & Q(verification__in=[rules.ADDRESSED, rules.VERIFIED])
    )
    aggregates["verified"] = Count("pk", filter=counted & Q(verification=rules.VERIFIED))
    counts = qs.order_by().aggregate(**aggregates)
    # The same shares as rules.closure_shares, counted by the database.
    counts["addressed_percent"] = rules.percent(counts["addressed"], counts["counted"])
    counts["verified_percent"] = rules.percent(counts["verified"], counts["counted"])
    return counts


def _nationally(user, key: tuple, compute):
    """A national view of the register is worked out once per change of it,
    not on every request: counting or listing the choices of 40,000
    recommendations is most of an analyst's register page. Every change to a
    recommendation (and a removed source's, through the cascade) adds a
    history row, so the newest history row, found through its key's index,
    names the register's state; the date is part of it because overdue
    counts change at midnight. Narrower scopes use the indexes directly."""
    if permissions.organisation_scope(user, Action.VIEW_RECORDS) is not permissions.EVERYWHERE:
        return compute()
    latest = (
        Recommendation.history.order_by("-history_id")
        .values_list("history_id", "history_date")
        .first()
    )
    state = (latest, timezone.localdate().isoformat())
    name = "register:" + hashlib.sha256(repr((key, state)).encode()).hexdigest()
    return cache.get_or_set(name, compute, timeout=24 * 3600)


def register_choices(user) -> dict[str, list]:
    """The options of the filter form: leads and criteria in use. Sources are
    searched by text instead (there are thousands nationally)."""
    return _nationally(user, ("choices",), lambda: _register_choices(user))


def _register_choices(user) -> dict[str, list]:
    recommendations = visible_recommendations(user, purpose=Action.VIEW_RECORDS).order_by()
    leads = (
        recommendations.exclude(lead="").values_list("lead", flat=True).distinct().order_by("lead")
    )
    criteria = Criterion.objects.filter(
        pk__in=recommendations.exclude(criterion=None).values("criterion_id")
    ).select_related("framework_version__framework")
    return {
        "leads": list(leads),
        "criteria": [(c.pk, f"{c} – {c.framework_version.framework.title}") for c in criteria],
    }


def home_counts(user) -> dict[str, int]:
    qs = visible_recommendations(user, purpose=Action.VIEW_RECORDS).order_by()
    today = timezone.localdate()
    return qs.filter(source__status="open").aggregate(
        open=Count("pk", filter=unsettled_q()), overdue=Count("pk", filter=overdue_q(today))
    )


# --- Documents built by the worker ------------------------------------------------


def source_fingerprint(source: RecommendationSource) -> str:
    """Names the state of a source and everything its documents show (one
    query): a document built for another fingerprint is out of date."""
    import hashlib

    state = source.recommendations.aggregate(
        count=Count("pk", distinct=True),
        changed=Max("updated_at"),
        progress=Max("progress__pk"),
    )
    parts = (
        source.pk, source.title, source.status, source.closed_at, source.closing_statement,
        source.made_on, source.made_by, source.reference, source.marking, source.kind,
        source.organisation_id, state["count"], state["changed"], state["progress"],
    )  # fmt: skip
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def current_document(
    source: RecommendationSource, kind: str, extension: str, fingerprint: str
) -> SourceDocument | None:
    return SourceDocument.objects.filter(
        source=source, kind=kind, extension=extension, fingerprint=fingerprint
    ).first()


def get_document_for(user, pk: int, *, purpose: Action) -> SourceDocument:
    """404 alike for a missing document and one of a source the user may not see."""
    qs = SourceDocument.objects.select_related("source__organisation").filter(
        source__in=visible_sources(user, purpose=purpose).values("pk")
    )
    return get_object_or_404(qs, pk=pk)


# --- National recommendations ------------------------------------------------


def visible_national_sources(user, *, purpose: Action) -> QuerySet[NationalSource]:
    """National sources applied to at least one council the user may act on
    for the purpose (every one, for those who act everywhere)."""
    applied = restrict(
        NationalApplication.objects.all(), user, "organisation", purpose=purpose
    ).values("national_source_id")
    return NationalSource.objects.filter(pk__in=applied).annotate(
        councils=Count("applications", distinct=True)
    )


def get_national_source_for(user, pk: int, *, purpose: Action) -> NationalSource:
    return get_object_or_404(visible_national_sources(user, purpose=purpose), pk=pk)


def _national_entries(user, national: NationalSource) -> QuerySet[Recommendation]:
    """Every council's register entry answering this national source, within
    what the user may see. A national source's entries belong to the council
    it was applied to (never a partnership), so scoping the applications
    scopes the entries, without a join per row."""
    applications = restrict(
        national.applications.all(), user, "organisation", purpose=Action.VIEW_RECORDS
    )
    return Recommendation.objects.filter(
        source__kind=SourceKind.NATIONAL, source__origin_id__in=applications.values("pk")
    )


_ANSWERED = Q(response__in=[rules.ACCEPTED, rules.PARTIALLY_ACCEPTED])


def national_progress(user, national: NationalSource) -> list[dict]:
    """Per national recommendation: how many councils hold it, accepted it (in
    whole or part), addressed it and had it verified. Two queries whatever
    the number of councils."""
    counts = {
        row["origin_key"]: row
        for row in _national_entries(user, national)
        .order_by()
        .values("origin_key")
        .annotate(
            councils=Count("pk"),
            accepted=Count("pk", filter=_ANSWERED),
            addressed=Count("pk", filter=Q(verification__in=[rules.ADDRESSED, rules.VERIFIED])),
            verified=Count("pk", filter=Q(verification=rules.VERIFIED)),
        )
    }
    empty = {"councils": 0, "accepted": 0, "addressed": 0, "verified": 0}
    return [
        {"recommendation": item} | counts.get(str(item.pk), empty)
        for item in national.recommendations.all()
    ]


def national_positions(user, national: NationalSource) -> list[dict]:
    """Each council's position for an adviser's region: per council, how many
    of the national recommendations it accepted, addressed and had verified.
    One query, ordered by council."""
    return list(
        _national_entries(user, national)
        .order_by()
        .values("source__organisation__name", "source_id")
        .annotate(
            total=Count("pk"),
            accepted=Count("pk", filter=_ANSWERED),
            addressed=Count("pk", filter=Q(verification__in=[rules.ADDRESSED, rules.VERIFIED])),
            verified=Count("pk", filter=Q(verification=rules.VERIFIED)),
        )
        .order_by("source__organisation__name")
    )


# --- The scrutiny pack ------------------------------------------------------------


def scrutiny_items(user, organisation_id: int, start: date, end: date) -> list[Recommendation]:
    """A council's register entries for a period: sources made by its end
    that were made in it or are still open, within what the user may see."""
    qs = (
        visible_recommendations(user, purpose=Action.VIEW_RECORDS)
        .filter(source__organisation_id=organisation_id, source__made_on__lte=end)
        .filter(Q(source__made_on__gte=start) | Q(source__status="open"))
        .order_by("source__made_on", "source_id", "number_key")
    )
    today = timezone.localdate()
    return [mark_overdue(item, today) for item in qs]


def scrutiny_pack_fingerprint(organisation, period: str, start: date, end: date) -> str:
    """Names the state of everything a council's scrutiny pack for the period
    shows (a query for the register, one for each other app's section): a
    pack built for another fingerprint is out of date. The day is part of it,
    since what is overdue moves with it."""
    sources = (
        RecommendationSource.objects.filter(organisation=organisation, made_on__lte=end)
        .filter(Q(made_on__gte=start) | Q(status="open"))
        .annotate(
            count=Count("recommendations", distinct=True),
            changed=Max("recommendations__updated_at"),
            progress=Max("recommendations__progress__pk"),
        )
        .order_by("pk")
        .values_list("pk", "title", "kind", "marking", "status", "count", "changed", "progress")
    )
    from .scrutiny import sections_state

    parts = (
        organisation.pk, organisation.name, period, timezone.localdate(), list(sources),
        sections_state(organisation, period),
    )  # fmt: skip
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def current_scrutiny_pack(
    user, organisation, period: str, extension: str, fingerprint: str
) -> ScrutinyPackDocument | None:
    return ScrutinyPackDocument.objects.filter(
        organisation=organisation,
        period=period,
        extension=extension,
        requested_by=user,
        fingerprint=fingerprint,
    ).first()


def link_choices(recommendation: Recommendation) -> list[tuple[int, str]]:
    """The council's recommendations in other open sources that could answer
    this one (not themselves answered by another), for the link form."""
    candidates = (
        Recommendation.objects.filter(
            source__organisation_id=recommendation.source.organisation_id,
            source__status="open",
            answered_by__isnull=True,
        )
        .exclude(source_id=recommendation.source_id)
        .select_related("source")
        .order_by("source__title", "number_key")
    )
    return [(r.pk, f"{r.source.title}: recommendation {r.number}") for r in candidates]


def numbers_of(source: RecommendationSource) -> dict[str, str]:
    """Number → status of a source's recommendations, for an import to compare against."""
    return dict(source.recommendations.values_list("number", "status"))
