"""Cross-reference checks the schema cannot express. Pure functions over a
document that has already passed its schema: each returns (path, message)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..rules import BAND_ORDER, MEETING_BANDS

Problem = tuple[str, str]


def _values(values) -> str:
    return ", ".join(str(v) for v in values)


def _duplicates(items: list[dict], key: str, path: str, what: str) -> list[Problem]:
    first: dict = {}
    problems = []
    for i, item in enumerate(items):
        value = item[key]
        if value in first:
            problems.append(
                (f"{path}[{i}].{key}", f"{what} {value} is already used by {path}[{first[value]}]")
            )
        else:
            first[value] = i
    return problems


def _scale_problems(scale: dict) -> list[Problem]:
    levels = scale["levels"]
    problems = _duplicates(levels, "value", "scale.levels", "the value")
    problems += _duplicates(levels, "label", "scale.levels", "the label")
    for i in range(1, len(levels)):
        before, this = levels[i - 1], levels[i]
        if this["value"] < before["value"]:
            problems.append(
                (
                    f"scale.levels[{i}].value",
                    f"levels must be listed from lowest to highest value, "
                    f"but {this['value']} comes after {before['value']}",
                )
            )
        elif BAND_ORDER[this["band"]] < BAND_ORDER[before["band"]]:
            problems.append(
                (
                    f"scale.levels[{i}].band",
                    f"a higher level cannot have a lower band: level {this['value']} is "
                    f"{this['band']} but level {before['value']} is {before['band']}",
                )
            )
    threshold = scale["meets_duty_from"]
    values = [level["value"] for level in levels]
    if threshold not in values:
        return problems + [
            (
                "scale.meets_duty_from",
                f"{threshold} is not the value of any level (the levels are {_values(values)})",
            )
        ]
    for i, level in enumerate(levels):
        meets = level["value"] >= threshold
        if meets != (level["band"] in MEETING_BANDS):
            side = "at or above" if meets else "below"
            allowed = "met or exceeded" if meets else "not_met or partially_met"
            problems.append(
                (
                    f"scale.levels[{i}].band",
                    f"level {level['value']} is {side} the level that meets the duty "
                    f"({threshold}), so its band must be {allowed}, not {level['band']}",
                )
            )
    return problems


def _descriptor_problems(i: int, criterion: dict, values: list[int] | None) -> list[Problem]:
    path = f"criteria[{i}]"
    name = f"criterion {criterion['number']} ({criterion['code']})"
    descriptors = criterion.get("descriptors") or {}
    if values is None:
        if descriptors:
            return [
                (
                    f"{path}.descriptors",
                    f"the framework is unscored, so {name} cannot have descriptors; "
                    "remove them or give the framework a scale",
                )
            ]
        return []
    problems = [
        (f"{path}.descriptors", f"{name} has no descriptor for level {value}")
        for value in values
        if str(value) not in descriptors
    ]
    known = {str(v) for v in values}
    problems += [
        (
            f"{path}.descriptors.{key}",
            f"there is no level {key} in the scale (the levels are {_values(values)})",
        )
        for key in descriptors
        if key not in known
    ]
    return problems


def framework_problems(doc: dict) -> list[Problem]:
    scale = doc["scale"]
    scored = isinstance(scale, dict)
    problems = _scale_problems(scale) if scored else []
    groups = doc.get("groups", [])
    problems += _duplicates(groups, "code", "groups", "the code")
    criteria = doc["criteria"]
    problems += _duplicates(criteria, "number", "criteria", "number")
    problems += _duplicates(criteria, "code", "criteria", "the code")
    codes = [g["code"] for g in groups]
    values = [level["value"] for level in scale["levels"]] if scored else None
    for i, criterion in enumerate(criteria):
        group = criterion.get("group")
        if group is not None and group not in codes:
            listed = f"the groups are {', '.join(codes)}" if codes else "the file defines no groups"
            problems.append((f"criteria[{i}].group", f"there is no group '{group}' ({listed})"))
        problems += _descriptor_problems(i, criterion, values)
    start, end = doc.get("effective_from"), doc.get("effective_to")
    if start and end and date.fromisoformat(end) < date.fromisoformat(start):
        problems.append(
            ("effective_to", f"the version cannot end ({end}) before it starts ({start})")
        )
    return problems


# (framework slug, version) -> criterion codes, or None if there is no such version
Resolver = Callable[[str, str], set[str] | None]


def _end_problems(doc: dict, resolve: Resolver) -> tuple[list[Problem], dict[str, set[str]]]:
    problems, codes = [], {}
    for end in ("source", "target"):
        slug, version = doc[end]["framework"], doc[end]["version"]
        found = resolve(slug, version)
        if found is None:
            problems.append(
                (
                    end,
                    f"there is no framework '{slug}' version '{version}' loaded or in this upload; "
                    "load the framework first",
                )
            )
        else:
            codes[end] = found
    if doc["source"] == doc["target"]:
        problems.append(("target", "a crosswalk must map between two different framework versions"))
    return problems, codes


def _relation_problems(mappings: list[dict]) -> list[Problem]:
    problems = []
    for i, mapping in enumerate(mappings):
        relation = mapping["relation"]
        if relation == "merged":
            others = [m for m in mappings if m["to"] == mapping["to"] and m["relation"] == "merged"]
            if len(others) < 2:
                problems.append(
                    (
                        f"mappings[{i}].relation",
                        f"'merged' means several criteria became one, but only '{mapping['from']}' "
                        f"is marked as merged into '{mapping['to']}'",
                    )
                )
        if relation == "split":
            others = [
                m for m in mappings if m["from"] == mapping["from"] and m["relation"] == "split"
            ]
            if len(others) < 2:
                problems.append(
                    (
                        f"mappings[{i}].relation",
                        f"'split' means one criterion became several, but '{mapping['from']}' "
                        f"is marked as split only into '{mapping['to']}'",
                    )
                )
    return problems


def crosswalk_problems(doc: dict, resolve: Resolver) -> list[Problem]:
    problems, codes = _end_problems(doc, resolve)
    seen: dict[tuple[str, str], int] = {}
    for i, mapping in enumerate(doc["mappings"]):
        for field, end in (("from", "source"), ("to", "target")):
            if end in codes and mapping[field] not in codes[end]:
                framework = doc[end]
                problems.append(
                    (
                        f"mappings[{i}].{field}",
                        f"version '{framework['version']}' of '{framework['framework']}' has no "
                        f"criterion with the code '{mapping[field]}'",
                    )
                )
        pair = (mapping["from"], mapping["to"])
        if pair in seen:
            problems.append(
                (
                    f"mappings[{i}]",
                    f"'{pair[0]}' to '{pair[1]}' is already mapped in mappings[{seen[pair]}]",
                )
            )
        else:
            seen[pair] = i
    return problems + _relation_problems(doc["mappings"])
