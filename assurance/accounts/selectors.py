"""Reads about users and their roles, scoped to the user asking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import AssessorAssignment, Invitation, Membership, User
from .permissions import Action, can

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
