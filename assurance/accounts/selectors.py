"""Reads about users and their roles, scoped to the user asking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from .models import AssessorAssignment, Membership, User
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
