"""Reads for oversight, always scoped to the user.

Issued levels come from ``data.dataset()`` (national, cached on a
fingerprint of issued data) and are cut down here to the organisations the
user may oversee for the stated purpose: an adviser's assigned councils and
region, a national analyst's nation. Filter choices come from the same cut,
so an adviser is never offered another region."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404

from assurance.accounts.permissions import EVERYWHERE, Action, organisation_scope, restrict
from assurance.organisations.models import COUNCIL_KINDS, Organisation

from . import consistency, rules
from .data import CriterionInfo, Dataset, Holder, Issued, VersionInfo, dataset
from .filters import Choices, Filters


@dataclass
class Scoped:
    """The dataset as one user may see it for one purpose."""

    data: Dataset
    scope: object  # EVERYWHERE or a frozenset of organisation ids

    def sees(self, holder: Holder) -> bool:
        return self.scope is EVERYWHERE or bool(holder.org_ids & self.scope)

    @property
    def scope_key(self):
        return "all" if self.scope is EVERYWHERE else tuple(sorted(self.scope))

    def issued(self) -> list[Issued]:
        return [i for i in self.data.issued if self.sees(i.holder)]

    def slice(self, filters: Filters, *, period: str | None = None) -> list[Issued]:
        period = period or filters.period
        return [
            i
            for i in self.data.by_slice.get((filters.version, period), [])
            if self.sees(i.holder) and filters.matches(i.holder)
        ]

    def version_items(self, filters: Filters) -> list[Issued]:
        """Every period of the chosen version, other filters applied."""
        return [
            i
            for i in self.data.issued
            if i.version.pk == filters.version and self.sees(i.holder) and filters.matches(i.holder)
        ]


def scoped(user, *, purpose: Action) -> Scoped:
    """Start of every oversight read: the dataset and the user's scope for the purpose."""
    return Scoped(data=dataset(), scope=organisation_scope(user, purpose))


def get_council_for(user, pk: int, *, purpose: Action) -> Organisation:
    """A council the user may see an overview of; 404 alike for missing and forbidden."""
    qs = Organisation.objects.select_related("region").filter(kind__in=COUNCIL_KINDS)
    return get_object_or_404(restrict(qs, user, "pk", purpose=purpose), pk=pk)


def overview_links(user, *, purpose: Action, limit: int = 3) -> list[Organisation]:
    """The councils whose overview a council user may open from the home page
    (their own); empty for those who oversee many."""
    scope = organisation_scope(user, purpose)
    if scope is EVERYWHERE or not scope or len(scope) > limit:
        return []
    return list(Organisation.objects.filter(pk__in=scope, kind__in=COUNCIL_KINDS))


def filter_choices(view: Scoped) -> Choices:
    return view.data.remember(("choices", view.scope_key), lambda: _filter_choices(view))


def _filter_choices(view: Scoped) -> Choices:
    visible = view.issued()
    versions = {i.version.pk for i in visible}
    ordered = [v for v in view.data.version_order() if v.pk in versions]
    periods: dict[int, set[str]] = defaultdict(set)
    regions, nations, kinds = {}, set(), set()
    for item in visible:
        periods[item.version.pk].add(item.period)
        holder = item.holder
        for region_id in holder.region_ids:
            if view.scope is EVERYWHERE or region_id in _regions_in_scope(view):
                regions[region_id] = view.data.regions[region_id][0]
        nations |= holder.nations
        kinds |= holder.kinds
    return Choices(
        versions=[(v.pk, v.title) for v in ordered],
        periods={v: sorted(p) for v, p in periods.items()},
        regions=sorted(regions.items(), key=lambda r: r[1]),
        nations=sorted(nations),
        kinds=sorted(kinds),
    )


def _regions_in_scope(view: Scoped) -> set[int]:
    """Regions of the organisations in scope (a partnership may reach beyond them)."""
    if not hasattr(view, "_regions"):
        view._regions = {
            r
            for h in view.data.holders.values()
            if h.key.startswith("o") and h.org_ids & view.scope
            for r in h.region_ids
        }
    return view._regions


# --- Heatmap ---------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    value: int | None
    name: str
    band: str | None
    movement: str

    @property
    def words(self) -> str:
        return rules.band_words(self.band)

    @property
    def css(self) -> str:
        return rules.band_class(self.band)

    @property
    def movement_words(self) -> str:
        return rules.MOVEMENT_WORDS[self.movement]

    @property
    def symbol(self) -> str:
        return rules.MOVEMENT_SYMBOLS[self.movement]


@dataclass(frozen=True)
class HeatRow:
    issued_pk: int
    holder: Holder
    previous_period: str | None
    cells: list[Cell | None]


@dataclass
class Heatmap:
    version: VersionInfo | None
    period: str | None
    criteria: list[CriterionInfo]
    rows: list[HeatRow]


def _cell(item: Issued, criterion: CriterionInfo) -> Cell | None:
    if not criterion.scored:
        return None
    value = item.final(criterion.pk)
    level = item.version.levels.get(value) if value is not None else None
    return Cell(
        value=value,
        name=level.name if level else "",
        band=level.band if level else None,
        movement=item.movement.get(criterion.pk, rules.NONE),
    )


