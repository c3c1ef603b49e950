"""The register's rules, without the database."""

from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from assurance.recommendations import rules

RESPONSES = [rules.PENDING, rules.ACCEPTED, rules.PARTIALLY_ACCEPTED, rules.REJECTED]
STATUSES = [rules.NOT_STARTED, rules.IN_PROGRESS, rules.COMPLETED, rules.SUPERSEDED]
TODAY = date(2026, 6, 1)


@dataclass
class Rec:
    number: int
    response: str = rules.ACCEPTED
    reason: str = ""
    status: str = rules.NOT_STARTED


def test_reason_is_required_only_when_not_fully_accepted():
    assert rules.reason_required(rules.PARTIALLY_ACCEPTED)
    assert rules.reason_required(rules.REJECTED)
    assert not rules.reason_required(rules.ACCEPTED)
    assert not rules.reason_required(rules.PENDING)


def test_blank_reason_is_no_reason():
    assert not rules.has_reason("   \n")
    assert not rules.has_reason(None)
    assert rules.has_reason("Already in place")


def test_overdue_only_when_past_milestone_and_not_done():
    yesterday = TODAY - timedelta(days=1)
    assert rules.is_overdue(yesterday, rules.IN_PROGRESS, TODAY)
    assert not rules.is_overdue(TODAY, rules.IN_PROGRESS, TODAY)  # due today is not late yet
    assert not rules.is_overdue(yesterday, rules.COMPLETED, TODAY)
    assert not rules.is_overdue(yesterday, rules.SUPERSEDED, TODAY)
    assert not rules.is_overdue(None, rules.NOT_STARTED, TODAY)
    assert not rules.is_overdue(yesterday, rules.NOT_STARTED, TODAY, rules.REJECTED)


def test_reminder_stages():
    assert rules.reminder_stage(TODAY - timedelta(days=1), rules.IN_PROGRESS, TODAY) == "overdue"
    assert rules.reminder_stage(TODAY, rules.IN_PROGRESS, TODAY) == "due_soon"
    assert rules.reminder_stage(TODAY + timedelta(days=14), rules.NOT_STARTED, TODAY) == "due_soon"
    assert rules.reminder_stage(TODAY + timedelta(days=15), rules.NOT_STARTED, TODAY) is None
    assert rules.reminder_stage(TODAY - timedelta(days=3), rules.COMPLETED, TODAY) is None
    assert rules.reminder_stage(None, rules.NOT_STARTED, TODAY) is None


@given(
    offset=st.integers(min_value=-400, max_value=400),
    status=st.sampled_from(STATUSES),
    response=st.sampled_from(RESPONSES),
)
def test_overdue_and_reminder_stage_agree(offset, status, response):
    milestone = TODAY + timedelta(days=offset)
    overdue = rules.is_overdue(milestone, status, TODAY, response)
    stage = rules.reminder_stage(milestone, status, TODAY, response)
    assert overdue == (stage == rules.OVERDUE)
    if stage == rules.DUE_SOON:
        assert 0 <= offset <= 14


def test_closure_blockers_say_what_is_outstanding_in_plain_words():
    blockers = rules.closure_blockers(
        [
            Rec(4, status=rules.IN_PROGRESS),
            Rec(1, status=rules.COMPLETED),
            Rec(2, response=rules.REJECTED, reason="Already in place"),
            Rec(3, response=rules.REJECTED, reason=" "),
            Rec(5, response=rules.PENDING),
            Rec(6, status=rules.SUPERSEDED),
            Rec(7, response=rules.PARTIALLY_ACCEPTED, reason="Budget", status=rules.NOT_STARTED),
        ]
    )
    assert blockers == [
        "Recommendation 3 is rejected but no reason has been given",
        "Recommendation 4 is in progress",
        "Recommendation 5 has no response yet and has not been started",
        "Recommendation 7 has not been started",
    ]


def test_a_source_with_no_recommendations_cannot_be_closed():
    assert rules.closure_blockers([]) == ["There are no recommendations to close"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(RESPONSES), st.sampled_from(["", "A reason"]), st.sampled_from(STATUSES)
        ),
        min_size=1,
        max_size=20,
    )
)
def test_closable_exactly_when_every_recommendation_is_settled(items):
    recs = [Rec(n, r, reason, s) for n, (r, reason, s) in enumerate(items, start=1)]
    blockers = rules.closure_blockers(recs)
    settled = [rules.is_settled(r.status, r.response, r.reason) for r in recs]
    assert (blockers == []) == all(settled)
    assert len(blockers) == settled.count(False)
