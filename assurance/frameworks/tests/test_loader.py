"""The loader: every problem named in one plain sentence with its file and
path, nothing saved on any problem, idempotent, update in place while a
version is unused."""

import pytest

from assurance.frameworks.loader import Source, load_sources
from assurance.frameworks.models import (
    Criterion,
    Crosswalk,
    Descriptor,
    Framework,
    FrameworkVersion,
    HistoricalCriterion,
    RatingLevel,
)

from .factories import (
    crosswalk_doc,
    framework_doc,
    load_docs,
    load_version,
    to_yaml,
    unscored_doc,
)

pytestmark = pytest.mark.django_db


def snapshot():
    return [
        m.objects.count()
        for m in (Framework, FrameworkVersion, RatingLevel, Criterion, Descriptor, Crosswalk)
    ]


def problems_of(*docs):
    result = load_docs(*docs)
    assert not result.ok
    return [(p.path, p.message) for p in result.problems]


def load_text(text: str, name="broken.yaml"):
    return load_sources([Source(name, text.encode())])


def test_a_valid_file_loads_levels_criteria_and_descriptors():
    version = load_version(framework_doc(criteria=4))
    assert version.levels.count() == 5
    assert version.criteria.count() == 4
    assert Descriptor.objects.filter(criterion__framework_version=version).count() == 20
    assert version.source_file == "test-framework.yaml"


def test_missing_descriptor_is_named_with_criterion_and_level():
    doc = framework_doc()
    del doc["criteria"][1]["descriptors"]["4"]
    assert problems_of(doc) == [
        ("criteria[1].descriptors", "criterion 2 (criterion-2) has no descriptor for level 4")
    ]


def test_descriptor_for_an_unknown_level():
    doc = framework_doc()
    doc["criteria"][0]["descriptors"]["7"] = "Beyond the scale."
    assert problems_of(doc) == [
        (
            "criteria[0].descriptors.7",
            "there is no level 7 in the scale (the levels are 1, 2, 3, 4, 5)",
        )
    ]


def test_duplicate_criterion_numbers():
    doc = framework_doc()
    doc["criteria"][2]["number"] = 1
    assert problems_of(doc) == [("criteria[2].number", "number 1 is already used by criteria[0]")]


def test_threshold_must_be_a_level_and_bands_must_agree_with_it():
    doc = framework_doc(meets_duty_from=6)
    assert problems_of(doc) == [
        ("scale.meets_duty_from", "6 is not the value of any level (the levels are 1, 2, 3, 4, 5)")
    ]
    doc = framework_doc(meets_duty_from=4)
    path, message = problems_of(doc)[0]
    assert path == "scale.levels[2].band"
    assert "level 3 is below the level that meets the duty (4)" in message


def test_levels_out_of_order():
    doc = framework_doc()
    levels = doc["scale"]["levels"]
    levels[0], levels[1] = levels[1], levels[0]
    assert (
        "scale.levels[1].value",
        "levels must be listed from lowest to highest value, but 1 comes after 2",
    ) in problems_of(doc)


def test_unknown_group_and_descriptors_on_an_unscored_framework():
    doc = unscored_doc()
    doc["criteria"][0]["group"] = "nowhere"
    doc["criteria"][1]["descriptors"] = {"1": "Text"}
    found = problems_of(doc)
    assert (
        "criteria[0].group",
        "there is no group 'nowhere' (the groups are first-area, second-area)",
    ) in found
    assert any(p == "criteria[1].descriptors" and "unscored" in m for p, m in found)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("kind: framework\nslug: [unclosed\n", "the file is not valid YAML"),
        ("- a\n- list\n", "must be a mapping of fields"),
        ("kind: framework\nkind: crosswalk\n", "the key 'kind' appears twice"),
        ("kind: recipe\n", "must start with 'kind: framework' or 'kind: crosswalk'"),
    ],
)
def test_files_that_are_not_frameworks_at_all(text, message):
    result = load_text(text)
    assert len(result.problems) == 1
    assert message in result.problems[0].message
    assert str(result.problems[0]).startswith("broken.yaml")


def test_wrong_types_and_unknown_fields_in_plain_english():
    doc = framework_doc()
    doc["version"] = 2023
    doc["criteria"][0]["number"] = "one"
    doc["criteria"][1]["titel"] = "Misspelt"
    doc["effective_from"] = "1 April 2021"
    found = dict(problems_of(doc))
    assert found["version"] == "must be text, not a whole number (put it in quotes)"
    assert found["criteria[0].number"] == "must be a whole number, not text"
    assert found["criteria[1]"].startswith("'titel' is not a field this format knows")
    assert found["effective_from"].startswith(
        "'1 April 2021' is not a valid date: write the date as YYYY-MM-DD"
    )


