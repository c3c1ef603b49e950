"""The lines a letter cites from delivery records: pure wording."""

from datetime import date

from assurance.delivery import letter


def test_wording_of_each_record():
    assert letter.plan_line("Action plan", "2023/24", 12, 2) == (
        "Action plan 2023/24 (12 actions, 2 overdue)"
    )
    assert letter.training_line("frontline staff", 344, 400) == (
        "Training: frontline staff 86% of 400 trained"
    )
    assert letter.channel_line("Referral panel", date(2024, 3, 3), None) == (
        "Referral panel: terms of reference reviewed 3 March 2024"
    )
    assert letter.body_line("Board", 1, "2023/24") == "Board: 1 meeting held in 2023/24"


def test_referral_totals_are_suppressed_for_a_letter():
    hidden = {1: {"education": 3, "police": 0}, 2: {"education": 12, "police": 6}}
    assert letter.referral_line(hidden, "2023/24") == (
        "Referrals recorded for 2023/24: total not shown (small numbers)"
    )
    shown = {1: {"education": 11, "police": 0}, 2: {"education": 12, "police": 6}}
    assert letter.referral_line(shown, "2023/24") == "Referrals recorded for 2023/24: 30 (rounded)"
    assert letter.referral_line({1: {"education": 0}}, "2023/24") is None


def test_a_long_list_is_capped():
    lines = [f"Record {n}" for n in range(12)]
    capped = letter.capped(lines + lines[:2])
    assert len(capped) == letter.MOST_PER_CRITERION and capped[-1] == "and 5 more records"
