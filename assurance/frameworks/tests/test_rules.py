"""Scale rules, without the database."""

from datetime import date
from types import SimpleNamespace

import pytest

from assurance.frameworks import rules

LEVELS = [
    {"value": 1, "band": "not_met"},
    {"value": 2, "band": "not_met"},
    {"value": 3, "band": "met"},
    {"value": 4, "band": "exceeded"},
    {"value": 5, "band": "exceeded"},
]
RAG = [
    SimpleNamespace(value=1, band="not_met"),
    SimpleNamespace(value=2, band="partially_met"),
    SimpleNamespace(value=3, band="met"),
]


@pytest.mark.parametrize(
    ("value", "band"),
    [(1, "not_met"), (2, "not_met"), (3, "met"), (5, "exceeded"), (6, None), (None, None)],
)
def test_band_for_dicts(value, band):
    assert rules.band_for(LEVELS, value) == band


def test_band_for_objects():
    assert rules.band_for(RAG, 2) == "partially_met"
    assert rules.level_for(RAG, 3) is RAG[2]


@pytest.mark.parametrize(
    ("threshold", "value", "expected"),
    [
        (3, 3, True),
        (3, 2, False),
        (3, 5, True),
        (3, None, None),
        (None, 4, None),
        (SimpleNamespace(meets_duty_from=2), 2, True),
        (SimpleNamespace(meets_duty_from=None), 2, None),
    ],
)
def test_meets_duty(threshold, value, expected):
    assert rules.meets_duty(threshold, value) is expected


def test_band_meets_duty_and_share():
    assert rules.band_meets_duty("exceeded") and not rules.band_meets_duty("partially_met")
    assert rules.band_meets_duty(None) is None
    assert rules.share_meeting_duty(3, [1, 3, 4, None, 2]) == 0.5
    assert rules.share_meeting_duty(3, [None]) is None


@pytest.mark.parametrize(
    ("start", "end", "today", "status"),
    [
        (date(2021, 4, 1), date(2023, 3, 31), date(2024, 1, 1), "Superseded"),
        (date(2021, 4, 1), date(2023, 3, 31), date(2023, 3, 31), "In force"),
        (date(2023, 4, 1), None, date(2023, 3, 1), "Not yet in force"),
        (None, None, date(2023, 3, 1), "In force"),
    ],
)
def test_version_status(start, end, today, status):
    assert rules.version_status(start, end, today) == status


def test_band_order_and_tag_class():
    assert sorted(rules.BAND_ORDER, key=rules.BAND_ORDER.get) == [
        "not_met",
        "partially_met",
        "met",
        "exceeded",
    ]
    assert rules.tag_class("red") == "govuk-tag--red"
    assert rules.tag_class("blue") == rules.tag_class("") == ""


def test_a_level_is_named_by_its_label_alone():
    from assurance.frameworks.rules import level_name

    assert level_name(3, "3") == "3"
    assert level_name(2, "Amber") == "Amber"  # no invented number beside a named level
