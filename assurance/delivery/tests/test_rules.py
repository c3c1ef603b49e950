"""The delivery rules, without the database."""

from datetime import date

import pytest

from assurance.delivery import rules

TODAY = date(2025, 6, 30)


def test_periods_run_april_to_march():
    assert rules.period_for(date(2024, 3, 31)) == "2023/24"
    assert rules.period_for(date(2024, 4, 1)) == "2024/25"
    assert rules.period_bounds("2099/00") == (date(2099, 4, 1), date(2100, 3, 31))
    assert rules.quarter_of(date(2024, 4, 1)) == 1
    assert rules.quarter_of(date(2024, 12, 31)) == 3
    assert rules.quarter_of(date(2025, 2, 1)) == 4
    assert rules.valid_period("2024/25") and not rules.valid_period("2024/26")
    assert not rules.valid_period("24/25")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "cannot be negative"),
        ("2.5", "not a fraction"),
        (2.5, "not a fraction"),
        ("twelve", "whole number"),
        ("", "whole number"),
        (True, "whole number"),
    ],
)
def test_bad_counts_get_a_clear_message(value, message):
    assert message in rules.count_problem(value, "the count")


@pytest.mark.parametrize("value", [0, 3, "12", 7.0, " 4 "])
def test_good_counts(value):
    assert rules.count_problem(value, "the count") is None


def test_a_count_above_its_cohort_is_refused():
    assert "cannot be more than the cohort size" in rules.trained_problem(11, 10)
    assert rules.trained_problem(10, 10) is None


def test_a_meeting_in_the_future_cannot_be_held():
    assert rules.held_meeting_problem("held", date(2025, 7, 1), TODAY)
    assert rules.held_meeting_problem("planned", date(2025, 7, 1), TODAY) is None
    assert rules.held_meeting_problem("held", TODAY, TODAY) is None


def test_record_problems_names_the_field():
    problems = rules.record_problems(
        {
            "start_on": date(2025, 5, 1),
            "due_on": date(2025, 4, 1),
            "trained": 12,
            "cohort_size": 10,
            "status": "held",
            "meeting_on": date(2026, 1, 1),
            "period": "2025",
            "feedback_positive_percent": 120,
        },
        TODAY,
    )
    assert set(problems) == {
        "due_on",
        "trained",
        "meeting_on",
        "period",
        "feedback_positive_percent",
    }
    assert problems["due_on"] == "The due date must be on or after the start date."


def test_a_negative_count_is_reported_before_the_cohort_check():
    problems = rules.record_problems({"trained": -1, "cohort_size": 10}, TODAY)
    assert problems == {"trained": "The number trained cannot be negative."}


def test_review_dates_in_the_future_are_refused():
    assert "as_at" in rules.record_problems({"as_at": date(2025, 7, 1)}, TODAY)


# --- Quality checks: each fires when it should, stays quiet otherwise, and says what to do.


def test_proposed_met_without_records():
    kwargs = {"criterion_id": 1, "title": "1. A", "records": 0, "evidence": 0, "period": "2024/25"}
    finding = rules.proposed_met_without_records(proposed_meets=True, **kwargs)
    assert finding.code == "proposed_met_without_records" and finding.action
    assert rules.proposed_met_without_records(proposed_meets=False, **kwargs) is None
    kwargs["evidence"] = 1
    assert rules.proposed_met_without_records(proposed_meets=True, **kwargs) is None


def test_terms_of_reference_older_than_12_months():
    assert rules.terms_not_reviewed(panel="P", reviewed_on=date(2024, 5, 1), as_at=TODAY)
    assert rules.terms_not_reviewed(panel="P", reviewed_on=None, as_at=TODAY)
    assert rules.terms_not_reviewed(panel="P", reviewed_on=date(2024, 8, 1), as_at=TODAY) is None


def test_plan_not_reviewed_at_the_board_cadence():
    args = {
        "plan": "Plan",
        "board": "Board",
        "cadence_months": 6,
        "since": date(2024, 4, 1),
        "as_at": TODAY,
    }
    assert rules.plan_review_overdue(last_review=date(2024, 11, 1), **args).code == (
        "plan_review_overdue"
    )
    assert rules.plan_review_overdue(last_review=date(2025, 3, 1), **args) is None
    assert rules.plan_review_overdue(last_review=None, **args)
    args["board"] = None
    assert rules.plan_review_overdue(last_review=None, **args).code == "plan_has_no_board"


def test_governance_cadence():
    assert rules.cadence_status(cadence_months=3, last_held=date(2025, 5, 1), as_at=TODAY) == "kept"
    assert rules.cadence_status(cadence_months=3, last_held=date(2025, 1, 1), as_at=TODAY) == (
        "overdue"
    )
    assert rules.body_overdue(body="B", cadence_months=1, last_held=None, as_at=TODAY)


def test_policy_past_its_review_date():
    assert rules.policy_past_review(policy="P", next_review_on=date(2025, 6, 1), as_at=TODAY)
    assert rules.policy_past_review(policy="P", next_review_on=None, as_at=TODAY).code == (
        "policy_without_review_date"
    )
    assert rules.policy_past_review(policy="P", next_review_on=TODAY, as_at=TODAY) is None


def test_mandated_cohort_below_the_framework_threshold():
    args = {"cohort": "All staff", "trained": 80, "cohort_size": 100}
    assert rules.cohort_below_threshold(mandated=True, threshold=90, **args)
    assert rules.cohort_below_threshold(mandated=False, threshold=90, **args) is None
    assert rules.cohort_below_threshold(mandated=True, threshold=None, **args) is None
    assert rules.cohort_below_threshold(mandated=True, threshold=80, **args) is None


def test_action_overdue_without_update():
    args = {"action": "A1", "due_on": date(2025, 5, 1), "as_at": TODAY}
    assert rules.action_overdue_without_update(status="in_progress", last_update=None, **args)
    assert (
        rules.action_overdue_without_update(
            status="in_progress", last_update=date(2025, 5, 2), **args
        )
        is None
    )
    assert rules.action_overdue_without_update(status="completed", last_update=None, **args) is None


def test_every_finding_says_what_to_do():
    findings = [
        rules.terms_not_reviewed(panel="P", reviewed_on=None, as_at=TODAY),
        rules.statement_missing(panel="P", submitted_on=None, as_at=TODAY),
        rules.policy_past_review(policy="P", next_review_on=None, as_at=TODAY),
        rules.body_overdue(body="B", cadence_months=1, last_held=None, as_at=TODAY),
    ]
    assert all(f.action.endswith(".") and f.problem for f in findings)
