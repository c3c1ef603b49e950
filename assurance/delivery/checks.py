"""Gathering the facts the quality checks need, in a fixed number of
queries, and applying the named rules from ``rules.py`` to them.

Checks look at a council's records "as at" a date: today for the dashboard,
the end of the assessment period (or today, if earlier) for an assessment."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Max, Q

from . import rules
from .models import (
    ActionStatus,
    ChannelPanel,
    GovernanceBody,
    Meeting,
    MeetingStatus,
    PartnershipPlan,
    PlanAction,
    Policy,
    TrainingCohort,
)


def as_at_for(period: str, today: date) -> date:
    return min(today, rules.period_bounds(period)[1])


def quality_checks(
    organisation_ids: Iterable[int], *, as_at: date, coverage_threshold: float | None
) -> list[rules.Finding]:
    ids = list(organisation_ids)
    findings: list[rules.Finding | None] = []
    findings += _governance(ids, as_at)
    findings += _plans(ids, as_at)
    findings += _channel(ids, as_at)
    findings += _policies(ids, as_at)
    findings += _training(ids, as_at, coverage_threshold)
    return [f for f in findings if f is not None]


def _last_held(ids: list[int], as_at: date, **extra) -> dict[int, date]:
    rows = (
        Meeting.objects.filter(
            body__organisation__in=ids, status=MeetingStatus.HELD, meeting_on__lte=as_at, **extra
        )
        .values("body")
        .annotate(last=Max("meeting_on"))
    )
    return {row["body"]: row["last"] for row in rows}


def _governance(ids: list[int], as_at: date) -> list:
    last = _last_held(ids, as_at)
    return [
        rules.body_overdue(
            body=body.name,
            cadence_months=body.cadence_months,
            last_held=last.get(body.pk),
            as_at=as_at,
        )
        for body in GovernanceBody.objects.filter(organisation__in=ids)
    ]


def _plans(ids: list[int], as_at: date) -> list:
    reviewed = _last_held(ids, as_at, plan_reviewed=True)
    plans = list(
        PartnershipPlan.objects.filter(organisation__in=ids)
        .filter(Q(approved_on__lte=as_at) | Q(approved_on__isnull=True))
        .select_related("board")
        .order_by("organisation", "-approved_on", "-pk")
    )
    current: dict[int, PartnershipPlan] = {}
    for plan in plans:  # the newest version of each council's plan
        current.setdefault(plan.organisation_id, plan)
    found = [
        rules.plan_review_overdue(
            plan=str(plan),
            board=plan.board.name if plan.board else None,
            cadence_months=plan.review_cadence_months,
            last_review=reviewed.get(plan.board_id),
            since=plan.approved_on,
            as_at=as_at,
        )
        for plan in current.values()
    ]
    actions = (
        PlanAction.objects.filter(plan__in=[p.pk for p in current.values()])
        .exclude(status__in=[ActionStatus.COMPLETED, ActionStatus.CANCELLED])
        .filter(due_on__lt=as_at)
        .annotate(
            last_update=Max("updates__recorded_on", filter=Q(updates__recorded_on__lte=as_at))
        )
    )
    found += [
        rules.action_overdue_without_update(
            action=str(action),
            status=action.status,
            due_on=action.due_on,
            last_update=action.last_update,
            as_at=as_at,
        )
        for action in actions
    ]
    return found


def _channel(ids: list[int], as_at: date) -> list:
    found = []
    for panel in ChannelPanel.objects.filter(organisation__in=ids).select_related("body"):
        found.append(
            rules.terms_not_reviewed(
                panel=panel.body.name, reviewed_on=panel.terms_reviewed_on, as_at=as_at
            )
        )
        found.append(
            rules.statement_missing(
                panel=panel.body.name, submitted_on=panel.statement_submitted_on, as_at=as_at
            )
        )
    return found


def _policies(ids: list[int], as_at: date) -> list:
    return [
        rules.policy_past_review(policy=p.title, next_review_on=p.next_review_on, as_at=as_at)
        for p in Policy.objects.filter(organisation__in=ids)
    ]


def _training(ids: list[int], as_at: date, threshold: float | None) -> list:
    latest: dict[tuple[int, str], TrainingCohort] = {}
    cohorts = TrainingCohort.objects.filter(organisation__in=ids, as_at__lte=as_at).order_by(
        "-as_at"
    )
    for cohort in cohorts:  # the latest figures for each cohort
        latest.setdefault((cohort.organisation_id, cohort.name.lower()), cohort)
    return [
        rules.cohort_below_threshold(
            cohort=c.name,
            mandated=c.mandated,
            trained=c.trained,
            cohort_size=c.cohort_size,
            threshold=threshold,
        )
        for c in latest.values()
    ]
