"""Is a framework version in use? Decided without knowing the apps that use
frameworks: any model outside this app whose foreign key (or many-to-many)
points at a version, or at one of its criteria, levels, groups or
descriptors, and has a row for this version makes it immutable. So an
assessments app that adds ``framework_version = ForeignKey(FrameworkVersion)``
locks the versions it uses without any change here."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from simple_history.models import HistoricalChanges

from ..models import Criterion, CriterionGroup, Descriptor, FrameworkVersion, RatingLevel

# model -> the lookup from that model to its framework version ("" = itself)
_PATHS = {
    FrameworkVersion: "",
    Criterion: "framework_version",
    RatingLevel: "framework_version",
    CriterionGroup: "framework_version",
    Descriptor: "criterion__framework_version",
}


def _outside_relations(model):
    for field in model._meta.get_fields(include_hidden=True):
        if not (field.is_relation and field.auto_created and not field.concrete):
            continue  # only reverse relations: someone else points at us
        related = field.related_model
        if related._meta.app_label == model._meta.app_label:
            continue
        if issubclass(related, HistoricalChanges):
            continue  # history rows of another app's records are not uses
        yield related, field.field.name


def _uses(version: FrameworkVersion):
    for model, path in _PATHS.items():
        for related, field_name in _outside_relations(model):
            if not path:
                yield related, related._base_manager.filter(**{field_name: version})
                continue
            # From the version's own few rows, one index probe each into the
            # referencing table, rather than a join across a national table.
            pointing = related._base_manager.filter(**{field_name: OuterRef("pk")})
            yield related, model._base_manager.filter(**{path: version}).filter(Exists(pointing))


def users_of(version: FrameworkVersion) -> list[str]:
    """Verbose plural names of the records that use this version, asked in one
    query however many apps point at frameworks."""
    uses = list(_uses(version))
    if not uses:
        return []
    flags = (
        FrameworkVersion.objects.filter(pk=version.pk)
        .annotate(**{f"use_{i}": Exists(rows) for i, (_, rows) in enumerate(uses)})
        .values_list(*(f"use_{i}" for i in range(len(uses))))
        .first()
    ) or ()
    return [
        str(related._meta.verbose_name_plural)
        for (related, _), used in zip(uses, flags, strict=False)
        if used
    ]


def version_in_use(version: FrameworkVersion) -> bool:
    return bool(users_of(version))
