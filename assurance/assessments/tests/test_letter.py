"""The letter says the same thing in HTML, PDF and DOCX."""

import io
import re

import pytest
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from assurance.assessments.letter import build_letter_context, render_docx, render_html, render_pdf

from .factories import crosswalk, issue, open_assessment, scored_version, to_moderated

PROFILE = [4, 5, 5, 4, 5, 4, 3, 3, 2, 2]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


@pytest.fixture
def issued(council, lead, assessor, second_assessor):
    version = scored_version(criteria=10)
    assessment = open_assessment(assessor=assessor, version=version, organisation=council)
    to_moderated(assessment, lead, assessor, second_assessor, levels=PROFILE)
    issue(assessment, assessor)
    return assessment


def test_context_holds_scores_bands_feedback_and_annex(issued):
    letter = build_letter_context(issued, issued_on=timezone.localdate())
    assert [row.level for row in letter.scores] == PROFILE
    assert [row.band_label for row in letter.scores][:3] == ["Exceeded", "Exceeded", "Exceeded"]
    assert letter.scores[8].band_label == "Not met" and letter.scores[6].band_label == "Met"
    assert letter.addressee == "Ourshire Council"
    assert len(letter.annex) == 10 and len(letter.annex[0].descriptors) == 5
    assert letter.feedback[0].good_practice == "Good practice on criterion 1."
    assert "1 or 2 means the duty is not met" in letter.scale_sentence


def test_pdf_and_docx_carry_the_score_table_marking_and_page_numbers(issued):
    letter_record = issued.letters.get()
    pdf = pdf_text(letter_record.pdf.open("rb").read())
    docx_bytes = letter_record.docx.open("rb").read()
    docx = docx_text(docx_bytes)
    for number, value in enumerate(PROFILE, start=1):
        assert re.search(rf"{number}\s+Criterion title {number}\s+{value}\s+", pdf), number
        assert f"{number} | Criterion title {number} | {value} | " in docx
    assert "OFFICIAL" in pdf and re.search(r"Page 1 of \d+", pdf)
    header = Document(io.BytesIO(docx_bytes)).sections[0].header.paragraphs[0].text
    assert header == "OFFICIAL"
    for text in (
        "Good practice on criterion 10.",
        "To develop on criterion 10.",
        "Annex",
        "C10 at level 5.",
    ):
        assert text in pdf.replace("\n", " ") and text in docx


def test_html_pdf_and_docx_say_the_same_thing(issued):
    letter = build_letter_context(issued, issued_on=timezone.localdate(), version_number=1)
    html, pdf, docx = (
        render_html(letter),
        pdf_text(render_pdf(letter)),
        docx_text(render_docx(letter)),
    )
    for phrase in (
        letter.summary,
        letter.opening[:60],
        "Criterion title 7",
        "Areas for development",
    ):
        assert phrase in html and phrase in pdf.replace("\n", " ") and phrase in docx


def test_marking_follows_the_assessment(council, lead, assessor, second_assessor):
    version = scored_version(criteria=1)
    assessment = open_assessment(assessor=assessor, version=version, organisation=council)
    assessment.marking = "OFFICIAL-SENSITIVE"
    assessment.save()
    to_moderated(assessment, lead, assessor, second_assessor)
    letter = build_letter_context(assessment, issued_on=timezone.localdate())
    assert "OFFICIAL-SENSITIVE" in pdf_text(render_pdf(letter))
    assert (
        Document(io.BytesIO(render_docx(letter)))
        .sections[0]
        .footer.paragraphs[0]
        .text.startswith("OFFICIAL-SENSITIVE")
    )


def test_comparison_with_the_last_issued_period_through_a_crosswalk(
    council, lead, assessor, second_assessor
):
    old = scored_version(criteria=3)
    new = scored_version(criteria=2)
    crosswalk(old, new, {1: 2, 3: 1})
    earlier = open_assessment(
        assessor=assessor, version=old, organisation=council, period="2021/22"
    )
    to_moderated(earlier, lead, assessor, second_assessor, levels=[2, 4, 5])
    issue(earlier, assessor)
    later = open_assessment(assessor=assessor, version=new, organisation=council, period="2023/24")
    to_moderated(later, lead, assessor, second_assessor, levels=[3, 3])
    letter = build_letter_context(later, issued_on=timezone.localdate())
    assert letter.comparison_period == "2021/22"
    assert [(r.number, r.previous, r.current) for r in letter.comparison] == [
        (1, "5 (was criterion 3)", "3"),
        (2, "2 (was criterion 1)", "3"),
    ]
    assert "Comparison with 2021/22" in docx_text(render_docx(letter))


def test_same_framework_comparison_and_none_without_a_crosswalk(
    council, lead, assessor, second_assessor
):
    version = scored_version(criteria=2)
    first = open_assessment(
        assessor=assessor, version=version, organisation=council, period="2021/22"
    )
    to_moderated(first, lead, assessor, second_assessor, levels=[2, 2])
    issue(first, assessor)
    second = open_assessment(
        assessor=assessor, version=version, organisation=council, period="2022/23"
    )
    to_moderated(second, lead, assessor, second_assessor, levels=[3, 4])
    letter = build_letter_context(second, issued_on=timezone.localdate())
    assert [(r.previous, r.current) for r in letter.comparison] == [("2", "3"), ("2", "4")]
    unrelated = open_assessment(
        assessor=assessor,
        version=scored_version(criteria=1),
        organisation=council,
        period="2023/24",
    )
    letter = build_letter_context(unrelated, issued_on=timezone.localdate())
    assert letter.comparison == () and "no crosswalk" in letter.comparison_note
