from datetime import date

import pytest

from assurance.oversight import rules


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        (None, "met", rules.FIRST),
        (["not_met"], "met", rules.UP),
        (["exceeded"], "met", rules.DOWN),
        (["met"], "met", rules.SAME),
        ([], "met", rules.NO_LINK),
        ([None], "met", rules.NO_LINK),
        (["met"], None, rules.NONE),
        # merged criteria: above all of them, below all of them, or in between
        (["not_met", "met"], "exceeded", rules.UP),
        (["met", "exceeded"], "not_met", rules.DOWN),
        (["not_met", "exceeded"], "met", rules.MIXED),
        (["met", "met"], "met", rules.SAME),
        (["partially_met"], "met", rules.UP),
    ],
)
def test_movement_compares_bands(previous, current, expected):
    assert rules.movement(previous, current) == expected


def test_movement_ignores_level_values_across_scales():
    # A 4 on a five-level scale and a 3 on a three-level scale are both "exceeded".
    assert rules.movement(["exceeded"], "exceeded") == rules.SAME


def test_counts_and_shares():
    assert rules.level_counts([1, 3, 3, None, 5]) == {1: 1, 3: 2, 5: 1}
    assert rules.share([True, False, None, True]) == pytest.approx(2 / 3)
    assert rules.share([None]) is None
    assert rules.percent(2 / 3) == "67%"
    assert rules.percent(None) == "–"


def test_small_groups_have_no_share():
    assert rules.shown_share([True, False, True, True]) is None
    assert rules.shown_share([True, False, True, True, False]) == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("histogram", "expected"),
    [({}, None), ({10: 1}, 10), ({10: 1, 20: 1}, 15), ({1: 2, 9: 1}, 1), ({1: 1, 5: 1, 9: 2}, 7)],
)
def test_median_from_histogram(histogram, expected):
    assert rules.median_from_histogram(histogram) == expected


def test_open_past_a_year():
    today = date(2026, 6, 1)
    assert rules.open_past_a_year(date(2025, 5, 31), today)
    assert not rules.open_past_a_year(date(2025, 6, 1), today)


def test_gap_between_self_assessed_assessed_and_moderated():
    gap = rules.gap([(4, 3, None), (5, 3, 2), (None, 2, 2), (3, None, None)])
    assert gap.count == 2
    assert gap.self_minus_assessed == pytest.approx(1.5)
    assert gap.moderated == 3 and gap.changed == 1
    assert gap.change_rate == pytest.approx(1 / 3)
    assert gap.moderated_minus_assessed == pytest.approx(-1 / 3)


def test_band_words_and_classes():
    assert rules.band_words("partially_met") == "Partly met"
    assert rules.band_words(None) == "No level"
    assert rules.band_class("met") == "app-band--met"
