"""The issued levels of the nation, read once and kept in memory.

Oversight pages summarise every issued assessment. Reading and banding
28,000 criterion levels on every request would cost far more than the
100 ms a page may take, yet issued data changes rarely. So the whole set is
built in a handful of queries and kept per process, keyed on a fingerprint of
what it is made from (assessments, organisations, framework versions and
crosswalks). Every request computes the fingerprint first (three small
aggregate queries on indexed columns): a new issue, a reissue or a reopening changes it, so the
next request rebuilds and shows the change at once.

Nothing here is scoped to a user: ``selectors`` filters this data by the
user's scope before anything reaches a page or an export."""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Subquery

from assurance.assessments.models import Assessment, CriterionResponse
from assurance.assessments.rules import Status
from assurance.frameworks.models import (
    Criterion,
    CrosswalkMapping,
    FrameworkVersion,
    RatingLevel,
)
from assurance.frameworks.rules import level_name
from assurance.organisations.models import COUNCIL_KINDS, Organisation, Partnership

from . import rules


@dataclass(frozen=True)
class Holder:
    """A council, or a partnership assessed as one."""

    key: str  # "o12" for an organisation, "p3" for a partnership
    name: str
    org_ids: frozenset[int]
    region_ids: frozenset[int]
    region_names: tuple[str, ...]
    nations: frozenset[str]
    kinds: frozenset[str]
    priority: bool

    @property
    def region_label(self) -> str:
        return ", ".join(self.region_names) or "No region"


@dataclass(frozen=True)
class LevelInfo:
    value: int
    name: str
    band: str


@dataclass(frozen=True)
class CriterionInfo:
    pk: int
    number: int
    title: str
    scored: bool

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass
class VersionInfo:
    pk: int
    title: str
    short: str
    effective_from: object
    meets_duty_from: int | None
    levels: dict[int, LevelInfo] = field(default_factory=dict)
    criteria: list[CriterionInfo] = field(default_factory=list)

    @property
    def scored_criteria(self) -> list[CriterionInfo]:
        return [c for c in self.criteria if c.scored]

    def band(self, value: int | None) -> str | None:
        level = self.levels.get(value) if value is not None else None
        return level.band if level else None


@dataclass
class Issued:
    """One issued assessment with its levels: criterion id → (self-assessed,
    assessed, moderated) values, and the movement of each criterion's band
    since the holder's previous issued assessment."""

    pk: int
    holder: Holder
    version: VersionInfo
    period: str
    assessor_id: int
    levels: dict[int, tuple[int | None, int | None, int | None]] = field(default_factory=dict)
    movement: dict[int, str] = field(default_factory=dict)
    previous_period: str | None = None

    def final(self, criterion_id: int) -> int | None:
        _, assessed, moderated = self.levels.get(criterion_id, (None, None, None))
        return assessed if moderated is None else moderated

    def band(self, criterion_id: int) -> str | None:
        return self.version.band(self.final(criterion_id))


@dataclass
class Dataset:
    fingerprint: tuple
    holders: dict[str, Holder]
    versions: dict[int, VersionInfo]
    issued: list[Issued]
    assessors: dict[int, str]
    regions: dict[int, tuple[str, str]]  # id → (name, nation)
    by_slice: dict[tuple[int, str], list[Issued]] = field(default_factory=dict)
    by_holder: dict[str, list[Issued]] = field(default_factory=dict)
    # Reports already worked out from this data (per scope and filters), and
    # rendered rows: dropped with the dataset when issued data changes.
    memo: dict = field(default_factory=dict)

    def remember(self, key: tuple, compute):
        if key not in self.memo:
            if len(self.memo) > MEMO_SIZE:
                self.memo.clear()
            self.memo[key] = compute()
        return self.memo[key]

    def periods_of(self, version_id: int) -> list[str]:
        return sorted({p for (v, p) in self.by_slice if v == version_id})

    def version_order(self) -> list[VersionInfo]:
        """Versions with issued data, oldest first by their first period."""
        first: dict[int, str] = {}
        for version_id, period in self.by_slice:
            first[version_id] = min(first.get(version_id, period), period)
        return [self.versions[v] for v in sorted(first, key=lambda v: (first[v], v))]


# --- Fingerprint and cache -------------------------------------------------------

