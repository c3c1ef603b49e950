"""Small, valid framework files for tests, loaded through the real loader so
that test data obeys the same rules as shipped data.

    version = load_version(framework_doc(slug="my-framework", criteria=3))
"""

from __future__ import annotations

import copy

import yaml

from assurance.frameworks.loader import LoadResult, Source, load_shipped, load_sources
from assurance.frameworks.models import Crosswalk, FrameworkVersion

FIVE_LEVELS = [
    {"value": 1, "label": "1", "band": "not_met", "colour": "red"},
    {"value": 2, "label": "2", "band": "not_met", "colour": "orange"},
    {"value": 3, "label": "3", "band": "met", "colour": "green"},
    {"value": 4, "label": "4", "band": "exceeded", "colour": "turquoise"},
    {"value": 5, "label": "5", "band": "exceeded", "colour": "blue"},
]


def framework_doc(
    slug: str = "test-framework",
    version: str = "1",
    criteria: int = 3,
    levels: list[dict] | None = None,
    meets_duty_from: int = 3,
    **extra,
) -> dict:
    levels = copy.deepcopy(levels or FIVE_LEVELS)
    doc = {
        "kind": "framework",
        "slug": slug,
        "title": f"Test framework {slug}",
        "publisher": "Test publisher",
        "version": version,
        "version_title": f"Test framework {slug} version {version}",
        "effective_from": "2021-04-01",
        "scale": {"name": "Test scale", "meets_duty_from": meets_duty_from, "levels": levels},
        "criteria": [
            {
                "number": n,
                "code": f"criterion-{n}",
                "title": f"Criterion number {n}",
                "statement": f"Statement of criterion {n}.",
                "descriptors": {
                    str(level["value"]): f"Criterion {n} at level {level['value']}."
                    for level in levels
                },
            }
            for n in range(1, criteria + 1)
        ],
    }
    doc.update(extra)
    return doc


def unscored_doc(slug: str = "test-unscored", version: str = "1", criteria: int = 4) -> dict:
    doc = framework_doc(slug=slug, version=version, criteria=criteria)
    doc["scale"] = "unscored"
    doc["groups"] = [
        {"code": "first-area", "title": "First area"},
        {"code": "second-area", "title": "Second area"},
    ]
    for i, criterion in enumerate(doc["criteria"]):
        del criterion["descriptors"]
        criterion["group"] = "first-area" if i % 2 == 0 else "second-area"
    return doc


def crosswalk_doc(source: dict, target: dict, slug: str = "test-crosswalk", mappings=None) -> dict:
    if mappings is None:
        mappings = [
            {"from": s["code"], "to": t["code"], "relation": "equivalent"}
            for s, t in zip(source["criteria"], target["criteria"], strict=False)
        ]
    return {
        "kind": "crosswalk",
        "slug": slug,
        "title": f"Crosswalk {slug}",
        "source": {"framework": source["slug"], "version": source["version"]},
        "target": {"framework": target["slug"], "version": target["version"]},
        "mappings": mappings,
    }


def to_yaml(doc) -> bytes:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True).encode()


def load_docs(*docs: dict, actor=None) -> LoadResult:
    sources = [Source(f"{doc['slug']}.yaml", to_yaml(doc)) for doc in docs]
    return load_sources(sources, actor=actor)


def load_version(doc: dict | None = None, actor=None) -> FrameworkVersion:
    doc = doc or framework_doc()
    result = load_docs(doc, actor=actor)
    assert result.ok, result.messages()
    return FrameworkVersion.objects.get(framework__slug=doc["slug"], version=doc["version"])


def load_crosswalk(doc: dict) -> Crosswalk:
    result = load_docs(doc)
    assert result.ok, result.messages()
    return Crosswalk.objects.get(slug=doc["slug"])


def shipped() -> LoadResult:
    """Load the shipped framework files, failing loudly if they do not load."""
    result = load_shipped()
    assert result.ok, result.messages()
    return result
