"""The one definition of "the previous issued assessment" and how results are
compared with it. Each test pins one part of the meaning, so that flipping a
condition or dropping the crosswalk fails here."""

from assurance.assessments import rules
from assurance.assessments.rules import IssuedRecord, Movement

SAME, OTHER = 7, 9


def test_the_previous_is_the_latest_strictly_earlier_period():
    issued = [
        IssuedRecord(1, "2019/20", SAME),
        IssuedRecord(2, "2021/22", SAME),
        IssuedRecord(3, "2020/21", SAME),
    ]
    assert rules.previous_issued("2022/23", issued).pk == 2


def test_the_same_or_a_later_period_is_never_the_previous():
    issued = [IssuedRecord(1, "2022/23", SAME), IssuedRecord(2, "2023/24", SAME)]
    assert rules.previous_issued("2022/23", issued) is None
    assert rules.previous_issued("2022/23", [*issued, IssuedRecord(3, "2021/22", SAME)]).pk == 3


def test_another_framework_version_counts_as_the_previous():
    issued = [IssuedRecord(1, "2020/21", SAME), IssuedRecord(2, "2021/22", OTHER)]
    assert rules.previous_issued("2023/24", issued).pk == 2


def test_no_issued_assessment_means_no_previous():
    assert rules.previous_issued("2023/24", []) is None


def test_same_version_criteria_continue_themselves_and_ignore_any_pairs():
    sources = rules.criterion_sources([(1, 2)], same_version=True, current_ids=[10, 11])
    assert sources == {10: (10,), 11: (11,)}


def test_another_version_is_compared_only_through_the_crosswalk():
    pairs = [(1, 20), (3, 10), (4, 10)]  # previous criterion → current criterion
    sources = rules.criterion_sources(pairs, same_version=False, current_ids=[10, 20, 30])
    assert sources == {20: (1,), 10: (3, 4)}
    assert 30 not in sources
    assert rules.criterion_sources([], same_version=False, current_ids=[10]) == {}


def test_a_crosswalk_written_the_other_way_is_read_backwards():
    pairs = [(20, 1), (10, 3)]  # current criterion → previous criterion
    sources = rules.criterion_sources(
        pairs, same_version=False, current_ids=[10, 20], previous_is_source=False
    )
    assert sources == {20: (1,), 10: (3,)}


def test_a_move_from_5_to_met_is_not_a_fall_in_band_terms():
    # 5 on a 1–5 scale is "exceeded"; the toolkit's "Met" is value 2. Compared
    # by raw numbers this would be a fall from 5 to 2; by band it is exceeded → met.
    assert rules.band_movement(["exceeded"], "exceeded") == Movement.SAME
    assert rules.band_movement(["met"], "met") == Movement.SAME  # 3 then "Met" (value 2)
    assert rules.band_movement(["not_met"], "met") == Movement.UP  # 2 then "Met" (value 2)
    assert rules.band_movement(["exceeded"], "met") == Movement.DOWN


def test_band_order_runs_from_not_met_to_exceeded():
    assert rules.band_movement(["not_met"], "partially_met") == Movement.UP
    assert rules.band_movement(["partially_met"], "not_met") == Movement.DOWN
    assert rules.band_movement(["met"], "exceeded") == Movement.UP


def test_a_merged_criterion_is_compared_with_the_weakest_it_continues():
    assert rules.band_movement(["exceeded", "not_met"], "met") == Movement.UP
    assert rules.band_movement(["exceeded", "met"], "met") == Movement.SAME


def test_nothing_to_compare_gives_no_movement():
    assert rules.band_movement([], "met") == Movement.UNKNOWN
    assert rules.band_movement(["met"], None) == Movement.UNKNOWN
    assert rules.band_movement([None], "met") == Movement.UNKNOWN


def test_within_a_period_the_same_version_comes_first():
    issued = [IssuedRecord(1, "2021/22", SAME), IssuedRecord(2, "2021/22", OTHER)]
    assert rules.previous_issued("2023/24", issued, framework_version_id=SAME).pk == 1
    assert rules.previous_issued("2023/24", issued, framework_version_id=OTHER).pk == 2


def test_crosswalk_sources_use_either_direction_and_nothing_without_one():
    walks = {(10, 20): [(1, 5), (2, 5)], (30, 10): [(7, 1)]}

    def pairs(source, target):
        return walks.get((source, target), [])

    assert rules.crosswalk_sources(10, 10, [1, 2], pairs) == ({1: (1,), 2: (2,)}, True)
    assert rules.crosswalk_sources(10, 20, [5, 6], pairs) == ({5: (1, 2)}, True)
    assert rules.crosswalk_sources(30, 10, [1], pairs) == ({1: (7,)}, True)
    assert rules.crosswalk_sources(10, 30, [7], pairs) == ({7: (1,)}, True)
    assert rules.crosswalk_sources(20, 30, [7], pairs) == ({}, False)