MEMO_SIZE = 2000
_lock = threading.Lock()
_cache: dict[str, Dataset] = {}


def fingerprint() -> tuple:
    """Every write through the product adds a history row, so the latest
    history id of assessments and organisations moves with every issue,
    reopening, reissue or change of a council (an index lookup, not a scan).
    The latest history time goes with it, because ids alone repeat when a
    database is emptied and filled again (a restore, a test run)."""
    assessments = _latest(Assessment.history)
    organisations = _latest(Organisation.history)
    # The newest crosswalk mapping by its key, not by joining every mapping
    # to its version.
    newest_mapping = CrosswalkMapping.objects.order_by("-pk").values("pk")[:1]
    frameworks = FrameworkVersion.objects.aggregate(
        n=Count("pk"), last=Max("loaded_at"), walks=Max(Subquery(newest_mapping))
    )
    return (
        assessments["last"],
        assessments["at"],
        organisations["last"],
        organisations["at"],
        frameworks["n"],
        frameworks["last"],
        frameworks["walks"],
    )


def _latest(history) -> dict:
    """The newest history row's id and time, read through the primary key's
    index (the time has no index of its own: its maximum would scan the
    table, which grows with every change, on every request)."""
    row = history.order_by("-history_id").values_list("history_id", "history_date").first()
    return {"last": row[0], "at": row[1]} if row else {"last": None, "at": None}


def dataset() -> Dataset:
    """The current dataset, rebuilt when the issued data has changed."""
    key = fingerprint()
    found = _cache.get("current")
    if found is not None and found.fingerprint == key:
        return found
    with _lock:
        found = _cache.get("current")
        if found is None or found.fingerprint != key:
            found = build(key)
            _cache["current"] = found
    return found


def forget() -> None:
    """For tests that change data inside one transaction and must see it."""
    _cache.clear()


# --- Building ----------------------------------------------------------------------


def _holders() -> tuple[dict[str, Holder], dict[int, tuple[str, str]]]:
    organisations = list(
        Organisation.objects.filter(kind__in=COUNCIL_KINDS).values(
            "pk", "name", "kind", "region_id", "region__name", "region__nation", "is_priority_area"
        )
    )
    regions: dict[int, tuple[str, str]] = {}
    holders: dict[str, Holder] = {}
    by_pk = {}
    for o in organisations:
        if o["region_id"]:
            regions[o["region_id"]] = (o["region__name"], o["region__nation"])
        holder = Holder(
            key=f"o{o['pk']}",
            name=o["name"],
            org_ids=frozenset({o["pk"]}),
            region_ids=frozenset({o["region_id"]}) if o["region_id"] else frozenset(),
            region_names=(o["region__name"],) if o["region_id"] else (),
            nations=frozenset({o["region__nation"]}) if o["region_id"] else frozenset(),
            kinds=frozenset({o["kind"]}),
            priority=o["is_priority_area"],
        )
        holders[holder.key] = by_pk[o["pk"]] = holder
    members: dict[int, list[Holder]] = defaultdict(list)
    for partnership_id, organisation_id in Partnership.members.through.objects.values_list(
        "partnership_id", "organisation_id"
    ):
        if organisation_id in by_pk:
            members[partnership_id].append(by_pk[organisation_id])
    for pk, name in Partnership.objects.values_list("pk", "name"):
        group = members.get(pk, [])
        holders[f"p{pk}"] = Holder(
            key=f"p{pk}",
            name=name,
            org_ids=frozenset().union(*(h.org_ids for h in group)),
            region_ids=frozenset().union(*(h.region_ids for h in group)),
            region_names=tuple(sorted({n for h in group for n in h.region_names})),
            nations=frozenset().union(*(h.nations for h in group)),
            kinds=frozenset().union(*(h.kinds for h in group)),
            priority=any(h.priority for h in group),
        )
    return holders, regions


