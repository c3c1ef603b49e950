"""The report in three formats from one ReportContext, through the shared
builders in assurance.documents (A4, marking on every page, page numbers)."""

from __future__ import annotations

from docx.shared import Mm

from assurance.documents import pdf as pdf_documents
from assurance.documents.docx import DocxBuilder

from .context import ReportContext

BODY_TEMPLATE = "reviews/report/body.html"
PDF_TEMPLATE = "reviews/report/report_pdf.html"


def _template_context(report: ReportContext) -> dict:
    return {"report": report, "marking": report.marking, "title": report.title}


def render_html(report: ReportContext) -> str:
    return pdf_documents.render_html(BODY_TEMPLATE, _template_context(report))


def render_pdf(report: ReportContext) -> bytes:
    return pdf_documents.render_pdf(PDF_TEMPLATE, _template_context(report))


def _dates(report: ReportContext) -> str:
    return f"{report.starts_on:%-d %B %Y} to {report.ends_on:%-d %B %Y}"


def render_docx(report: ReportContext) -> bytes:
    doc = DocxBuilder(title=report.title, marking=report.marking)
    section = doc.document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4, not Word's Letter
    if report.is_draft:
        doc.paragraph("DRAFT – not issued", bold=True)
    doc.heading(report.title, 0)
    doc.paragraph(f"{report.review_type} of {report.host}, {_dates(report)}")
    if report.host_address:
        doc.paragraph("\n".join([report.host, *report.host_address.splitlines()]))
    if report.issued_on:
        doc.paragraph(f"Issued {report.issued_on:%-d %B %Y} (version {report.version_number})")
    doc.heading("Contents", 1).bullets(title for _, title in report.sections)
    titles = dict(report.sections)
    doc.heading(titles["summary"], 1).paragraph(report.executive_summary or "Not written yet.")
    if report.key_findings:
        doc.paragraph("Key findings", bold=True).bullets(report.key_findings)
    doc.heading(titles["background"], 1).paragraph(report.background or "Not written yet.")
    doc.heading(titles["process"], 1)
    doc.paragraph("The review team", bold=True)
    doc.table(("Role", "Organisation"), [(t.role, t.organisation) for t in report.team])
    doc.paragraph("The six stages", bold=True)
    doc.table(
        ("Stage", "Planned", "Actual", "Status"),
        [(s.name, s.planned, s.actual, s.status) for s in report.stages],
    )
    doc.heading(titles["framework"], 1)
    doc.paragraph(f"{report.framework_title} ({report.framework_publisher}).")
    doc.table(
        ("No.", "Aspect", "Delivery area")
        if report.grouped_by == "delivery area"
        else ("No.", "Criterion", "Group"),
        [(a.number, a.title, a.area or "–") for a in report.aspects],
    )
    doc.heading(titles["findings"], 1)
    for area in report.areas:
        doc.heading(area.title, 2)
        doc.heading("Good practice", 3)
        if area.good_practice:
            doc.bullets(f.text for f in area.good_practice)
        else:
            doc.paragraph("None recorded.")
        doc.heading("Suggested improvements", 3)
        if area.improvements:
            doc.bullets(f.text for f in area.improvements)
        else:
            doc.paragraph("None recorded.")
    doc.heading(titles["next-steps"], 1).paragraph(report.next_steps or "Not written yet.")
    doc.heading(titles["agencies"], 1)
    if report.agencies:
        doc.table(("Agency", "Roles taking part"), [(a.agency, a.roles) for a in report.agencies])
    else:
        doc.paragraph("No sessions recorded.")
    return doc.to_bytes()
