"""Writing a checked document to the database. Called inside one
transaction by ``load_sources``; returns problems only for what the
database alone can tell (a version in use, a criterion a crosswalk needs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, Model, ProtectedError

from ..models import (
    Criterion,
    CriterionGroup,
    Crosswalk,
    CrosswalkMapping,
    Descriptor,
    Framework,
    FrameworkVersion,
    RatingLevel,
)
from .parse import ParsedFile
from .usage import users_of

# Added to criterion numbers while renumbering, to dodge the unique constraint.
_RENUMBER_OFFSET = 1_000_000


@dataclass
class Writer:
    actor: Any
    source: ParsedFile

    def save(self, obj: Model) -> Model:
        if self.actor is not None:
            obj._history_user = self.actor
        obj._change_reason = f"Loaded from {self.source.name}"[:100]
        obj.save()
        return obj

    def update(self, obj: Model, fields: dict) -> bool:
        changed = {k: v for k, v in fields.items() if getattr(obj, k) != v}
        for key, value in changed.items():
            setattr(obj, key, value)
        if changed:
            self.save(obj)
        return bool(changed)

    def delete(self, obj: Model) -> None:
        obj._change_reason = f"Removed by {self.source.name}"[:100]
        if self.actor is not None:
            obj._history_user = self.actor
        obj.delete()


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _version_fields(doc: dict, parsed: ParsedFile) -> dict:
    scale = doc["scale"]
    scored = isinstance(scale, dict)
    return {
        "title": doc["version_title"],
        "description": doc.get("description", ""),
        "effective_from": _date(doc.get("effective_from")),
        "effective_to": _date(doc.get("effective_to")),
        "source_reference": doc.get("source_reference", ""),
        "is_scored": scored,
        "scale_name": scale.get("name", "") if scored else "Unscored",
        "scale_note": scale.get("note", "") if scored else "",
        "meets_duty_from": scale["meets_duty_from"] if scored else None,
        "content_hash": parsed.content_hash,
        "source_file": parsed.name[:255],
        **_metadata_fields(doc),
    }


def _metadata_fields(doc: dict) -> dict:
    """The fields loaded from keys outside the content hash (parse.UNHASHED_KEYS)."""
    return {
        "letter_caveats": list((doc.get("letter") or {}).get("caveats", [])),
        "allows_council_self_assessment": bool(doc.get("council_self_assessment", False)),
    }


def _sync_levels(w: Writer, version: FrameworkVersion, doc: dict) -> dict[int, RatingLevel]:
    wanted = doc["scale"]["levels"] if isinstance(doc["scale"], dict) else []
    existing = {level.value: level for level in version.levels.all()}
    for level in existing.values():
        if level.value not in {item["value"] for item in wanted}:
            w.delete(level)  # its descriptors go with it
    levels = {}
    for item in wanted:
        fields = {
            "label": item["label"],
            "description": item.get("description", ""),
            "band": item["band"],
            "colour": item.get("colour", ""),
        }
        level = existing.get(item["value"])
        if level is None:
            level = w.save(RatingLevel(framework_version=version, value=item["value"], **fields))
        else:
            w.update(level, fields)
        levels[level.value] = level
    return levels


def _sync_groups(w: Writer, version: FrameworkVersion, doc: dict) -> dict[str, CriterionGroup]:
    existing = {group.code: group for group in version.groups.all()}
    groups = {}
    for position, item in enumerate(doc.get("groups", [])):
        fields = {
            "title": item["title"],
            "description": item.get("description", ""),
            "position": position,
        }
        group = existing.get(item["code"])
        if group is None:
            group = w.save(CriterionGroup(framework_version=version, code=item["code"], **fields))
        else:
            w.update(group, fields)
        groups[group.code] = group
    return groups


def _criterion_fields(item: dict, groups: dict[str, CriterionGroup]) -> dict:
    return {
        "number": item["number"],
        "title": item["title"],
        "statement": item.get("statement", ""),
        "notes": item.get("notes", ""),
        "evidence_guidance": item.get("evidence", ""),
        "assured_separately": item.get("assured_separately", False),
        "delivery": item.get("delivery") or None,
        "group": groups.get(item["group"]) if item.get("group") else None,
    }


def _sync_criteria(w: Writer, version, doc: dict, groups, levels) -> list[str]:
    wanted = {item["code"]: item for item in doc["criteria"]}
    existing = {c.code: c for c in version.criteria.all()}
    problems = []
    for code, criterion in existing.items():
        if code not in wanted:
            try:
                w.delete(criterion)
            except ProtectedError:
                problems.append(
                    f"the criterion '{code}' was removed, but a crosswalk still maps it; "
                    "update the crosswalk in the same upload or keep the criterion"
                )
    if problems:
        return problems
    # Renumbering may swap numbers between criteria: park them out of the way first.
    version.criteria.update(number=F("number") + _RENUMBER_OFFSET)
    existing = {c.code: c for c in version.criteria.all()}
    for code, item in wanted.items():
        criterion = existing.get(code)
        fields = _criterion_fields(item, groups)
        if criterion is None:
            criterion = w.save(Criterion(framework_version=version, code=code, **fields))
        else:
            w.update(criterion, fields)
        _sync_descriptors(w, criterion, item.get("descriptors") or {}, levels)
    for group in version.groups.exclude(code__in=list(groups)):
        w.delete(group)
    return []


def _sync_descriptors(w: Writer, criterion: Criterion, wanted: dict, levels) -> None:
    existing = {d.level.value: d for d in criterion.descriptors.select_related("level")}
    for value, descriptor in existing.items():
        if str(value) not in wanted:
            w.delete(descriptor)
    for key, text in wanted.items():
        descriptor = existing.get(int(key))
        if descriptor is None:
            w.save(Descriptor(criterion=criterion, level=levels[int(key)], text=text))
        else:
            w.update(descriptor, {"text": text})


def write_framework(parsed: ParsedFile, actor) -> tuple[str, list[tuple[str, str]]]:
    """Returns (status, problems); status is created, updated or unchanged."""
    doc = parsed.doc
    w = Writer(actor, parsed)
    framework = Framework.objects.filter(slug=doc["slug"]).first()
    if framework is None:
        framework = w.save(
            Framework(slug=doc["slug"], title=doc["title"], publisher=doc["publisher"])
        )
    else:
        w.update(framework, {"title": doc["title"], "publisher": doc["publisher"]})
    version = FrameworkVersion.objects.filter(framework=framework, version=doc["version"]).first()
    if version is not None and version.content_hash == parsed.content_hash:
        # Metadata and annotations are outside the hash: refresh them even on a
        # version in use.
        changed = w.update(version, _metadata_fields(doc))
        changed |= _sync_annotations(w, version, doc)
        return ("updated" if changed else "unchanged"), []
    if version is not None:
        users = users_of(version)
        if users:
            return "refused", [
                (
                    "version",
                    f"version '{doc['version']}' of '{doc['slug']}' is already used by "
                    f"{' and '.join(users)}, so it cannot be changed; publish your changes as a "
                    "new version by giving the file a new 'version'",
                )
            ]
    fields = _version_fields(doc, parsed)
    status = "updated" if version else "created"
    if version is None:
        version = w.save(FrameworkVersion(framework=framework, version=doc["version"], **fields))
    else:
        w.update(version, fields)
    levels = _sync_levels(w, version, doc)
    groups = _sync_groups(w, version, doc)
    problems = _sync_criteria(w, version, doc, groups, levels)
    return status, [("criteria", p) for p in problems]


def _sync_annotations(w: Writer, version: FrameworkVersion, doc: dict) -> bool:
    existing = {c.code: c for c in version.criteria.all()}
    changed = False
    for item in doc["criteria"]:
        criterion = existing.get(item["code"])
        if criterion is not None:
            changed |= w.update(criterion, {"delivery": item.get("delivery") or None})
    return changed


def _version(end: dict) -> FrameworkVersion:
    return FrameworkVersion.objects.get(framework__slug=end["framework"], version=end["version"])


def clear_crosswalk(parsed: ParsedFile, actor) -> None:
    """Drop the mappings of a crosswalk this upload replaces, so that the
    frameworks it maps may lose criteria in the same upload."""
    crosswalk = Crosswalk.objects.filter(slug=parsed.doc["slug"]).first()
    if crosswalk is not None and crosswalk.content_hash != parsed.content_hash:
        w = Writer(actor, parsed)
        for mapping in crosswalk.mappings.all():
            w.delete(mapping)


def write_crosswalk(parsed: ParsedFile, actor) -> str:
    doc = parsed.doc
    w = Writer(actor, parsed)
    crosswalk = Crosswalk.objects.filter(slug=doc["slug"]).first()
    if crosswalk is not None and crosswalk.content_hash == parsed.content_hash:
        return "unchanged"
    source, target = _version(doc["source"]), _version(doc["target"])
    fields = {
        "title": doc["title"],
        "description": doc.get("description", ""),
        "source_version": source,
        "target_version": target,
        "content_hash": parsed.content_hash,
        "source_file": parsed.name[:255],
    }
    status = "updated" if crosswalk else "created"
    if crosswalk is None:
        crosswalk = w.save(Crosswalk(slug=doc["slug"], **fields))
    else:
        w.update(crosswalk, fields)
        for mapping in crosswalk.mappings.all():
            w.delete(mapping)
    sources = {c.code: c for c in source.criteria.all()}
    targets = {c.code: c for c in target.criteria.all()}
    for item in doc["mappings"]:
        w.save(
            CrosswalkMapping(
                crosswalk=crosswalk,
                source_criterion=sources[item["from"]],
                target_criterion=targets[item["to"]],
                relation=item["relation"],
                note=item.get("note", ""),
            )
        )
    return status
