"""Letter rules: its date, what it lacks, and its wording with and without
recommendations and moderation peers; scale labels."""

from datetime import date

from assurance.assessments import rules
from assurance.frameworks import rules as scale_rules

TODAY, MODERATED = date(2024, 6, 10), date(2024, 6, 1)
FULL = {
    "addressee_name": "Priya Lakeman",
    "addressee_job_title": "Director",
    "addressee_address": "County Hall",
    "salutation": "Dear Ms Lakeman",
    "signatory_name": "Tom Ferris",
    "signatory_job_title": "Adviser",
    "signatory_contact": "tom@example.gov.uk",
}


def test_letter_date_today_or_earlier_but_not_before_moderation():
    check = rules.letter_date_problem
    assert check(TODAY, today=TODAY, moderated_on=MODERATED) == ""
    assert check(MODERATED, today=TODAY, moderated_on=MODERATED) == ""
    assert "future" in check(date(2024, 6, 11), today=TODAY, moderated_on=MODERATED)
    assert "1 June 2024" in check(date(2024, 5, 31), today=TODAY, moderated_on=MODERATED)
    assert "Enter the date" in check(None, today=TODAY, moderated_on=MODERATED)


def test_nothing_missing_when_everything_is_given():
    assert rules.letter_missing(FULL, body_name="Body", body_address="1 Street") == {}


def test_each_missing_detail_is_named_and_none_is_made_up():
    missing = rules.letter_missing(
        {**FULL, "salutation": " ", "signatory_contact": ""}, body_name="Body", body_address="x"
    )
    assert set(missing) == {"salutation", "signatory_contact"}
    assert "salutation" in missing["salutation"]


def test_an_assessing_body_without_an_address_is_reported():
    missing = rules.letter_missing(FULL, body_name="Body", body_address="")
    assert "Body has no postal address" in missing["assessing_body"]
    assert (
        "no assessing body"
        in rules.letter_missing(FULL, body_name="", body_address="")["assessing_body"]
    )


def test_closing_mentions_recommendations_only_when_there_are_some():
    assert "recommendations above" in rules.closing_sentence(has_recommendations=True)
    assert "recommendation" not in rules.closing_sentence(has_recommendations=False)


def test_moderated_against_other_authorities_only_where_they_were_scored():
    assert "against those of other authorities" in rules.moderation_sentence([1, 2], {1, 2, 3})
    none = rules.moderation_sentence([1, 2], set())
    assert "other authorities" not in none.replace("No other authority", "")
    assert "No other authority" in none
    some = rules.moderation_sentence([1, 2, 3], {2})
    assert "for criteria 2 against" in some
    assert rules.moderation_sentence([], {1}) == ""


def test_file_stem_carries_council_and_period():
    stem = rules.file_stem("assessment letter", "London Borough of Eastwick", "2021/22", 2)
    assert stem == "assessment-letter-london-borough-of-eastwick-2021-22-v2"


def test_named_levels_say_their_names_and_numeric_levels_no_dash():
    assert scale_rules.level_name(2, "Met") == "Met"
    assert scale_rules.level_name(1, "1") == "1"
    assert scale_rules.level_with_band("4", "Exceeded") == "4 (exceeded)"
    assert scale_rules.level_with_band("Exceeding", "Exceeded") == "Exceeding"
    assert scale_rules.level_with_band("Amber", "Partially met") == "Amber (partially met)"


def test_band_column_only_where_level_names_do_not_say_the_band():
    toolkit = [
        {"label": "Not met", "band": "not_met"},
        {"label": "Met", "band": "met"},
        {"label": "Exceeding", "band": "exceeded"},
    ]
    rag = [{"label": "Red", "band": "not_met"}, {"label": "Green", "band": "met"}]
    numeric = [{"label": "3", "band": "met"}]
    assert not scale_rules.band_column_needed(toolkit)
    assert scale_rules.band_column_needed(rag) and scale_rules.band_column_needed(numeric)


def test_named_scale_sentence_has_no_numbers():
    levels = [rules.Level(1, "Red", "not_met"), rules.Level(2, "Amber", "partially_met")]
    levels.append(rules.Level(3, "Green", "met"))
    sentence = rules.scale_sentence(levels)
    assert sentence.startswith("Each criterion is rated Red, Amber or Green.")
    assert not any(ch.isdigit() for ch in sentence)
    numeric = [rules.Level(v, str(v), "met" if v == 3 else "not_met") for v in (1, 2, 3)]
    assert "scored from 1 to 3" in rules.scale_sentence(numeric)


def test_rating_counts_name_each_rating_highest_first():
    levels = [rules.Level(1, "Red", "not_met"), rules.Level(2, "Amber", "partially_met")]
    levels.append(rules.Level(3, "Green", "met"))
    assert rules.rating_counts(levels, [3] * 7 + [2] * 3 + [None]) == "7 Green, 3 Amber"
