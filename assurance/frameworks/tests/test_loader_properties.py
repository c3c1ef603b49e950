"""Hypothesis breaks valid files in many ways; each broken file must give a
clear message naming the problem and leave the database as it was."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assurance.frameworks.loader import Source, load_sources
from assurance.frameworks.models import (
    Criterion,
    Crosswalk,
    CrosswalkMapping,
    Descriptor,
    Framework,
    FrameworkVersion,
    RatingLevel,
)

from .factories import FIVE_LEVELS, crosswalk_doc, framework_doc, load_docs, to_yaml

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MODELS = (
    Framework,
    FrameworkVersion,
    RatingLevel,
    Criterion,
    Descriptor,
    Crosswalk,
    CrosswalkMapping,
)


def _levels(n: int) -> list[dict]:
    """n levels, meeting the duty from 2 (so bands agree with the threshold)."""
    bands = ["not_met", "met"] + ["exceeded"] * (n - 2)
    return [{**level, "band": band} for level, band in zip(FIVE_LEVELS, bands, strict=False)]


level_sets = st.integers(min_value=2, max_value=5).map(_levels)
base_docs = st.builds(
    lambda n, levels: framework_doc(
        slug="hypothesis-framework", criteria=n, levels=levels, meets_duty_from=2
    ),
    st.integers(min_value=1, max_value=6),
    level_sets,
)


@pytest.fixture
def loaded(db):
    """A framework already in the database, which broken loads must not touch."""
    source = framework_doc(slug="existing-framework", criteria=3)
    assert load_docs(source).ok
    return source


@SETTINGS
@given(doc=base_docs)
def test_the_unbroken_documents_load(db, doc):
    result = load_docs(doc)
    assert result.ok, result.messages()


def snapshot():
    return {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in MODELS} | {
        "descriptors": sorted(Descriptor.objects.values_list("text", flat=True))
    }


def assert_refused(sources, expected: str):
    before = snapshot()
    result = load_sources(sources)
    assert not result.ok
    messages = result.messages()
    assert any(expected in m for m in messages), messages
    for message in messages:
        assert message.endswith((".", ")")) or " " in message  # a sentence, not a code
        assert "Traceback" not in message and "jsonschema" not in message
    assert snapshot() == before


def one(doc, name="broken.yaml"):
    return [Source(name, to_yaml(doc))]


@SETTINGS
@given(doc=base_docs, data=st.data())
def test_missing_level_descriptor(loaded, doc, data):
    i = data.draw(st.integers(0, len(doc["criteria"]) - 1))
    value = data.draw(st.sampled_from(sorted(doc["criteria"][i]["descriptors"])))
    del doc["criteria"][i]["descriptors"][value]
    assert_refused(
        one(doc),
        f"criteria[{i}].descriptors: criterion {i + 1} (criterion-{i + 1}) "
        f"has no descriptor for level {value}",
    )


@SETTINGS
@given(doc=base_docs, data=st.data())
def test_duplicate_numbers(loaded, doc, data):
    doc["criteria"].append(copy.deepcopy(doc["criteria"][0]))
    doc["criteria"][-1]["code"] = "another-code"
    i = len(doc["criteria"]) - 1
    assert_refused(one(doc), f"criteria[{i}].number: number 1 is already used by criteria[0]")


@SETTINGS
@given(doc=base_docs, data=st.data(), value=st.integers(min_value=6, max_value=10_000))
def test_descriptor_for_unknown_level(loaded, doc, data, value):
    i = data.draw(st.integers(0, len(doc["criteria"]) - 1))
    doc["criteria"][i]["descriptors"][str(value)] = "No such level."
    assert_refused(
        one(doc), f"criteria[{i}].descriptors.{value}: there is no level {value} in the scale"
    )


@SETTINGS
@given(code=st.from_regex(r"\A[a-z]{3,12}\Z"), end=st.sampled_from(["from", "to"]))
def test_dangling_crosswalk_end(loaded, code, end):
    target = framework_doc(slug="target-framework", criteria=2)
    crosswalk = crosswalk_doc(loaded, target)
    crosswalk["mappings"][0][end] = code
    side = "existing-framework" if end == "from" else "target-framework"
    assert_refused(
        [Source("target.yaml", to_yaml(target)), Source("crosswalk.yaml", to_yaml(crosswalk))],
        f"mappings[0].{end}: version '1' of '{side}' has no criterion with the code '{code}'",
    )


@SETTINGS
@given(slug=st.from_regex(r"\A[a-z]{3,12}\Z"))
def test_crosswalk_to_a_framework_that_does_not_exist(loaded, slug):
    crosswalk = crosswalk_doc(loaded, framework_doc(slug=f"missing-{slug}"))
    assert_refused(one(crosswalk), f"there is no framework 'missing-{slug}' version '1'")


WRONG = {
    "text": st.one_of(st.integers(), st.booleans(), st.lists(st.integers(), max_size=2)),
    "a whole number": st.one_of(st.text(min_size=1, max_size=5), st.floats(allow_nan=False)),
    "a list": st.one_of(st.integers(), st.text(max_size=5)),
}
FIELDS = [
    (("version_title",), "text"),
    (("title",), "text"),
    (("criteria", 0, "title"), "text"),
    (("criteria", 0, "number"), "a whole number"),
    (("scale", "meets_duty_from"), "a whole number"),
    (("scale", "levels", 0, "value"), "a whole number"),
    (("criteria",), "a list"),
    (("scale", "levels"), "a list"),
]


@SETTINGS
@given(doc=base_docs, data=st.data())
def test_wrong_types(loaded, doc, data):
    path, expected = data.draw(st.sampled_from(FIELDS))
    value = data.draw(WRONG[expected])
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    assert_refused(one(doc), f"{dotted}: must be {expected}")


@SETTINGS
@given(
    text=st.sampled_from(["", "\n", "   \n\n", "# nothing but a comment\n", "---\n", "null\n", "~"])
)
def test_empty_file(loaded, text):
    assert_refused([Source("empty.yaml", text.encode())], "empty.yaml: the file is empty")


@SETTINGS
@given(
    text=st.text(min_size=1, max_size=40).map(
        lambda t: "kind: framework\ncriteria: [" + t.replace("]", "") + "\n  - {"
    )
)
def test_not_yaml(loaded, text):
    assert_refused(
        [Source("garbled.yaml", text.encode())], "garbled.yaml: the file is not valid YAML"
    )


@SETTINGS
@given(doc=base_docs, content=st.binary(min_size=1, max_size=30))
def test_a_broken_file_next_to_a_good_one_saves_neither(loaded, doc, content):
    sources = [Source("good.yaml", to_yaml(doc)), Source("bad.yaml", b"\xff\xfe" + content)]
    assert_refused(sources, "bad.yaml: ")
