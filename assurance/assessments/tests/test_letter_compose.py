"""The letter's wording, composed from plain facts without the database."""

from dataclasses import replace
from datetime import date

from assurance.assessments.letter.context import MISSING, compose
from assurance.assessments.letter.facts import (
    DetailsFact,
    LetterFacts,
    LevelFact,
    RecommendationFact,
    ResponseFact,
)

MET = LevelFact(2, "Met", "met", "Met")
DETAILS = DetailsFact(
    letter_date=date(2024, 5, 20),
    addressee_name="Priya Lakeman",
    addressee_job_title="Director of Communities",
    addressee_address="County Hall\nOurtown OU1 1AA",
    salutation="Dear Ms Lakeman",
    signatory_name="Tom Ferris",
    signatory_job_title="Regional Prevent Adviser",
    signatory_contact="tom.ferris@example.gov.uk",
    cc="Chief Executive",
)
FACTS = LetterFacts(
    pk=1,
    period="2023/24",
    marking="OFFICIAL",
    holder_name="Ourshire Council",
    member_names=(),
    holder_address="County Hall",
    assessing_body="Prevent Local Delivery",
    assessing_body_address="2 Marsham Street\nLondon",
    framework_title="Toolkit benchmarks",
    levels=(LevelFact(1, "Not met", "not_met", "Not met"), MET),
    caveats=("Benchmarks are not equally weighted.",),
    summary="A summary.",
    responses=(ResponseFact(1, "Partnership", "A group oversees delivery.", False, MET, "", ""),),
    recommendations=(RecommendationFact(1, 1, "Partnership", "Record decisions."),),
    annex=(),
    peer_criteria=frozenset({1}),
    details=DETAILS,
)


def test_a_letter_is_addressed_dated_and_signed_from_the_details():
    letter = compose(FACTS)
    assert letter.issued_on == date(2024, 5, 20)
    assert letter.addressee_lines[:3] == (
        "Priya Lakeman",
        "Director of Communities",
        "Ourshire Council",
    )
    assert letter.salutation == "Dear Ms Lakeman," and letter.cc_lines == ("Chief Executive",)
    assert letter.assessing_body_lines == ("Prevent Local Delivery", "2 Marsham Street", "London")
    assert letter.signatory == "Tom Ferris" and letter.missing == ()
    assert letter.caveats == ("Benchmarks are not equally weighted.",)
    assert letter.feedback[0].statement == "A group oversees delivery."
    assert letter.file_stem == "assessment-letter-ourshire-council-2023-24"


def test_nothing_is_invented_when_details_are_missing():
    letter = compose(replace(FACTS, details=DetailsFact()))
    assert letter.issued_on is None and letter.signatory == MISSING
    assert MISSING in letter.addressee_lines[0] and len(letter.missing) >= 7


def test_wording_with_and_without_recommendations():
    assert "recommendations above" in compose(FACTS).closing
    without = compose(replace(FACTS, recommendations=()))
    assert "recommendation" not in without.closing and without.recommendations == ()


def test_wording_with_and_without_moderation_peers():
    assert "against those of other authorities" in compose(FACTS).opening
    alone = compose(replace(FACTS, peer_criteria=frozenset())).opening
    assert "against those of other authorities" not in alone
    assert "No other authority had been scored" in alone


def test_a_named_scale_has_no_band_column_and_no_numbers():
    letter = compose(FACTS)
    assert not letter.show_band and letter.scores[0].level_label == "Met"
    assert letter.feedback[0].level_text == "Met"


def test_delivery_records_are_cited_under_their_criterion_and_nothing_when_none():
    cited = ResponseFact(
        1,
        "Partnership",
        "",
        False,
        MET,
        "",
        "",
        records=("Action plan 2023/24 (12 actions, 2 overdue)",),
    )
    bare = ResponseFact(2, "Leadership", "", False, MET, "", "")
    letter = compose(replace(FACTS, responses=(cited, bare)))
    assert letter.feedback[0].records == ("Action plan 2023/24 (12 actions, 2 overdue)",)
    assert letter.feedback[1].records == ()
    assert letter.records_heading == "Records the council keeps"
    partnership = compose(replace(FACTS, member_names=("Ashdown", "Eastwick")))
    assert partnership.records_heading == "Records the councils keep"
