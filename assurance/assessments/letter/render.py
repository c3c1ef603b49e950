"""The letter in three formats from one LetterContext."""

from __future__ import annotations

from assurance.documents import pdf as pdf_documents
from assurance.documents.docx import DocxBuilder

from .context import LetterContext

BODY_TEMPLATE = "assessments/letter/body.html"
PDF_TEMPLATE = "assessments/letter/letter_pdf.html"
SCORE_HEADERS = ("Criterion", "Title", "Level", "Band")


def _template_context(letter: LetterContext) -> dict:
    return {"letter": letter, "marking": letter.marking, "title": letter.title}


def render_html(letter: LetterContext) -> str:
    """The letter body as an HTML fragment, for the page that previews it."""
    return pdf_documents.render_html(BODY_TEMPLATE, _template_context(letter))


def render_pdf(letter: LetterContext) -> bytes:
    return pdf_documents.render_pdf(PDF_TEMPLATE, _template_context(letter))


def score_cells(row) -> tuple[str, str, str, str]:
    return (str(row.number), row.title, row.level_label, row.band_label or "–")


def render_docx(letter: LetterContext) -> bytes:
    doc = DocxBuilder(title=letter.title, marking=letter.marking)
    if letter.is_draft:
        doc.paragraph("DRAFT – not issued", bold=True)
    doc.paragraph(letter.assessing_body, bold=True, align_right=True)
    doc.paragraph(f"Reference: {letter.reference}", align_right=True)
    doc.paragraph(letter.issued_on.strftime("%-d %B %Y"), align_right=True)
    for line in letter.addressee_lines:
        doc.paragraph(line)
    doc.heading(f"Assessment of the Prevent duty {letter.period}", 1)
    doc.paragraph(letter.opening)
    doc.paragraph(letter.scale_sentence)
    doc.heading("Summary", 2).paragraph(letter.summary)
    doc.heading("Scores", 2).table(SCORE_HEADERS, [score_cells(r) for r in letter.scores])
    if letter.comparison:
        doc.heading(f"Comparison with {letter.comparison_period}", 2)
        if letter.comparison_note:
            doc.paragraph(letter.comparison_note)
        doc.table(
            ("Criterion", "Title", letter.comparison_period, letter.period),
            [(r.number, r.title, r.previous, r.current) for r in letter.comparison],
        )
    elif letter.comparison_note:
        doc.heading(f"Comparison with {letter.comparison_period}", 2).paragraph(
            letter.comparison_note
        )
    doc.heading("Feedback on each criterion", 2)
    for item in letter.feedback:
        doc.heading(f"{item.number}. {item.title}", 3)
        doc.paragraph(item.level_text, bold=True)
        doc.paragraph("Good practice", bold=True).paragraph(item.good_practice or "None recorded.")
        doc.paragraph("Areas for development", bold=True).paragraph(
            item.areas_for_development or "None recorded."
        )
    doc.heading("Recommendations", 2)
    if letter.recommendations:
        doc.table(
            ("No.", "About", "Recommendation"),
            [(r.number, r.about, r.text) for r in letter.recommendations],
        )
    else:
        doc.paragraph("There are no recommendations.")
    doc.paragraph(letter.closing)
    doc.paragraph("Yours sincerely,").paragraph(letter.signatory, bold=True)
    doc.paragraph(letter.signatory_role).paragraph(letter.assessing_body)
    doc.page_break().heading(f"Annex: {letter.framework_title}", 1)
    for criterion in letter.annex:
        doc.heading(f"{criterion.number}. {criterion.title}", 3)
        if criterion.statement:
            doc.paragraph(criterion.statement)
        if criterion.descriptors:
            doc.table(
                ("Level", "Descriptor"),
                [(d.label, d.text) for d in criterion.descriptors],
            )
    return doc.to_bytes()
