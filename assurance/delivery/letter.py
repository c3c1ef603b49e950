"""What an assessment letter cites under each criterion from the council's
delivery records (registered with core.registry.register_letter_evidence).

A letter goes outside the council: only records marked OFFICIAL are cited,
and referral counts pass through suppression. A record is cited for a
criterion when it is linked to it by hand, or is of a kind the framework file
names for it (``delivery.records``); the code names no criterion."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from assurance.core.marking import Marking
from assurance.frameworks.models import Criterion

from . import rules, suppression
from .kinds import KINDS
from .models import ActionStatus, MeetingStatus, ReferralFigure, Sector

MOST_PER_CRITERION = 8
OPEN = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.DELAYED)


def long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


# --- Wording: pure, one line per record ----------------------------------------------


def plan_line(title: str, version: str, actions: int, overdue: int) -> str:
    counts = f"{actions} action{'s' if actions != 1 else ''}"
    return f"{title} {version} ({counts}, {overdue} overdue)" if actions else f"{title} {version}"


def action_line(reference: str, title: str, status: str) -> str:
    return f"Action {reference}: {title} ({status.lower()})"


def body_line(name: str, held: int, period: str) -> str:
    return f"{name}: {held} meeting{'s' if held != 1 else ''} held in {period}"


def channel_line(name: str, terms_reviewed: date | None, statement: date | None) -> str:
    parts = [
        f"terms of reference reviewed {long_date(terms_reviewed)}"
        if terms_reviewed
        else "terms of reference review not recorded"
    ]
    if statement:
        parts.append(f"annual assurance statement submitted {long_date(statement)}")
    return f"{name}: {'; '.join(parts)}"


def training_line(name: str, trained: int, size: int) -> str:
    coverage = round(100 * trained / size) if size else 0
    return f"Training: {name} {coverage}% of {size} trained"


def policy_line(title: str, reviewed: date | None) -> str:
    return f"{title}: last reviewed {long_date(reviewed)}" if reviewed else f"{title}"


def engagement_line(title: str, held_on: date, attendance: int | None) -> str:
    attending = f", {attendance} attending" if attendance else ""
    return f"{title}, {long_date(held_on)}{attending}"


def risk_line(title: str, reviewed: date | None) -> str:
    return f"Local risk: {title}" + (f", reviewed {long_date(reviewed)}" if reviewed else "")


def referral_line(counts: dict[int, dict[str, int]], period: str) -> str | None:
    """The year's referrals (quarter by sector counts) as shown outside the
    council: the total is hidden when it adds up any small count."""
    if not any(any(row.values()) for row in counts.values()):
        return None
    total = suppression.suppress_grid(counts, exact=False).columns.total
    shown = total.shown if total.value is not None else "total not shown (small numbers)"
    return f"Referrals recorded for {period}: {shown}"


def capped(lines: list[str]) -> tuple[str, ...]:
    unique = list(dict.fromkeys(lines))
    if len(unique) <= MOST_PER_CRITERION:
        return tuple(unique)
    more = len(unique) - MOST_PER_CRITERION + 1
    return (*unique[: MOST_PER_CRITERION - 1], f"and {more} more records")


# --- Reading: a fixed number of queries for all criteria -----------------------------


@dataclass(frozen=True)
class Cited:
    line: str
    criteria: frozenset[int]  # linked to these by hand


def _official(slug: str):
    k = KINDS[slug]
    marking = k.org_path.replace("organisation", "marking")
    return k, Q(**{marking: Marking.OFFICIAL})


def _records(slug: str, ids, criteria, start: date, end: date, linked_only: bool):
    k, official = _official(slug)
    queryset = k.model.objects.filter(official, **{f"{k.org_path}__in": ids})
    if linked_only:  # no criterion names the kind: only records linked by hand count
        queryset = queryset.filter(
            pk__in=k.model.objects.filter(criteria__in=criteria).values("pk")
        )
    if k.in_period is not None:
        queryset = queryset.filter(k.in_period(start, end))
    linked = Criterion.objects.filter(pk__in=criteria).only("pk")
    return queryset.select_related(*k.related).prefetch_related(
        Prefetch("criteria", queryset=linked, to_attr="cited_for")
    )


def _linked(record) -> frozenset[int]:
    return frozenset(c.pk for c in record.cited_for)


def _plans(ids, criteria, start, end, period, linked_only) -> list[Cited]:
    as_at = min(end, timezone.localdate())
    queryset = _records("plans", ids, criteria, start, end, linked_only).annotate(
        n_actions=Count("actions", distinct=True),
        n_overdue=Count(
            "actions",
            filter=Q(actions__due_on__lt=as_at, actions__status__in=OPEN),
            distinct=True,
        ),
    )
    return [
        Cited(plan_line(p.title, p.version_label, p.n_actions, p.n_overdue), _linked(p))
        for p in queryset
    ]


def _bodies(ids, criteria, start, end, period, linked_only) -> list[Cited]:
    held = Q(meetings__status=MeetingStatus.HELD, meetings__meeting_on__range=(start, end))
    queryset = _records("bodies", ids, criteria, start, end, linked_only).annotate(
        held=Count("meetings", filter=held)
    )
    return [Cited(body_line(b.name, b.held, period), _linked(b)) for b in queryset]


def _simple(slug: str, phrase):
    def read(ids, criteria, start, end, period, linked_only) -> list[Cited]:
        found = _records(slug, ids, criteria, start, end, linked_only)
        return [Cited(phrase(r), _linked(r)) for r in found]

    return read


def _referrals(ids, criteria, start, end, period, linked_only) -> list[Cited]:
    if linked_only:
        return []  # cited as the year's total, only where the framework file asks
    figures = ReferralFigure.objects.filter(organisation__in=ids, period=period)
    if figures.exclude(marking=Marking.OFFICIAL).exists():
        return []  # a partial total would mislead; the figures stay in the service
    counts = {q: dict.fromkeys(Sector.values, 0) for q in range(1, 5)}
    for quarter, sector, count in figures.values_list("quarter", "sector", "count"):
        counts[quarter][sector] += count
    line = referral_line(counts, period)
    return [Cited(line, frozenset())] if line else []


READERS = {
    "plans": _plans,
    "actions": _simple(
        "actions", lambda a: action_line(a.reference, a.title, a.get_status_display())
    ),
    "risks": _simple("risks", lambda r: risk_line(r.title, r.last_reviewed_on)),
    "bodies": _bodies,
    "meetings": _bodies,  # meetings are cited through the body that held them
    "channel": _simple(
        "channel",
        lambda c: channel_line(c.body.name, c.terms_reviewed_on, c.statement_submitted_on),
    ),
    "training": _simple("training", lambda t: training_line(t.name, t.trained, t.cohort_size)),
    "policies": _simple("policies", lambda p: policy_line(p.title, p.last_reviewed_on)),
    "engagement": _simple(
        "engagement", lambda e: engagement_line(e.title, e.held_on, e.attendance)
    ),
    "referrals": _referrals,
}


def letter_evidence(organisation_ids, period: str, criterion_ids) -> dict[int, tuple[str, ...]]:
    """Per criterion id, the lines a letter cites; criteria with none are left out."""
    criteria = list(Criterion.objects.filter(pk__in=criterion_ids).values_list("pk", "delivery"))
    hinted = {pk: set((delivery or {}).get("records") or ()) for pk, delivery in criteria}
    start, end = rules.period_bounds(period)
    named = set().union(*hinted.values())
    wanted = named | {s for s, k in KINDS.items() if k.has_criteria}
    lines: dict[int, list[str]] = defaultdict(list)
    read: set = set()
    for slug, reader in READERS.items():
        if slug not in wanted or reader in read:
            continue
        read.add(reader)
        slugs = {s for s, r in READERS.items() if r is reader}
        found = reader(organisation_ids, list(hinted), start, end, period, not slugs & named)
        for cited in found:
            for pk, kinds in hinted.items():
                if pk in cited.criteria or kinds & slugs:
                    lines[pk].append(cited.line)
    return {pk: capped(found) for pk, found in lines.items() if found}
