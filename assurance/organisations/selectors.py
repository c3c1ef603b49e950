"""Reads of the organisation directory, always scoped to the user."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from assurance.accounts.permissions import Action, restrict

from .models import Organisation, Partnership, Region


def visible_organisations(user, *, purpose: Action) -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("region", "parent")
    return restrict(qs, user, "pk", purpose=purpose)


def get_organisation_for(user, pk: int, *, purpose: Action) -> Organisation:
    """404 alike for missing and out-of-scope organisations."""
    return get_object_or_404(visible_organisations(user, purpose=purpose), pk=pk)


def visible_partnerships(user, *, purpose: Action) -> QuerySet[Partnership]:
    """Partnerships that at least one organisation in the user's scope belongs to."""
    qs = Partnership.objects.prefetch_related("members")
    return restrict(qs, user, "members", purpose=purpose)


def get_partnership_for(user, pk: int, *, purpose: Action) -> Partnership:
    return get_object_or_404(visible_partnerships(user, purpose=purpose), pk=pk)


def organisation_directory(user, *, q: str = "") -> QuerySet[Organisation]:
    """The organisations page, by name; paginate it."""
    qs = visible_organisations(user, purpose=Action.VIEW_ORGANISATION)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs.order_by("name", "pk")


def partnerships_of(user, organisation: Organisation) -> QuerySet[Partnership]:
    """The partnerships an organisation belongs to, as far as the user may see."""
    return visible_partnerships(user, purpose=Action.VIEW_ORGANISATION).filter(members=organisation)


def districts_of(organisation: Organisation) -> QuerySet[Organisation]:
    """A county's district councils (visible to whoever may see the county)."""
    return organisation.districts.all()


def all_regions() -> QuerySet[Region]:
    """Every region, by name: the directory's regions are public to signed-in
    users who may choose them (e.g. the councils a national source applies to)."""
    return Region.objects.order_by("name")
