"""From bytes to a JSON-like document: YAML (safe loader only), with
duplicate keys refused, dates and number keys turned into text, and a hash
of the content that ignores comments and layout."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import yaml

from assurance.ui.text import has_unsafe_characters

from .problems import LoadProblem

KINDS = ("framework", "crosswalk")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key given twice in one mapping: YAML would
    silently keep the last one, hiding a mistake such as two descriptors
    for the same level."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    loader.flatten_mapping(node)
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            duplicate = key in seen
            seen.add(key)
        except TypeError:  # an unhashable key: let SafeLoader report it
            continue
        if duplicate:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the key '{key}' appears twice in the same mapping",
                key_node.start_mark,
            )
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class ParsedFile:
    name: str
    kind: str
    doc: dict[str, Any]
    content_hash: str


def canonical_hash(doc: Any) -> str:
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


UNSAFE_TEXT = (
    "the file contains control characters or Unicode noncharacters; remove them and load it again."
)


def has_unsafe_text(value) -> bool:
    """Checked after the schema, so that a wrong type is reported as such."""
    if isinstance(value, str):
        return has_unsafe_characters(value)
    if isinstance(value, dict):
        return any(has_unsafe_text(k) or has_unsafe_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_unsafe_text(item) for item in value)
    return False


def _yaml_problem(name: str, error: yaml.YAMLError) -> LoadProblem:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or "it could not be read"
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return LoadProblem(name, "", f"the file is not valid YAML: {problem}{where}.")


def parse(name: str, content: bytes) -> ParsedFile | LoadProblem:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return LoadProblem(name, "", "the file is not text in UTF-8; save it as UTF-8 YAML.")
    try:
        raw = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        return _yaml_problem(name, error)
    if raw is None:
        return LoadProblem(
            name, "", "the file is empty; it should describe a framework or a crosswalk."
        )
    if not isinstance(raw, dict):
        return LoadProblem(
            name,
            "",
            "the file must be a mapping of fields such as 'kind: framework', "
            "not a single value or a list.",
        )
    # JSON round trip: dates become YYYY-MM-DD text and every key becomes text,
    # so the schema sees exactly what the hash covers.
    try:
        doc = json.loads(json.dumps(raw, default=str))
    except (TypeError, ValueError):
        return LoadProblem(
            name,
            "",
            "the file uses a key that is not plain text or a number; write every key as text.",
        )
    kind = doc.get("kind")
    if kind not in KINDS:
        return LoadProblem(
            name, "kind", "the file must start with 'kind: framework' or 'kind: crosswalk'."
        )
    return ParsedFile(name=name, kind=kind, doc=doc, content_hash=canonical_hash(_scored(doc)))


# Fields that annotate a criterion without changing what is assessed: left out
# of the hash, so that they can be added to a version already in use.
ANNOTATIONS = ("delivery",)
# Top-level keys about how a version is used (what its letters say, whether a
# council may self-assess on its own), not what a score means: likewise left
# out of the hash, so that they can be corrected on a version in use.
# (``nations`` and ``uses``: where and for what a version may be used.)
UNHASHED_KEYS = frozenset({"letter", "council_self_assessment", "nations", "uses"})


def _scored(doc: dict) -> dict:
    doc = {key: value for key, value in doc.items() if key not in UNHASHED_KEYS}
    if not isinstance(doc.get("criteria"), list):
        return doc
    criteria = [
        {k: v for k, v in c.items() if k not in ANNOTATIONS} if isinstance(c, dict) else c
        for c in doc["criteria"]
    ]
    return {**doc, "criteria": criteria}
