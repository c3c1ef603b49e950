"""Every write to the register. Each service checks permission first, then
the rules, and saves all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from assurance.accounts.models import User
from assurance.accounts.permissions import Action, can, council_people, may_record_source
from assurance.organisations.models import Organisation, Partnership

from .. import rules
from ..importing import ImportRow
from ..models import (
    Marking,
    ProgressEntry,
    Recommendation,
    RecommendationSource,
    Response,
    SourceKind,
    SourceStatus,
    Status,
)
from .issued import source_record_issue as source_record_issue


def _require(actor: User, action: Action, source: RecommendationSource) -> None:
    if not can(actor, action, source.organisation_id):
        raise PermissionDenied


def _require_open(source: RecommendationSource) -> None:
    if source.status != SourceStatus.OPEN:
        raise ValidationError(f"“{source.title}” is closed. Reopen it before making changes.")


def _require_own_items(source: RecommendationSource) -> None:
    """An issued source's recommendations come from its issuer, not by hand."""
    if source.is_issued:
        raise ValidationError(
            f"The recommendations of “{source.title}” come from the issued "
            f"{source.get_kind_display().lower()}. Record your own under another source."
        )


def _clean_numbered(recommendations: Sequence[tuple]) -> list[str]:
    errors, seen = [], set()
    for number, text, _criterion in recommendations:
        if not isinstance(number, int) or number < 1:
            errors.append(f"Recommendation number {number!r} must be a whole number from 1.")
        elif number in seen:
            errors.append(f"Recommendation {number} appears more than once.")
        seen.add(number)
        if not (text or "").strip():
            errors.append(f"Recommendation {number} has no text.")
    return errors


@transaction.atomic
def source_create(
    *,
    actor: User,
    organisation: Organisation,
    kind: str,
    title: str,
    made_by: str,
    made_on: date,
    reference: str = "",
    partnership: Partnership | None = None,
    marking: str = Marking.OFFICIAL,
    recommendations: Sequence[tuple[int, str, object | None]] = (),
) -> RecommendationSource:
    """Record a source and (optionally) its recommendations, each given as
    (number, text, criterion or None). Other apps call this when they issue."""
    if not may_record_source(actor, organisation.pk):
        raise PermissionDenied
    errors = []
    if kind not in SourceKind.values:
        errors.append("Choose what kind of review made the recommendations.")
    if not title.strip():
        errors.append("Enter the title of the review.")
    if not made_by.strip():
        errors.append("Enter the body that made the recommendations.")
    if partnership is not None and not partnership.members.filter(pk=organisation.pk).exists():
        errors.append(f"{organisation} is not a member of {partnership}.")
    errors += _clean_numbered(recommendations)
    if errors:
        raise ValidationError(errors)
    source = RecommendationSource.objects.create(
        organisation=organisation,
        partnership=partnership,
        kind=kind,
        title=title.strip(),
        made_by=made_by.strip(),
        made_on=made_on,
        reference=reference.strip(),
        marking=marking,
    )
    bulk_create_with_history(
        [
            Recommendation(source=source, number=n, text=text.strip(), criterion=criterion)
            for n, text, criterion in recommendations
        ],
        Recommendation,
        default_user=actor,
    )
    return source


@transaction.atomic
def recommendation_add(
    *,
    actor: User,
    source: RecommendationSource,
    number: int,
    text: str,
    theme: str = "",
    criterion=None,
) -> Recommendation:
    _require(actor, Action.MANAGE_RECOMMENDATION_SOURCES, source)
    _require_open(source)
    _require_own_items(source)
    errors = _clean_numbered([(number, text, criterion)])
    if source.recommendations.filter(number=number).exists():
        errors.append(f"There is already a recommendation {number} in this source.")
    if errors:
        raise ValidationError(errors)
    return Recommendation.objects.create(
        source=source, number=number, text=text.strip(), theme=theme.strip(), criterion=criterion
    )


@dataclass(frozen=True)
class ResponseInput:
    """The council's response to one recommendation, as given on the form."""

    recommendation_id: int
    response: str
    reason: str = ""
    lead: str = ""
    lead_user_id: int | None = None
    milestone: date | None = None


def _response_errors(number: int, item: ResponseInput, members: set[int]) -> list[str]:
    errors = []
    if item.response not in Response.values:
        errors.append(f"Recommendation {number}: choose a response.")
    if rules.reason_required(item.response) and not rules.has_reason(item.reason):
        errors.append(
            f"Recommendation {number}: give a reason for a response of "
            f"“{Response(item.response).label.lower()}”."
        )
    if item.lead_user_id is not None and item.lead_user_id not in members:
        errors.append(f"Recommendation {number}: the lead person must work for the council.")
    return errors


