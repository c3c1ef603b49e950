"""Checks every review service makes, in the same order."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from assurance.accounts.permissions import Action, can_on_review

from .. import rules
from ..models import Review, TeamMember
from ..selectors import host_ids


def lock(review: Review) -> Review:
    """The row as it is now, locked until the transaction ends (PostgreSQL)."""
    return Review.objects.select_for_update().get(pk=review.pk)


def require(actor, action: Action, review: Review) -> None:
    if not can_on_review(actor, action, review.pk, host_ids(review)):
        raise PermissionDenied("You do not have permission to do that on this review.")


def require_open(review: Review) -> None:
    if rules.is_frozen(review.status):
        raise ValidationError(rules.FROZEN)


def member_of(actor, review: Review) -> TeamMember | None:
    return TeamMember.objects.filter(review=review, user=actor).first()


def require_evidence_access(actor, review: Review) -> None:
    member = member_of(actor, review)
    if member is None:
        return
    if not rules.may_see_host_evidence(
        on_team=True, declared=member.declared, has_conflict=member.has_conflict
    ):
        raise ValidationError(
            rules.evidence_refusal(declared=member.declared, has_conflict=member.has_conflict)
        )


def save(instance: models.Model, actor, reason: str = "") -> None:
    """Save with the actor and reason recorded in the history row."""
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.save()
