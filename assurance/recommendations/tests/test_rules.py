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


# --- Date in force, overdue, extensions, verification ----------------------


def test_the_date_in_force_is_the_revised_milestone_when_granted():
    original, revised = date(2026, 5, 1), date(2026, 9, 1)
    assert rules.date_in_force(original, None) == original
    assert rules.date_in_force(original, revised) == revised
    assert rules.date_in_force(None, None) is None


def test_overdue_is_judged_against_the_date_in_force():
    original, revised = TODAY - timedelta(days=10), TODAY + timedelta(days=30)
    assert rules.is_overdue(rules.date_in_force(original, None), rules.IN_PROGRESS, TODAY)
    assert not rules.is_overdue(rules.date_in_force(original, revised), rules.IN_PROGRESS, TODAY)
    assert rules.reminder_stage(original, rules.IN_PROGRESS, TODAY) == rules.OVERDUE
    assert rules.reminder_stage(revised, rules.IN_PROGRESS, TODAY) is None
    assert rules.reminder_stage(TODAY + timedelta(days=14), rules.IN_PROGRESS, TODAY) == (
        rules.DUE_SOON
    )
    assert rules.reminder_stage(original, rules.COMPLETED, TODAY) is None
    assert not rules.is_overdue(original, rules.IN_PROGRESS, TODAY, rules.REJECTED)


def test_escalation_only_when_overdue_without_an_extension():
    assert rules.escalates(True, False)
    assert not rules.escalates(True, True)
    assert not rules.escalates(False, False)


def test_an_extension_must_move_the_date_later_with_a_reason():
    due = date(2026, 6, 30)
    ok = {"due": due, "status": rules.IN_PROGRESS, "response": rules.ACCEPTED}
    assert rules.extension_errors(requested=date(2026, 9, 30), reason="Budget", **ok) == []
    assert rules.extension_errors(requested=due, reason="Budget", **ok) == [
        "The new target date must be after the date in force."
    ]
    assert rules.extension_errors(requested=date(2026, 9, 30), reason=" ", **ok) == [
        "Say why more time is needed."
    ]
    done = ok | {"status": rules.COMPLETED}
    assert rules.extension_errors(requested=date(2026, 9, 30), reason="x", **done)
    assert rules.extension_errors(
        requested=date(2026, 9, 30), reason="x", due=None, status="in_progress", response="accepted"
    ) == ["Set a milestone before asking for an extension."]


def test_who_may_verify_depends_on_the_kind_of_source():
    assessor = {"verify_assessment_recommendations"}
    council_lead = {"verify_own_recommendations"}

    def may(kind, held, named=False):
        return rules.may_answer(kind, holds_action=held.__contains__, is_named_verifier=named)

    assert may("assessment", assessor)
    assert not may("assessment", council_lead)  # a council never verifies its own letter
    assert may("scrutiny_review", council_lead)
    assert not may("scrutiny_review", assessor)
    assert not may("peer_review", council_lead)  # the review manager, once named
    assert may("peer_review", set(), named=True)
    assert may("internal_audit", set(), named=True)


def test_only_accepted_unaddressed_items_can_be_addressed():
    assert rules.may_address(rules.ACCEPTED, rules.NOT_ADDRESSED) is None
    assert rules.may_address(rules.PARTIALLY_ACCEPTED, rules.SENT_BACK) is None
    assert rules.may_address(rules.REJECTED, rules.NOT_ADDRESSED)
    assert rules.may_address(rules.PENDING, rules.NOT_ADDRESSED)
    assert rules.may_address(rules.ACCEPTED, rules.ADDRESSED)
    assert rules.may_address(rules.ACCEPTED, rules.VERIFIED)


def test_addressed_counts_verified_ones_and_leaves_out_rejected_and_superseded():
    items = [
        (rules.ACCEPTED, rules.COMPLETED, rules.VERIFIED),
        (rules.ACCEPTED, rules.COMPLETED, rules.ADDRESSED),
        (rules.PARTIALLY_ACCEPTED, rules.IN_PROGRESS, rules.SENT_BACK),
        (rules.REJECTED, rules.NOT_STARTED, rules.NOT_ADDRESSED),
        (rules.ACCEPTED, rules.SUPERSEDED, rules.NOT_ADDRESSED),
    ]
    shares = rules.closure_shares(items)
    assert shares == {
        "total": 3,
        "addressed": 2,
        "verified": 1,
        "addressed_percent": 66,
        "verified_percent": 33,
    }
    assert rules.closure_shares([])["addressed_percent"] == 0


def test_an_item_awaiting_verification_blocks_closure():
    @dataclass
    class Addressed(Rec):
        verification: str = rules.ADDRESSED

    blockers = rules.closure_blockers([Addressed(1, status=rules.COMPLETED)])
    assert blockers == ["Recommendation 1 is addressed and awaiting verification"]


def test_numbers_sort_naturally_and_are_cleaned():
    numbers = ["10", "2b", "1.1", "2", "1", "2a", "1.10", "1.2"]
    assert sorted(numbers, key=rules.number_key) == [
        "1",
        "1.1",
        "1.2",
        "1.10",
        "2",
        "2a",
        "2b",
        "10",
    ]
    assert rules.clean_number(3) == "3" and rules.clean_number(3.0) == "3"
    assert rules.clean_number(" 2a. ") == "2a" and rules.clean_number("1.1") == "1.1"
    for bad in (0, "0", "", "a", "1..2", "two words", True, None, "x" * 21):
        assert rules.clean_number(bad) is None, bad


def test_only_a_verified_item_can_be_reopened():
    # Pins the reopen rule both ways: flipping its condition fails one of these.
    assert rules.may_reopen(rules.VERIFIED) is None
    for verification in (rules.NOT_ADDRESSED, rules.ADDRESSED, rules.SENT_BACK):
        assert rules.may_reopen(verification) == (
            "Only a verified recommendation can be reopened."
        ), verification


def test_grouped_by_theme_keeps_first_appearance_and_item_order():
    items = [("1", "Governance"), ("1.1", "Training"), ("2", ""), ("2a", "Governance")]
    assert rules.grouped_by_theme(items, lambda item: item[1]) == [
        ("Governance", [("1", "Governance"), ("2a", "Governance")]),
        ("Training", [("1.1", "Training")]),
        ("", [("2", "")]),
    ]
