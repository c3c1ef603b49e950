"""The letter in three formats from one LetterContext."""

from __future__ import annotations

from assurance.documents import pdf as pdf_documents
from assurance.documents.docx import DocxBuilder

from .context import LetterContext

BODY_TEMPLATE = "assessments/letter/body.html"
PDF_TEMPLATE = "assessments/letter/letter_pdf.html"
# Column shares of the text width: numbers narrow, titles and text wide.
SCORE_WIDTHS = {True: (0.12, 0.5, 0.19, 0.19), False: (0.12, 0.6, 0.28)}
COMPARISON_WIDTHS = (0.1, 0.36, 0.2, 0.17, 0.17)
RECOMMENDATION_WIDTHS = (0.08, 0.3, 0.62)
ANNEX_WIDTHS = (0.2, 0.8)


def _template_context(letter: LetterContext) -> dict:
    return {"letter": letter, "marking": letter.marking, "title": letter.title}


def render_html(letter: LetterContext) -> str:
    """The letter body as an HTML fragment, for the page that previews it."""
    return pdf_documents.render_html(BODY_TEMPLATE, _template_context(letter))


def render_pdf(letter: LetterContext) -> bytes:
    return pdf_documents.render_pdf(PDF_TEMPLATE, _template_context(letter))


def letter_date(letter: LetterContext) -> str:
    return letter.issued_on.strftime("%-d %B %Y") if letter.issued_on else "[date not yet given]"


def score_cells(letter: LetterContext, row) -> tuple[str, ...]:
    cells = (str(row.number), row.title, row.level_label)
    return (*cells, row.band_label or "–") if letter.show_band else cells


def score_headers(letter: LetterContext) -> tuple[str, ...]:
    return (
        ("Criterion", "Title", "Result", "Band")
        if letter.show_band
        else (
            "Criterion",
            "Title",
            "Result",
        )
    )


def _head(doc: DocxBuilder, letter: LetterContext) -> None:
    if letter.is_draft:
        doc.paragraph("DRAFT – not issued", bold=True)
    doc.lines(letter.assessing_body_lines, align_right=True, bold_first=True)
    doc.paragraph(f"Reference: {letter.reference}", align_right=True)
    doc.paragraph(letter_date(letter), align_right=True)
    doc.lines(letter.addressee_lines)
    if letter.cc_lines:
        doc.lines(("Copied to:", *letter.cc_lines))
    doc.paragraph(letter.salutation)
    doc.heading(f"Assessment of the Prevent duty {letter.period}", 1)
    doc.paragraph(letter.opening)
    doc.paragraph(letter.scale_sentence)
    for caveat in letter.caveats:
        doc.paragraph(caveat)


def _comparison(doc: DocxBuilder, letter: LetterContext) -> None:
    if not letter.comparison_period:
        return
    doc.heading(f"Comparison with {letter.comparison_period}", 2)
    if letter.comparison_note:
        doc.paragraph(letter.comparison_note)
    if letter.comparison:
        doc.table(
            ("Criterion", "Title", letter.comparison_period, letter.period, "Change"),
            [(r.number, r.title, r.previous, r.current, r.movement) for r in letter.comparison],
            widths=COMPARISON_WIDTHS,
        )


def render_docx(letter: LetterContext) -> bytes:
    doc = DocxBuilder(title=letter.title, marking=letter.marking)
    _head(doc, letter)
    doc.heading("Summary", 2).paragraph(letter.summary)
    doc.heading("Results", 2).table(
        score_headers(letter),
        [score_cells(letter, r) for r in letter.scores],
        widths=SCORE_WIDTHS[letter.show_band],
    )
    _comparison(doc, letter)
    doc.heading("Feedback on each criterion", 2)
    for item in letter.feedback:
        doc.heading(f"{item.number}. {item.title}", 3)
        if item.statement:
            doc.paragraph(item.statement, italic=True)
        doc.paragraph(item.level_text, bold=True)
        doc.paragraph("Good practice", bold=True).paragraph(item.good_practice or "None recorded.")
        doc.paragraph("Areas for development", bold=True).paragraph(
            item.areas_for_development or "None recorded."
        )
        if item.records:
            doc.paragraph(letter.records_heading, bold=True).bullets(item.records)
    if letter.recommendations:
        doc.heading("Recommendations", 2).table(
            ("No.", "About", "Recommendation"),
            [(r.number, r.about, r.text) for r in letter.recommendations],
            widths=RECOMMENDATION_WIDTHS,
        )
    doc.paragraph(letter.closing)
    doc.paragraph("Yours sincerely,").paragraph(letter.signatory, bold=True)
    doc.lines(letter.signatory_lines)
    doc.page_break().heading(f"Annex: {letter.framework_title}", 1)
    for criterion in letter.annex:
        doc.heading(f"{criterion.number}. {criterion.title}", 3)
        if criterion.statement:
            doc.paragraph(criterion.statement)
        if criterion.descriptors:
            doc.table(
                ("Level", "Descriptor"),
                [(d.label, d.text) for d in criterion.descriptors],
                widths=ANNEX_WIDTHS,
            )
    return doc.to_bytes()
