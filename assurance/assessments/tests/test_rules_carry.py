"""The next cycle's rules: which earlier record carries forward, how its
criteria map onto this period's, what is stale, what status carried text
gets. Pure functions, no database."""

from datetime import date

import pytest

from assurance.assessments import rules
from assurance.assessments.rules import Change, EarlierRecord, TaskStatus


def test_an_assessment_carries_from_the_latest_earlier_issued_one_only():
    earlier = [
        EarlierRecord(1, "2022/23", 10),
        EarlierRecord(2, "2023/24", 10),
        EarlierRecord(3, "2024/25", 10, council_owned=True),  # the council's own
        EarlierRecord(4, "2025/26", 10),  # the same period: not earlier
    ]
    assert rules.carry_source("2025/26", earlier, council_owned=False).pk == 2
    assert rules.carry_source("2022/23", earlier, council_owned=False) is None


def test_a_council_self_assessment_carries_from_its_own_or_an_issued_one_whichever_is_later():
    earlier = [
        EarlierRecord(1, "2023/24", 10, council_owned=True),
        EarlierRecord(2, "2024/25", 10),
        EarlierRecord(3, "2024/25", 10, council_owned=True),
    ]
    # Same period: its own is preferred.
    assert rules.carry_source("2025/26", earlier, council_owned=True).pk == 3
    assert rules.carry_source("2025/26", earlier[:2], council_owned=True).pk == 2
    assert rules.carry_source("2024/25", earlier, council_owned=True).pk == 1


def test_the_same_version_carries_each_criterion_to_itself():
    plan = rules.carry_plan((), same_version=True, current_ids=[5, 6], previous_ids=[])
    assert plan.sources(5) == (5,) and plan.change(6) == Change.SAME
    assert plan.removed == ()


def test_through_a_crosswalk_criteria_are_equivalent_merged_split_new_or_removed():
    # Last period 1..5, this period 11..15.
    mappings = [
        (1, 11, "equivalent"),
        (2, 12, "merged"),
        (3, 12, "merged"),
        (4, 13, "split"),
        (4, 14, "split"),
    ]
    plan = rules.carry_plan(
        mappings,
        same_version=False,
        current_ids=[11, 12, 13, 14, 15],
        previous_ids=[1, 2, 3, 4, 5],
    )
    assert (plan.sources(11), plan.change(11)) == ((1,), Change.EQUIVALENT)
    assert (plan.sources(12), plan.change(12)) == ((2, 3), Change.MERGED)
    assert (plan.sources(13), plan.change(13)) == ((4,), Change.SPLIT)
    assert plan.sources(14) == (4,)
    assert (plan.sources(15), plan.change(15)) == ((), Change.NEW)
    assert plan.removed == (5,)


def test_a_crosswalk_running_the_other_way_gives_the_same_plan():
    backward = [(11, 1, "equivalent"), (12, 2, "merged"), (12, 3, "merged"), (15, 9, "partial")]
    plan = rules.carry_plan(
        backward,
        same_version=False,
        current_ids=[11, 12, 15],
        previous_ids=[1, 2, 3, 4, 9],
        previous_is_source=False,
    )
    assert plan.sources(12) == (2, 3) and plan.change(12) == Change.MERGED
    assert plan.change(15) == Change.PARTIAL
    assert plan.removed == (4,)


def test_merged_narratives_keep_a_heading_per_earlier_criterion_and_drop_blank_ones():
    text = rules.carried_narrative(
        [(2, "Our board meets."), (3, "  "), (4, "We train.")], label_sources=True
    )
    assert text == (
        "From last period's criterion 2:\nOur board meets.\n\n"
        "From last period's criterion 4:\nWe train."
    )
    assert rules.carried_narrative([(1, " As before. ")], label_sources=False) == "As before."


def test_carried_text_is_never_a_completed_task():
    assert rules.carried_status("Some text") == TaskStatus.IN_PROGRESS
    assert rules.carried_status("  ") == TaskStatus.NOT_STARTED


@pytest.mark.parametrize(
    ("evidence_date", "stale"),
    [
        (date(2025, 3, 31), True),  # the last day of the previous year
        (date(2025, 4, 1), False),  # the first day of this one
        (date(2026, 1, 5), False),
        (None, False),
    ],
)
def test_evidence_dated_before_the_period_began_is_stale(evidence_date, stale):
    assert rules.period_start("2025/26") == date(2025, 4, 1)
    assert rules.is_stale(evidence_date, "2025/26") is stale
