"""A council's own self-assessment, exported for its committee: ratings by
criterion, counts by rating, narratives and the evidence list, in PDF, DOCX
and XLSX from one context (as the letter is). Never a letter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assurance.documents import pdf as pdf_documents
from assurance.documents.docx import DocxBuilder
from assurance.documents.xlsx import workbook_from_rows

from .. import rules


@dataclass(frozen=True)
class Row:
    number: int
    title: str
    rating: str
    band: str
    status: str
    narrative: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class OwnExport:
    title: str
    marking: str
    council: str
    period: str
    framework_title: str
    scale_sentence: str
    counts: str
    signed_off: str  # "Signed off by … on …", or that it is a draft
    rows: tuple[Row, ...]
    file_stem: str


def build(assessment, responses, levels) -> OwnExport:
    """From an (already scoped) assessment, its responses with evidence and its scale."""
    scale = [rules.Level(lv.value, lv.label, lv.band) for lv in levels]
    signed = (
        f"Signed off by {assessment.signed_off_by.full_name} on "
        f"{assessment.signed_off_at:%-d %B %Y}."
        if assessment.signed_off_by_id
        else "Draft: not yet signed off by the council."
    )
    rows = tuple(
        Row(
            r.criterion.number,
            r.criterion.title,
            str(r.self_level) if r.self_level else "Not rated",
            r.self_level.get_band_display() if r.self_level else "",
            r.get_task_status_display(),
            r.narrative,
            tuple(
                f"{e.title} ({e.evidence_date:%-d %B %Y})" if e.evidence_date else e.title
                for e in r.evidence.all()
            ),
        )
        for r in responses
    )
    counts = rules.rating_counts(scale, [r.self_level.value for r in responses if r.self_level])
    return OwnExport(
        title=f"{assessment.organisation.name}: self-assessment {assessment.period}",
        marking=assessment.marking,
        council=assessment.organisation.name,
        period=assessment.period,
        framework_title=assessment.framework_version.title,
        scale_sentence=rules.scale_sentence(scale),
        counts=counts or "No criterion rated yet",
        signed_off=signed,
        rows=rows,
        file_stem=rules.file_stem(
            "self-assessment", assessment.organisation.name, assessment.period
        ),
    )


def render_pdf(export: OwnExport) -> bytes:
    return pdf_documents.render_pdf(
        "assessments/own_export_pdf.html",
        {"export": export, "marking": export.marking, "title": export.title},
    )


def render_docx(export: OwnExport, *, today: date | None = None) -> bytes:
    doc = DocxBuilder(title=export.title, marking=export.marking)
    doc.heading(export.title, 1)
    doc.paragraph(export.framework_title).paragraph(export.signed_off)
    doc.paragraph(export.scale_sentence)
    doc.paragraph(f"Ratings: {export.counts}.", bold=True)
    doc.table(
        ("Criterion", "Title", "Rating", "Status"),
        [(r.number, r.title, r.rating, r.status) for r in export.rows],
        widths=(0.12, 0.5, 0.18, 0.2),
    )
    for row in export.rows:
        doc.heading(f"{row.number}. {row.title}", 2)
        doc.paragraph(f"Rating: {row.rating}", bold=True)
        doc.paragraph(row.narrative or "No narrative written.")
        if row.evidence:
            doc.paragraph("Evidence", bold=True).bullets(row.evidence)
    return doc.to_bytes()


def render_xlsx(export: OwnExport) -> bytes:
    return workbook_from_rows(
        title=f"Self-assessment {export.period.replace('/', '-')}",
        headers=("Criterion", "Title", "Rating", "Band", "Status", "Narrative", "Evidence"),
        rows=[
            (r.number, r.title, r.rating, r.band, r.status, r.narrative, "; ".join(r.evidence))
            for r in export.rows
        ],
        marking=export.marking,
    )