def test_missing_required_field_and_bad_scale():
    doc = framework_doc()
    del doc["criteria"]
    doc["scale"] = {"meets_duty_from": 3}
    found = problems_of(doc)
    assert ("", "the required field 'criteria' is missing") in found
    assert ("scale", "the required field 'levels' is missing") in found


def test_nothing_is_saved_when_one_file_of_several_is_wrong():
    load_version(framework_doc(slug="already-there"))
    before = snapshot()
    broken = framework_doc(slug="broken")
    broken["criteria"][0]["descriptors"].pop("1")
    result = load_docs(framework_doc(slug="fine"), broken)
    assert [p.file for p in result.problems] == ["broken.yaml"]
    assert result.files == []
    assert snapshot() == before


def test_loading_the_same_file_twice_is_idempotent():
    doc = framework_doc()
    load_version(doc)
    history = HistoricalCriterion.objects.count()
    result = load_docs(doc)
    assert [f.status for f in result.files] == ["unchanged"]
    assert HistoricalCriterion.objects.count() == history


def test_a_changed_unused_version_is_updated_in_place_and_recorded():
    doc = framework_doc(criteria=3)
    version = load_version(doc)
    first_criterion = version.criteria.get(code="criterion-1")
    doc["criteria"][0]["title"] = "A clearer title"
    doc["criteria"][0]["number"], doc["criteria"][1]["number"] = 2, 1  # swap numbers
    del doc["criteria"][2]  # remove one
    result = load_docs(doc)
    assert result.ok, result.messages()
    assert [f.status for f in result.files] == ["updated"]
    assert FrameworkVersion.objects.get().pk == version.pk
    first_criterion.refresh_from_db()
    assert (first_criterion.title, first_criterion.number) == ("A clearer title", 2)
    assert sorted(version.criteria.values_list("number", flat=True)) == [1, 2]
    changes = first_criterion.history.all()
    assert changes[0].history_change_reason == "Loaded from test-framework.yaml"
    assert changes.count() >= 2


def test_crosswalk_ends_must_exist():
    source = framework_doc(slug="source-framework")
    target = framework_doc(slug="target-framework")
    load_docs(source)
    found = problems_of(crosswalk_doc(source, target))
    assert found == [
        (
            "target",
            "there is no framework 'target-framework' version '1' loaded or in this upload; "
            "load the framework first",
        )
    ]


def test_crosswalk_criteria_must_exist_and_relations_must_make_sense():
    source, target = framework_doc(slug="source-framework"), framework_doc(slug="target-framework")
    mappings = [
        {"from": "criterion-1", "to": "criterion-9", "relation": "equivalent"},
        {"from": "criterion-2", "to": "criterion-2", "relation": "merged"},
    ]
    found = problems_of(source, target, crosswalk_doc(source, target, mappings=mappings))
    assert (
        "mappings[0].to",
        "version '1' of 'target-framework' has no criterion with the code 'criterion-9'",
    ) in found
    assert any(p == "mappings[1].relation" and "'merged' means several" in m for p, m in found)
    assert Framework.objects.count() == 0


def test_crosswalk_loads_with_its_frameworks_in_one_upload():
    source, target = framework_doc(slug="source-framework"), framework_doc(slug="target-framework")
    result = load_docs(crosswalk_doc(source, target), source, target)  # order does not matter
    assert result.ok, result.messages()
    crosswalk = Crosswalk.objects.get()
    assert crosswalk.mappings.count() == 3


def test_removing_a_criterion_a_crosswalk_maps_is_refused_unless_the_crosswalk_changes_too():
    source, target = framework_doc(slug="source-framework"), framework_doc(slug="target-framework")
    crosswalk = crosswalk_doc(source, target)
    load_docs(source, target, crosswalk)
    del target["criteria"][2]
    found = problems_of(target)
    assert found[0][0] == "criteria"
    assert "a crosswalk still maps it" in found[0][1]
    assert Criterion.objects.filter(code="criterion-3").count() == 2
    crosswalk["mappings"].pop()
    result = load_docs(target, crosswalk)
    assert result.ok, result.messages()
    assert Criterion.objects.filter(code="criterion-3").count() == 1


def test_two_files_for_the_same_version_in_one_upload():
    result = load_docs(framework_doc(), framework_doc())
    assert [p.message for p in result.problems] == [
        "test-framework.yaml in this upload already has this slug and version"
    ]


def test_yaml_dates_and_numeric_keys_are_accepted():
    text = to_yaml(framework_doc()).decode().replace("'2021-04-01'", "2021-04-01")
    assert "effective_from: 2021-04-01" in text
    result = load_text(text, "dated.yaml")
    assert result.ok, result.messages()
    assert str(FrameworkVersion.objects.get().effective_from) == "2021-04-01"
