"""Checks every register service shares."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError

from assurance.accounts.models import User
from assurance.accounts.permissions import Action, can

from .. import rules
from ..models import Recommendation, RecommendationSource, SourceStatus
from ..selectors import may_answer_for


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
    """Numbers such as 3, 2a or 1.1, each once, each with text."""
    errors, seen = [], set()
    for number, text, _criterion in recommendations:
        clean = rules.clean_number(number)
        if clean is None:
            errors.append(
                f"Recommendation number {number!r} must be a number such as 3, 2a or 1.1."
            )
        elif clean in seen:
            errors.append(f"Recommendation {clean} appears more than once.")
        seen.add(clean)
        if not (text or "").strip():
            errors.append(f"Recommendation {clean or number} has no text.")
    return errors


STALE_MESSAGE = (
    "Someone else saved changes to recommendation {number} after you opened this page. "
    "What you typed is kept below: check the recommendation as it is now, then save again."
)


def _lock(recommendation: Recommendation, expected_version: int | None) -> Recommendation:
    """Lock the row and refuse a save drawn from an older version, so two
    people saving at once never silently overwrite each other."""
    current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(STALE_MESSAGE.format(number=current.number), code="stale")
    return current


def _save(recommendation: Recommendation, reason: str = "") -> None:
    recommendation.version += 1
    if reason:
        recommendation._change_reason = reason
    recommendation.save()


def _require_answering(actor: User, source: RecommendationSource) -> None:
    """Only the body that made the source's recommendations (rules.may_answer)."""
    if not may_answer_for(actor, source):
        raise PermissionDenied
