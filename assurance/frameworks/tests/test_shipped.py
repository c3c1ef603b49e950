"""The shipped framework files load, and carry the identifiers, scales and
flags other apps rely on."""

import pytest

from assurance.frameworks.loader import load_shipped, shipped_paths
from assurance.frameworks.models import (
    Criterion,
    Crosswalk,
    Descriptor,
    FrameworkVersion,
    HistoricalDescriptor,
)

pytestmark = pytest.mark.django_db


def _version(slug, version):
    return FrameworkVersion.objects.get(framework__slug=slug, version=version)


def test_every_shipped_file_loads():
    result = load_shipped()
    assert result.ok, result.messages()
    assert len(result.files) == len(shipped_paths()) == 6
    assert {f.status for f in result.files} == {"created"}


def test_scoring_criteria_2021_22_has_ten_benchmarks_scored_one_to_five(shipped_frameworks):
    version = _version("home-office-la-scoring-criteria", "2021-22")
    assert version.criteria.count() == 10
    assert list(version.criteria.values_list("number", flat=True)) == list(range(1, 11))
    assert [(lv.value, lv.band) for lv in version.levels.all()] == [
        (1, "not_met"),
        (2, "not_met"),
        (3, "met"),
        (4, "exceeded"),
        (5, "exceeded"),
    ]
    assert version.meets_duty_from == 3
    assert Descriptor.objects.filter(criterion__framework_version=version).count() == 50


def test_toolkit_2023_has_eight_benchmarks_and_channel_is_assured_separately(shipped_frameworks):
    version = _version("home-office-prevent-duty-toolkit", "2023")
    assert version.criteria.count() == 8
    separate = version.criteria.filter(assured_separately=True)
    assert [c.code for c in separate] == ["channel-panel"]
    assert version.criteria.filter(assured_separately=False).count() == 7
    assert "Assumed scale" in version.scale_note
    assert version.meets_duty_from == 2


def test_scottish_framework_is_unscored_with_fourteen_aspects_in_four_areas(shipped_frameworks):
    version = _version("scottish-prevent-peer-review", "2019")
    assert not version.is_scored and version.meets_duty_from is None
    assert version.levels.count() == 0
    assert version.criteria.count() == 14
    assert [g.title for g in version.groups.all()] == [
        "Leadership",
        "Capabilities",
        "Partnership",
        "Information sharing",
    ]
    assert not version.criteria.filter(group=None).exists()
    assert not Descriptor.objects.filter(criterion__framework_version=version).exists()


def test_red_amber_green_variant_meets_the_duty_at_green(shipped_frameworks):
    version = _version("home-office-la-scoring-criteria-rag", "2021-22")
    levels = list(version.levels.all())
    assert [(lv.label, lv.band) for lv in levels] == [
        ("Red", "not_met"),
        ("Amber", "partially_met"),
        ("Green", "met"),
    ]
    assert version.meets_duty_from == levels[-1].value
    assert Descriptor.objects.filter(criterion__framework_version=version).count() == 30


def test_crosswalks_map_every_source_criterion(shipped_frameworks):
    for crosswalk in Crosswalk.objects.all():
        mapped = set(crosswalk.mappings.values_list("source_criterion", flat=True))
        assert mapped == set(crosswalk.source_version.criteria.values_list("pk", flat=True))
    toolkit = Crosswalk.objects.get(slug="la-scoring-2021-22-to-toolkit-2023")
    merged = toolkit.mappings.filter(relation="merged")
    assert merged.count() == 4


def test_loading_the_shipped_files_again_changes_nothing(shipped_frameworks):
    history_before = HistoricalDescriptor.objects.count()
    ids_before = set(Criterion.objects.values_list("pk", flat=True))
    result = load_shipped()
    assert result.ok
    assert {f.status for f in result.files} == {"unchanged"}
    assert HistoricalDescriptor.objects.count() == history_before
    assert set(Criterion.objects.values_list("pk", flat=True)) == ids_before
