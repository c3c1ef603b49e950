"""selectors.previous_scores: the previous issued assessment, its results
mapped through the crosswalk and compared by band. Used by the scoring and
moderation pages and by the letter alike."""

import pytest

from assurance.assessments import selectors
from assurance.assessments.rules import Movement

from .factories import NAMED, crosswalk, issue, open_assessment, scored_version, to_moderated

pytestmark = pytest.mark.django_db


def _issued(version, council, lead, assessor, moderator, period, levels):
    assessment = open_assessment(
        assessor=assessor, version=version, organisation=council, period=period
    )
    to_moderated(assessment, lead, assessor, moderator, levels=levels)
    issue(assessment, assessor)
    return assessment


def _named():
    return scored_version(
        criteria=2, levels=(1, 2, 3), bands=("not_met", "met", "exceeded"), labels=NAMED
    )


def test_across_frameworks_bands_are_compared_through_the_crosswalk(
    council, lead, assessor, second_assessor
):
    old, new = scored_version(criteria=3), _named()
    crosswalk(old, new, {1: 2, 3: 1})
    _issued(old, council, lead, assessor, second_assessor, "2021/22", [2, 4, 5])
    later = open_assessment(assessor=assessor, version=new, organisation=council, period="2023/24")
    to_moderated(later, lead, assessor, second_assessor, levels=[2, 2])  # Met, Met
    previous = selectors.previous_scores(later)
    first, second = later.responses.order_by("criterion__number")
    assert previous.period == "2021/22" and previous.crosswalked and previous.comparable
    assert [str(p) for p in previous.of(first.criterion_id)] == ["5 (was criterion 3)"]
    assert [str(p) for p in previous.of(second.criterion_id)] == ["2 (was criterion 1)"]
    # 5 (exceeded) → Met is a fall in band; 2 (not met) → Met a rise: never "5 to 2".
    assert previous.movement(first.criterion_id, first.final_level) == Movement.DOWN
    assert previous.movement(second.criterion_id, second.final_level) == Movement.UP


def test_without_a_crosswalk_another_framework_is_not_compared(
    council, lead, assessor, second_assessor
):
    _issued(scored_version(criteria=2), council, lead, assessor, second_assessor, "2021/22", None)
    later = open_assessment(
        assessor=assessor, version=_named(), organisation=council, period="2023/24"
    )
    previous = selectors.previous_scores(later)
    assert previous.period == "2021/22" and not previous.comparable
    assert previous.by_criterion == {}


def test_same_framework_compares_one_for_one_and_skips_unissued_and_other_councils(
    council, other_council, lead, other_lead, assessor, other_assessor, second_assessor
):
    version = scored_version(criteria=2)
    _issued(version, council, lead, assessor, second_assessor, "2020/21", [1, 1])
    _issued(version, council, lead, assessor, second_assessor, "2021/22", [3, 4])
    unissued = open_assessment(
        assessor=assessor, version=version, organisation=council, period="2022/23"
    )
    to_moderated(unissued, lead, assessor, second_assessor, levels=[5, 5])
    later = open_assessment(
        assessor=assessor, version=version, organisation=council, period="2023/24"
    )
    previous = selectors.previous_scores(later)
    first = later.responses.order_by("criterion__number").first()
    assert previous.period == "2021/22" and not previous.crosswalked
    assert [str(p) for p in previous.of(first.criterion_id)] == ["3"]


def test_the_same_rule_feeds_the_letter_and_the_moderation_page(
    council, lead, assessor, second_assessor
):
    old, new = scored_version(criteria=3), _named()
    crosswalk(old, new, {1: 2, 3: 1})
    _issued(old, council, lead, assessor, second_assessor, "2021/22", [2, 4, 5])
    later = open_assessment(assessor=assessor, version=new, organisation=council, period="2023/24")
    to_moderated(later, lead, assessor, second_assessor, levels=[2, 2])
    facts = selectors.letter_facts(later)
    rows = selectors.moderation_rows(later, selectors.scale(later))
    assert [r.movement for r in facts.responses] == [r.movement for r in rows] == ["down", "up"]
