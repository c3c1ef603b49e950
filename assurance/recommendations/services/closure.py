"""Closing a source once nothing blocks it, and reopening it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assurance.accounts.models import User
from assurance.accounts.permissions import Action

from .. import rules
from ..models import RecommendationSource, SourceStatus
from ._common import _require


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
    reopen(source, f"Reopened: {reason.strip()}")
    return source


def reopen(source: RecommendationSource, reason: str) -> None:
    """The one way a source is reopened, by hand or because its assessment
    was reissued: open again, with no closer and no closing statement (the
    statement stays in the source's history, beside the reason)."""
    source.status = SourceStatus.OPEN
    source.closed_by = source.closed_at = None
    source.closing_statement = ""
    source._change_reason = reason
    source.save()
