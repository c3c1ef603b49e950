"""The kinds of delivery record, described once: model, labels, how each
reaches its council, and which of them fall in a reporting period. Pages,
exports, imports, criterion panels and the framework file's ``delivery.records``
all use these slugs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Model, Q

from . import models as m


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type[Model]
    label: str
    plural: str
    org_path: str = "organisation"
    # (start, end) -> Q keeping the records that belong to that period; None: undated
    in_period: Callable[[date, date], Q] | None = None
    related: tuple[str, ...] = ()
    parent: str | None = None  # the field naming the parent record
    counts: bool = False  # holds referral or case counts (suppressed outside the council)
    has_criteria: bool = True
    intro: str = ""


def _dated(name: str) -> Callable[[date, date], Q]:
    return lambda start, end: Q(**{f"{name}__gte": start, f"{name}__lte": end})


def _period(start: date, end: date) -> Q:
    return Q(period=f"{start.year}/{(start.year + 1) % 100:02d}")


KINDS: dict[str, Kind] = {
    k.slug: k
    for k in [
        Kind(
            "plans",
            m.PartnershipPlan,
            "action plan",
            "Action plans",
            in_period=lambda s, e: Q(approved_on__lte=e) | Q(approved_on__isnull=True),
            related=("board",),
            intro="Versions of the partnership's action plan and the board that reviews it.",
        ),
        Kind(
            "actions",
            m.PlanAction,
            "plan action",
            "Plan actions",
            org_path="plan__organisation",
            in_period=lambda s, e: (
                (Q(start_on__lte=e) | Q(start_on__isnull=True))
                & (Q(due_on__gte=s) | Q(due_on__isnull=True))
            ),
            related=("plan",),
            parent="plan",
            intro="What the plan commits to, who owns it (a role or an organisation) and when.",
        ),
        Kind(
            "risks",
            m.Risk,
            "local risk",
            "Local risks",
            in_period=lambda s, e: Q(last_reviewed_on__lte=e) | Q(last_reviewed_on__isnull=True),
            intro="The risks the plan answers, marked OFFICIAL-SENSITIVE unless chosen otherwise.",
        ),
        Kind(
            "bodies",
            m.GovernanceBody,
            "governance body",
            "Governance bodies",
            intro="Boards, networks and panels, their chair, members and how often they must meet.",
        ),
        Kind(
            "meetings",
            m.Meeting,
            "meeting",
            "Meetings",
            org_path="body__organisation",
            in_period=_dated("meeting_on"),
            related=("body",),
            parent="body",
            has_criteria=False,
            intro="Meetings held: agencies attending by sector, and whether the plan was reviewed.",
        ),
        Kind(
            "channel",
            m.ChannelPanel,
            "Channel assurance record",
            "Channel assurance",
            related=("body",),
            intro="Chair and deputy (as roles), terms of reference, annual assurance statement.",
        ),
        Kind(
            "channel-quarters",
            m.ChannelQuarter,
            "quarter of Channel figures",
            "Channel figures by quarter",
            org_path="panel__organisation",
            in_period=_period,
            related=("panel", "panel__body"),
            parent="panel",
            counts=True,
            has_criteria=False,
            intro="Aggregate counts only: cases discussed, adopted, closed and reviewed.",
        ),
        Kind(
            "referrals",
            m.ReferralFigure,
            "referral figure",
            "Referral figures",
            in_period=_period,
            counts=True,
            intro="Referrals per quarter by referring sector: counts only, never about a person.",
        ),
        Kind(
            "training",
            m.TrainingCohort,
            "training cohort",
            "Training",
            in_period=_dated("as_at"),
            intro="Cohorts, how they are trained, whether training is mandated, and coverage.",
        ),
        Kind(
            "policies",
            m.Policy,
            "policy",
            "Policies",
            in_period=lambda s, e: Q(last_reviewed_on__lte=e) | Q(last_reviewed_on__isnull=True),
            intro="Lettings, IT filtering, procurement and other policies, with their reviews.",
        ),
        Kind(
            "engagement",
            m.EngagementActivity,
            "engagement record",
            "Engagement and communications",
            in_period=_dated("held_on"),
            intro="Events and communications: audience, attendance and feedback.",
        ),
    ]
}


def kind(slug: str) -> Kind | None:
    return KINDS.get(slug)


def kind_of(instance: Model) -> Kind:
    return next(k for k in KINDS.values() if isinstance(instance, k.model))
