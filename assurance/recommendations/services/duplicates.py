"""Duplicates across a council's sources: one recommendation is linked to
another that answers it, so that one action answers both. Progress that
moves the answering recommendation's status moves its duplicates' too (see
progress.progress_add)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from assurance.accounts.models import User
from assurance.accounts.permissions import Action

from ..models import Recommendation
from ._common import _lock, _require, _require_open, _save


def link_errors(item: Recommendation, answering: Recommendation) -> list[str]:
    errors = []
    if item.pk == answering.pk:
        errors.append("A recommendation cannot answer itself.")
    if item.source.organisation_id != answering.source.organisation_id:
        errors.append("Only recommendations made to the same council can be linked.")
    if item.source_id == answering.source_id:
        errors.append("Link recommendations from different sources.")
    if answering.answered_by_id is not None:
        errors.append(
            "That recommendation is itself answered by another: link to that one instead."
        )
    if item.duplicates.exists():
        errors.append("Other recommendations are answered by this one: unlink them first.")
    return errors


@transaction.atomic
def recommendation_link(
    *, actor: User, recommendation: Recommendation, answered_by: Recommendation
) -> Recommendation:
    _require(actor, Action.RESPOND_RECOMMENDATIONS, recommendation.source)
    _require_open(recommendation.source)
    item = _lock(recommendation, None)
    errors = link_errors(item, answered_by)
    if errors:
        raise ValidationError(errors)
    item.answered_by = answered_by
    _save(item, f"Answered by recommendation {answered_by.number} of “{answered_by.source}”")
    return item


@transaction.atomic
def recommendation_unlink(*, actor: User, recommendation: Recommendation) -> Recommendation:
    _require(actor, Action.RESPOND_RECOMMENDATIONS, recommendation.source)
    _require_open(recommendation.source)
    item = _lock(recommendation, None)
    if item.answered_by_id is None:
        raise ValidationError("This recommendation is not linked to another.")
    item.answered_by = None
    _save(item, "No longer answered by another recommendation")
    return item
