"""Checks every register service shares."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError

from assurance.accounts.models import User
from assurance.accounts.permissions import Action, can

from ..models import RecommendationSource, SourceStatus


def _require(actor: User, action: Action, source: RecommendationSource) -> None:
    if not can(actor, action, source.organisation_id):
        raise PermissionDenied


def _require_open(source: RecommendationSource) -> None:
    if source.status != SourceStatus.OPEN:
        raise ValidationError(f"“{source.title}” is closed. Reopen it before making changes.")


def _require_own_items(source: RecommendationSource) -> None:
    """An assessment's recommendations come from its letter, not by hand."""
    if source.assessment_id:
        raise ValidationError(
            "The recommendations of an assessment come from its letter. "
            "Record your own under another source."
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
