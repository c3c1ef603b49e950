"""Reads of frameworks. Frameworks are not per-organisation: anyone who may
view frameworks sees them all, so there is no organisation scope here, only
the permission check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from assurance.accounts.permissions import Action, has_action

from . import rules
from .loader import users_of
from .models import (
    Criterion,
    Crosswalk,
    CrosswalkMapping,
    Descriptor,
    Framework,
    FrameworkVersion,
    RatingLevel,
)


def _require_view(user) -> None:
    if not has_action(user, Action.VIEW_FRAMEWORKS):
        raise PermissionDenied


def visible_framework_versions(user, *, purpose: Action) -> QuerySet[FrameworkVersion]:
    if not has_action(user, purpose):
        return FrameworkVersion.objects.none()
    return FrameworkVersion.objects.select_related("framework")


def framework_library(user, today: date | None = None) -> list[Framework]:
    """Every framework with its versions (newest first), their sizes and
    where each stands today (``version.status``)."""
    _require_view(user)
    versions = FrameworkVersion.objects.annotate(criteria_count=Count("criteria")).order_by(
        "-effective_from", "-version"
    )
    frameworks = list(Framework.objects.prefetch_related(Prefetch("versions", queryset=versions)))
    for framework in frameworks:
        for version in framework.versions.all():
            version.status = status_of(version, today)
    return frameworks


def crosswalk_list(user) -> QuerySet[Crosswalk]:
    _require_view(user)
    return Crosswalk.objects.select_related(
        "source_version__framework", "target_version__framework"
    ).annotate(mapping_count=Count("mappings"))


def status_of(version: FrameworkVersion, today: date | None = None) -> str:
    today = today or timezone.localdate()
    return rules.version_status(version.effective_from, version.effective_to, today)


@dataclass(frozen=True)
class Rubric:
    version: FrameworkVersion
    levels: list
    criteria: list
    groups: list  # [(group or None, [criteria])] in reading order
    status: str
    used_by: list[str]
    crosswalks: list


def _grouped(criteria: list[Criterion], groups: list) -> list:
    if not groups:
        return [(None, criteria)]
    sections = [(g, [c for c in criteria if c.group_id == g.pk]) for g in groups]
    ungrouped = [c for c in criteria if c.group_id is None]
    return sections + ([(None, ungrouped)] if ungrouped else [])


def get_rubric_for(user, slug: str, version: str, *, purpose: Action) -> Rubric:
    """A version with its scale, criteria and descriptors, in a fixed number
    of queries however large the framework."""
    try:
        found = visible_framework_versions(user, purpose=purpose).get(
            framework__slug=slug, version=version
        )
    except FrameworkVersion.DoesNotExist:
        raise Http404("No such framework version") from None
    descriptors = Descriptor.objects.select_related("level").order_by("level__value")
    criteria = list(
        found.criteria.select_related("group").prefetch_related(
            Prefetch("descriptors", queryset=descriptors)
        )
    )
    groups = list(found.groups.all())
    crosswalks = list(
        Crosswalk.objects.filter(source_version=found).select_related("target_version__framework")
    ) + list(
        Crosswalk.objects.filter(target_version=found).select_related("source_version__framework")
    )
    return Rubric(
        version=found,
        levels=list(found.levels.all()),
        criteria=criteria,
        groups=_grouped(criteria, groups),
        status=status_of(found),
        used_by=users_of(found),
        crosswalks=crosswalks,
    )


@dataclass(frozen=True)
class CrosswalkView:
    crosswalk: Crosswalk
    mappings: list
    unmapped_sources: list
    unmapped_targets: list


def get_crosswalk_for(user, slug: str, *, purpose: Action) -> CrosswalkView:
    if not has_action(user, purpose):
        raise PermissionDenied
    try:
        crosswalk = Crosswalk.objects.select_related(
            "source_version__framework", "target_version__framework"
        ).get(slug=slug)
    except Crosswalk.DoesNotExist:
        raise Http404("No such crosswalk") from None
    mappings = list(
        CrosswalkMapping.objects.filter(crosswalk=crosswalk).select_related(
            "source_criterion", "target_criterion"
        )
    )
    mapped_from = {m.source_criterion_id for m in mappings}
    mapped_to = {m.target_criterion_id for m in mappings}
    return CrosswalkView(
        crosswalk=crosswalk,
        mappings=mappings,
        unmapped_sources=list(crosswalk.source_version.criteria.exclude(pk__in=mapped_from)),
        unmapped_targets=list(crosswalk.target_version.criteria.exclude(pk__in=mapped_to)),
    )


def get_framework_version_for(user, pk: int, *, purpose: Action) -> FrameworkVersion:
    """For the history page and other apps: 404 alike for missing and forbidden."""
    try:
        return visible_framework_versions(user, purpose=purpose).get(pk=pk)
    except FrameworkVersion.DoesNotExist:
        raise Http404("No such framework version") from None


def contents_of(version: FrameworkVersion) -> tuple[list[RatingLevel], list[Criterion]]:
    """A version's scale and its criteria with their descriptors (three queries,
    whatever the size), for a version the caller obtained through a scoped getter."""
    levels = list(version.levels.order_by("value"))
    criteria = list(
        version.criteria.select_related("group")
        .prefetch_related("descriptors__level")
        .order_by("number")
    )
    return levels, criteria