@transaction.atomic
def source_respond(
    *, actor: User, source: RecommendationSource, responses: Sequence[ResponseInput]
) -> list[Recommendation]:
    """The council's reply to a whole source at once: saved only if every
    line is valid."""
    _require(actor, Action.RESPOND_RECOMMENDATIONS, source)
    _require_open(source)
    by_id = {r.pk: r for r in source.recommendations.select_for_update()}
    members = set(council_people([source.organisation_id]).values_list("pk", flat=True))
    errors = []
    for item in responses:
        if item.recommendation_id not in by_id:
            raise ValidationError("A recommendation on the form is not part of this source.")
        errors += _response_errors(by_id[item.recommendation_id].number, item, members)
    if errors:
        raise ValidationError(errors)
    changed = []
    for item in responses:
        recommendation = by_id[item.recommendation_id]
        values = {
            "response": item.response,
            "reason": item.reason.strip(),
            "lead": item.lead.strip(),
            "lead_user_id": item.lead_user_id,
            "milestone": item.milestone,
        }
        if any(getattr(recommendation, k) != v for k, v in values.items()):
            for field, value in values.items():
                setattr(recommendation, field, value)
            recommendation.save()
            changed.append(recommendation)
    return changed


@transaction.atomic
def progress_add(
    *,
    actor: User,
    recommendation: Recommendation,
    entry: str,
    status: str | None = None,
    completed_on: date | None = None,
) -> ProgressEntry:
    """A dated progress note, optionally moving the recommendation's status."""
    source = recommendation.source
    _require(actor, Action.RECORD_PROGRESS, source)
    _require_open(source)
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    today = timezone.localdate()
    new_status = status or recommendation.status
    errors = []
    if not entry.strip():
        errors.append("Describe the progress made.")
    if new_status not in Status.values:
        errors.append("Choose a status.")
    if completed_on and completed_on > today:
        errors.append("The date completed cannot be in the future.")
    if completed_on and new_status != Status.COMPLETED:
        errors.append("Only give a date completed when the recommendation is completed.")
    if errors:
        raise ValidationError(errors)
    progress = ProgressEntry.objects.create(
        recommendation=recommendation,
        entry=entry.strip(),
        author=actor,
        status_from=recommendation.status,
        status_to=new_status,
    )
    if new_status == Status.COMPLETED:
        completed_on = completed_on or recommendation.completed_on or today
    else:
        completed_on = None
    if (recommendation.status, recommendation.completed_on) != (new_status, completed_on):
        recommendation.status, recommendation.completed_on = new_status, completed_on
        recommendation.save()
    return progress


@transaction.atomic
def source_close(
    *, actor: User, source: RecommendationSource, closing_statement: str
) -> RecommendationSource:
    """Close a source once nothing blocks it (see rules.closure_blockers)."""
    _require(actor, Action.CLOSE_SOURCE, source)
    source = RecommendationSource.objects.select_for_update().get(pk=source.pk)
    if source.is_closed:
        raise ValidationError("This source is already closed.")
    blockers = rules.closure_blockers(source.recommendations.all())
    if not closing_statement.strip():
        blockers.append("Enter a closing statement")
    if blockers:
        raise ValidationError([f"{b}." for b in blockers])
    source.status = SourceStatus.CLOSED
    source.closed_by = actor
    source.closed_at = timezone.now()
    source.closing_statement = closing_statement.strip()
    source._change_reason = "Closed"
    source.save()
    return source


@transaction.atomic
def source_reopen(
    *, actor: User, source: RecommendationSource, reason: str
) -> RecommendationSource:
    """Reopen a closed source; the reason is kept in its history."""
    _require(actor, Action.CLOSE_SOURCE, source)
    source = RecommendationSource.objects.select_for_update().get(pk=source.pk)
    if not source.is_closed:
        raise ValidationError("This source is open already.")
    if not reason.strip():
        raise ValidationError("Say why the source is being reopened.")
    source.status = SourceStatus.OPEN
    source.closed_by = source.closed_at = None
    source.closing_statement = ""
    source._change_reason = f"Reopened: {reason.strip()}"
    source.save()
    return source


@transaction.atomic
def recommendations_import(
    *, actor: User, source: RecommendationSource, rows: Sequence[ImportRow]
) -> list[Recommendation]:
    """Create the previewed rows. Numbers are checked again: another import
    may have landed between preview and confirm."""
    _require(actor, Action.MANAGE_RECOMMENDATION_SOURCES, source)
    _require_open(source)
    _require_own_items(source)
    if not rows:
        raise ValidationError("There are no recommendations to import.")
    taken = set(
        RecommendationSource.objects.select_for_update()
        .get(pk=source.pk)
        .recommendations.values_list("number", flat=True)
    )
    clashes = sorted(row.number for row in rows if row.number in taken)
    if clashes:
        raise ValidationError(
            "Nothing was imported: these numbers are already used in this source: "
            + ", ".join(str(n) for n in clashes)
        )
    errors = _clean_numbered([(r.number, r.text, None) for r in rows])
    errors += [
        f"Recommendation {r.number}: a reason is needed."
        for r in rows
        if rules.reason_required(r.response) and not rules.has_reason(r.reason)
    ]
    if errors:
        raise ValidationError(errors)
    return bulk_create_with_history(
        [row.to_model(source) for row in rows], Recommendation, default_user=actor
    )
