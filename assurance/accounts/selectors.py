"""Reads about users and their roles, scoped to the user asking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import ApiToken, AssessorAssignment, Invitation, Membership, User
from .permissions import Action, can
from .tokens import matches, prefix_of

if TYPE_CHECKING:
    from assurance.organisations.models import Organisation


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")


def assignments_of(user: User) -> QuerySet[AssessorAssignment]:
    return AssessorAssignment.objects.filter(assessor=user).select_related("organisation", "region")


def colleagues_of(user: User, organisation: Organisation) -> QuerySet[Membership]:
    """People with a role at the organisation; empty unless the user may see it."""
    if not can(user, Action.VIEW_ORGANISATION, organisation.pk):
        return Membership.objects.none()
    return Membership.objects.filter(organisation=organisation).select_related("user")


def pending_invitations_at(user: User, organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations a council's people page lists (the page itself is scoped)."""
    return organisation.invitations.filter(accepted_at__isnull=True).order_by("email")


def invitations_for(user: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        email=user.email.lower(), accepted_at__isnull=True
    ).select_related("organisation")


def own_invitation(user: User, pk: int) -> Invitation:
    """Only the invited person's own pending invitation: 404 for any other."""
    return get_object_or_404(invitations_for(user), pk=pk)


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def own_api_token(user: User, pk: int) -> ApiToken:
    """One of the user's own tokens (404 for anyone else's)."""
    return get_object_or_404(ApiToken, pk=pk, user=user)


def api_token_by_secret(token: str) -> ApiToken | None:
    """The active token this secret belongs to, with its user, or None."""
    prefix = prefix_of(token)
    if prefix is None:
        return None
    row = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if row is None or not matches(token, row.secret_hash):
        return None
    if not row.is_active_at(timezone.now()) or not row.user.is_active:
        return None
    return row