def heatmap(view: Scoped, *, filters: Filters, sort: str = "name", descending=False) -> Heatmap:
    key = ("heatmap", view.scope_key, filters.key(), sort, descending)
    return view.data.remember(key, lambda: _heatmap(view, filters, sort, descending))


def _heatmap(view: Scoped, filters: Filters, sort: str, descending: bool) -> Heatmap:
    version = view.data.versions.get(filters.version)
    criteria = version.criteria if version else []
    rows = [
        HeatRow(i.pk, i.holder, i.previous_period, [_cell(i, c) for c in criteria])
        for i in view.slice(filters)
    ]
    rows.sort(key=_sort_key(sort, criteria), reverse=descending)
    return Heatmap(version=version, period=filters.period, criteria=criteria, rows=rows)


def _sort_key(sort: str, criteria: list[CriterionInfo]):
    if sort == "region":
        return lambda r: (r.holder.region_label, r.holder.name)
    index = next((n for n, c in enumerate(criteria) if f"c{c.number}" == sort), None)
    if index is None:
        return lambda r: r.holder.name.lower()

    def by_level(row: HeatRow):
        cell = row.cells[index]
        rank = rules.band_rank(cell.band) if cell and cell.band else -1
        return (rank, cell.value if cell and cell.value is not None else -1, row.holder.name)

    return by_level


# --- Distributions ---------------------------------------------------------------


@dataclass(frozen=True)
class CriterionDistribution:
    criterion: CriterionInfo
    counts: list[tuple[int, str, str, int]]  # (value, name, band, count)
    total: int
    share: float | None


@dataclass(frozen=True)
class TrendPoint:
    version: VersionInfo
    period: str
    councils: int
    share: float | None
    by_criterion: dict[int, float | None]


@dataclass
class Distributions:
    version: VersionInfo | None
    period: str | None
    criteria: list[CriterionDistribution]
    overall: float | None
    councils: int
    all_met: float | None
    trend: list[TrendPoint]


def _judged(items: list[Issued], criterion: CriterionInfo) -> list[bool | None]:
    return [rules.meets(i.band(criterion.pk)) for i in items]


def distributions(view: Scoped, *, filters: Filters) -> Distributions:
    key = ("distributions", view.scope_key, filters.key())
    return view.data.remember(key, lambda: _distributions(view, filters))


def _distributions(view: Scoped, filters: Filters) -> Distributions:
    version = view.data.versions.get(filters.version)
    items = view.slice(filters)
    rows = []
    all_judged: list[bool | None] = []
    for criterion in version.scored_criteria if version else []:
        counts = rules.level_counts(i.final(criterion.pk) for i in items)
        judged = _judged(items, criterion)
        all_judged += judged
        rows.append(
            CriterionDistribution(
                criterion=criterion,
                counts=[
                    (v, level.name, level.band, counts.get(v, 0))
                    for v, level in sorted(version.levels.items())
                ],
                total=sum(counts.values()),
                share=rules.share(judged),
            )
        )
    every = [_meets_all(i) for i in items]
    return Distributions(
        version=version,
        period=filters.period,
        criteria=rows,
        overall=rules.share(all_judged),
        councils=len(items),
        all_met=rules.share(every),
        trend=view.data.remember(
            ("trend", view.scope_key, filters.key()[2:]), lambda: _trend(view, filters)
        ),
    )


def _meets_all(item: Issued) -> bool | None:
    judged = [rules.meets(item.band(c.pk)) for c in item.version.scored_criteria]
    known = [j for j in judged if j is not None]
    return all(known) if known else None


def _trend(view: Scoped, filters: Filters) -> list[TrendPoint]:
    """Share meeting the duty in every period of every version (bands make
    versions comparable), with the other filters applied."""
    points = []
    for version in view.data.version_order():
        for period in view.data.periods_of(version.pk):
            items = [
                i
                for i in view.data.by_slice[(version.pk, period)]
                if view.sees(i.holder) and filters.matches(i.holder)
            ]
            if not items:
                continue
            by_criterion = {c.pk: rules.share(_judged(items, c)) for c in version.scored_criteria}
            judged = [j for c in version.scored_criteria for j in _judged(items, c)]
            points.append(
                TrendPoint(version, period, len(items), rules.share(judged), by_criterion)
            )
    return sorted(points, key=lambda p: (p.period, p.version.pk))


# --- Consistency -----------------------------------------------------------------


@dataclass(frozen=True)
class AssessorRow:
    assessor_id: int
    name: str
    effect: consistency.AssessorEffect | None
    gap: rules.Gap


@dataclass(frozen=True)
class CouncilGap:
    holder: Holder
    gap: rules.Gap


@dataclass
class Consistency:
    version: VersionInfo | None
    period: str | None
    fit: consistency.Fit | None
    assessors: list[AssessorRow]
    councils: list[CouncilGap]
    overall: rules.Gap
    flagged: list[AssessorRow] = field(default_factory=list)