def _versions() -> dict[int, VersionInfo]:
    versions = {
        v["pk"]: VersionInfo(
            pk=v["pk"],
            title=f"{v['framework__title']} ({v['version']})",
            short=v["version"],
            effective_from=v["effective_from"],
            meets_duty_from=v["meets_duty_from"],
        )
        for v in FrameworkVersion.objects.values(
            "pk", "version", "framework__title", "effective_from", "meets_duty_from"
        )
    }
    for level in RatingLevel.objects.values("framework_version_id", "value", "label", "band"):
        versions[level["framework_version_id"]].levels[level["value"]] = LevelInfo(
            value=level["value"],
            name=level_name(level["value"], level["label"]),
            band=level["band"],
        )
    for c in Criterion.objects.order_by("number").values(
        "pk", "framework_version_id", "number", "title", "assured_separately"
    ):
        version = versions[c["framework_version_id"]]
        version.criteria.append(
            CriterionInfo(
                pk=c["pk"],
                number=c["number"],
                title=c["title"],
                scored=bool(version.levels) and not c["assured_separately"],
            )
        )
    return versions


def _crosswalks() -> dict[tuple[int, int], dict[int, list[int]]]:
    """(earlier version, later version) → later criterion → earlier criteria.
    Each crosswalk is read in both directions."""
    links: dict[tuple[int, int], dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for source_v, target_v, source_c, target_c in CrosswalkMapping.objects.values_list(
        "crosswalk__source_version_id",
        "crosswalk__target_version_id",
        "source_criterion_id",
        "target_criterion_id",
    ):
        links[(source_v, target_v)][target_c].append(source_c)
        links[(target_v, source_v)][source_c].append(target_c)
    return links


def build(key: tuple = ()) -> Dataset:
    holders, regions = _holders()
    versions = _versions()
    assessors: dict[int, str] = {}
    issued: dict[int, Issued] = {}
    for a in Assessment.objects.filter(status=Status.ISSUED).values(
        "pk",
        "organisation_id",
        "partnership_id",
        "framework_version_id",
        "period",
        "assessor_id",
        "assessor__full_name",
    ):
        holder_key = (
            f"o{a['organisation_id']}" if a["organisation_id"] else f"p{a['partnership_id']}"
        )
        if holder_key not in holders:
            continue
        assessors[a["assessor_id"]] = a["assessor__full_name"]
        issued[a["pk"]] = Issued(
            pk=a["pk"],
            holder=holders[holder_key],
            version=versions[a["framework_version_id"]],
            period=a["period"],
            assessor_id=a["assessor_id"],
        )
    for (
        assessment_id,
        criterion_id,
        self_value,
        assessed,
        moderated,
    ) in CriterionResponse.objects.filter(assessment__status=Status.ISSUED).values_list(
        "assessment_id",
        "criterion_id",
        "self_level__value",
        "assessed_level__value",
        "moderated_level__value",
    ):
        if assessment_id in issued:
            issued[assessment_id].levels[criterion_id] = (self_value, assessed, moderated)
    data = Dataset(
        fingerprint=key,
        holders=holders,
        versions=versions,
        issued=sorted(issued.values(), key=lambda i: (i.holder.name, i.period)),
        assessors=assessors,
        regions=regions,
    )
    for item in data.issued:
        data.by_slice.setdefault((item.version.pk, item.period), []).append(item)
        data.by_holder.setdefault(item.holder.key, []).append(item)
    _movements(data, _crosswalks())
    return data


def _previous(history: list[Issued], current: Issued, links) -> Issued | None:
    """The holder's latest issued assessment of an earlier period; within that
    period one of the same version first, then one with a crosswalk."""
    earlier = [h for h in history if h.period < current.period]
    if not earlier:
        return None
    latest = max(h.period for h in earlier)
    candidates = [h for h in earlier if h.period == latest]
    candidates.sort(
        key=lambda h: (
            h.version.pk != current.version.pk,
            (h.version.pk, current.version.pk) not in links,
        )
    )
    return candidates[0]


def _movements(data: Dataset, links) -> None:
    for history in data.by_holder.values():
        for current in history:
            previous = _previous(history, current, links)
            current.previous_period = previous.period if previous else None
            for criterion in current.version.scored_criteria:
                band = current.band(criterion.pk)
                if previous is None:
                    earlier = None
                elif previous.version.pk == current.version.pk:
                    earlier = [previous.band(criterion.pk)]
                else:
                    mapped = links.get((previous.version.pk, current.version.pk), {})
                    earlier = [previous.band(c) for c in mapped.get(criterion.pk, [])]
                current.movement[criterion.pk] = rules.movement(earlier, band)
