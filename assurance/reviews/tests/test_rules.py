"""The review's rules, without the database."""

from assurance.reviews import rules
from assurance.reviews.rules import StageKind, StageState, StageStatus

DONE, OPEN = StageStatus.COMPLETED, StageStatus.NOT_STARTED


def _stages(*statuses, checks=(0, 0)):
    return [
        StageState(kind, status, *checks)
        for kind, status in zip(rules.STAGE_ORDER, statuses, strict=False)
    ]


def test_six_stages_in_order_each_with_a_checklist():
    assert len(rules.STAGE_ORDER) == 6
    assert rules.STAGE_ORDER[0] == StageKind.SELF_ASSESSMENT
    assert rules.STAGE_ORDER[-1] == StageKind.FOLLOW_UP
    assert all(rules.STAGE_CHECKLISTS[kind] for kind in rules.STAGE_ORDER)


def test_a_stage_cannot_finish_before_the_one_it_depends_on():
    stages = _stages(OPEN, OPEN, OPEN, OPEN, OPEN, OPEN)
    problems = rules.stage_completion_problems(StageKind.EVIDENCE_REVIEW, stages)
    assert problems == ["Finish “Self-assessment” before you mark “Evidence review” as completed."]


def test_the_first_stage_depends_on_nothing():
    assert rules.stage_completion_problems(StageKind.SELF_ASSESSMENT, _stages(OPEN)) == []


def test_a_stage_needs_its_whole_checklist():
    stages = [StageState(StageKind.SELF_ASSESSMENT, OPEN, 1, 2)]
    assert rules.stage_completion_problems(StageKind.SELF_ASSESSMENT, stages) == [
        "Tick every item of the checklist first: 1 item is not done."
    ]


def test_current_stage_is_the_first_unfinished():
    assert rules.current_stage(_stages(DONE, DONE, OPEN, OPEN, OPEN, OPEN)) == StageKind.ON_SITE
    assert rules.current_stage(_stages(*(DONE,) * 6)) is None


def test_dates_in_order():
    from datetime import date

    assert rules.date_order_problems(date(2026, 3, 2), date(2026, 3, 1), None, None) == {
        "planned_to": "The planned end must be on or after the planned start."
    }
    assert "actual_from" in rules.date_order_problems(None, None, None, date(2026, 3, 1))


def test_evidence_needs_a_declaration_of_no_conflict_on_the_team():
    see = rules.may_see_host_evidence
    assert not see(on_team=True, declared=False, has_conflict=False)
    assert not see(on_team=True, declared=True, has_conflict=True)
    assert see(on_team=True, declared=True, has_conflict=False)
    assert see(on_team=False, declared=False, has_conflict=False)
    assert rules.evidence_refusal(declared=False, has_conflict=False) == rules.EVIDENCE_LOCKED
    assert rules.evidence_refusal(declared=True, has_conflict=True) == rules.EVIDENCE_CONFLICT


def test_a_finding_needs_a_delivery_area_where_the_framework_has_them():
    problems = rules.finding_problems(
        kind="improvement", text="Do more.", has_groups=True, group_id=None, criterion_ids=[1]
    )
    assert problems == {"group": "Choose the delivery area the finding belongs to."}


def test_without_delivery_areas_a_finding_needs_a_criterion():
    problems = rules.finding_problems(
        kind="good_practice", text="Good.", has_groups=False, group_id=None, criterion_ids=[]
    )
    assert set(problems) == {"criteria"}


def test_a_finding_needs_kind_and_text():
    problems = rules.finding_problems(
        kind="", text=" ", has_groups=True, group_id=1, criterion_ids=[]
    )
    assert set(problems) == {"kind", "text"}


def test_issue_once_with_findings_and_a_summary():
    assert rules.issue_problems(status="in_progress", findings=1, executive_summary="x") == []
    assert len(rules.issue_problems(status="in_progress", findings=0, executive_summary="")) == 2
    assert (
        "already been issued"
        in rules.issue_problems(status="report_issued", findings=1, executive_summary="x")[0]
    )