def consistency_report(view: Scoped, *, filters: Filters) -> Consistency:
    key = ("consistency", view.scope_key, filters.key())
    return view.data.remember(key, lambda: _consistency(view, filters))


def _consistency(view: Scoped, filters: Filters) -> Consistency:
    """The model is fitted on every period of the chosen version (a council's
    standing is learnt from all its assessments); with a period chosen, each
    assessor's difference is estimated from that period's assessments only."""
    version = view.data.versions.get(filters.version)
    items = view.version_items(filters)
    chosen = [i for i in items if filters.period in (None, i.period)]
    fitted = consistency.fit(_observations(items, filters.period))
    effects = {e.assessor[0]: e for e in fitted.effects if e.assessor[1]} if fitted else {}
    by_assessor: dict[int, list] = defaultdict(list)
    by_holder: dict[str, list] = defaultdict(list)
    for item in chosen:
        triples = [item.levels.get(c.pk, (None, None, None)) for c in item.version.scored_criteria]
        by_assessor[item.assessor_id] += triples
        by_holder[item.holder.key] += triples
    assessors = [
        AssessorRow(a, view.data.assessors.get(a, ""), effects.get(a), rules.gap(t))
        for a, t in by_assessor.items()
    ]
    assessors.sort(key=lambda r: (-(abs(r.effect.difference) if r.effect else 0), r.name))
    holders = {i.holder.key: i.holder for i in chosen}
    councils = sorted(
        (CouncilGap(holders[k], rules.gap(t)) for k, t in by_holder.items()),
        key=lambda c: c.holder.name.lower(),
    )
    return Consistency(
        version=version,
        period=filters.period,
        fit=fitted,
        assessors=assessors,
        councils=councils,
        overall=rules.gap(t for ts in by_assessor.values() for t in ts),
        flagged=[a for a in assessors if a.effect and a.effect.flagged],
    )


def _observations(items: list[Issued], period: str | None) -> list[consistency.Observation]:
    observations = []
    for item in items:
        # Outside the chosen period an assessor is a separate factor level, so
        # those assessments inform councils' standing but not the difference shown.
        assessor = (item.assessor_id, period in (None, item.period))
        for criterion in item.version.scored_criteria:
            assessed = item.levels.get(criterion.pk, (None, None, None))[1]
            if assessed is not None:
                observations.append(
                    consistency.Observation(
                        level=assessed,
                        cell=(criterion.pk, item.period),
                        council=item.holder.key,
                        assessor=assessor,
                        assessment=item.pk,
                    )
                )
    return observations


# --- A council's own overview ------------------------------------------------------


@dataclass(frozen=True)
class OverviewLine:
    criterion: CriterionInfo
    cell: Cell | None
    region_share: float | None
    nation_share: float | None


@dataclass(frozen=True)
class OverviewPeriod:
    issued: Issued
    lines: list[OverviewLine]
    own_share: float | None
    region_share: float | None
    nation_share: float | None
    region_size: int
    nation_size: int


@dataclass(frozen=True)
class Overview:
    periods: list[OverviewPeriod]
    remember: object  # the dataset's memo, for rendered parts of the page


def council_overview(organisation) -> Overview:
    data = dataset()
    periods = data.remember(("overview", organisation.pk), lambda: _overview(data, organisation))
    return Overview(periods=periods, remember=data.remember)


def _overview(data: Dataset, organisation) -> list[OverviewPeriod]:
    """An organisation's issued levels, period by period, beside the share of
    its region's and nation's councils meeting the duty on each criterion.
    Only shares, and none for groups too small to keep a neighbour's result
    private. The caller has already checked the organisation is in scope."""
    data = dataset()
    own = data.by_holder.get(f"o{organisation.pk}", [])
    region = organisation.region_id
    nation = data.regions.get(region, (None, None))[1] if region else None
    periods = []
    for item in sorted(own, key=lambda i: i.period):
        peers = data.by_slice[(item.version.pk, item.period)]
        in_region = [p for p in peers if region in p.holder.region_ids]
        in_nation = [p for p in peers if nation in p.holder.nations]
        lines = [
            OverviewLine(
                criterion=c,
                cell=_cell(item, c),
                region_share=rules.shown_share(_judged(in_region, c)),
                nation_share=rules.shown_share(_judged(in_nation, c)),
            )
            for c in item.version.scored_criteria
        ]
        periods.append(
            OverviewPeriod(
                issued=item,
                lines=lines,
                own_share=rules.share(rules.meets(line.cell.band) for line in lines if line.cell),
                region_share=_group_share(in_region, item.version),
                nation_share=_group_share(in_nation, item.version),
                region_size=len(in_region),
                nation_size=len(in_nation),
            )
        )
    return periods


def _group_share(items: list[Issued], version: VersionInfo) -> float | None:
    if len(items) < rules.MIN_GROUP_FOR_SHARES:
        return None
    return rules.share(j for c in version.scored_criteria for j in _judged(items, c))
