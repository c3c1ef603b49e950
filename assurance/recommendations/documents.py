"""The response matrix and the progress tracker. Each is built once as a
context object and rendered from it in DOCX, PDF and XLSX, so the three
files always say the same thing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from assurance.documents.docx import DocxBuilder
from assurance.documents.pdf import render_pdf
from assurance.documents.xlsx import workbook_from_rows

from . import rules
from .models import Recommendation, RecommendationSource


@dataclass(frozen=True)
class RegisterDocument:
    kind: str  # "matrix" or "tracker"
    title: str
    source_title: str
    organisation: str
    details: list[tuple[str, str]]
    marking: str
    headers: list[str]
    # Cell values keep their types (dates stay dates) so the XLSX can filter and sort them.
    rows: list[list[object]]
    closing: str = ""
    # The rows under each theme, in order of first appearance; "" for none.
    themes: list[str] = field(default_factory=list)

    @property
    def groups(self) -> list[tuple[str, list[list[str]]]]:
        """Rows grouped under their themes as a council's papers set them out."""
        themed = zip(self.themes or [""] * len(self.rows), self.text_rows(), strict=True)
        return [
            (theme, [row for _, row in pairs])
            for theme, pairs in rules.grouped_by_theme(themed, lambda pair: pair[0])
        ]

    @property
    def widths(self) -> list[float]:
        """Each column's share of the page width in the PDF, in per cent."""
        return COLUMN_WIDTHS[self.kind]

    @property
    def filename(self) -> str:
        return f"{self.source_title} {self.title}"

    def text_rows(self) -> list[list[str]]:
        return [[_text(value) for value in row] for row in self.rows]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def closure_figures(items: Sequence[Recommendation]) -> list[tuple[str, str]]:
    """ "Addressed 73%, verified 70%": both shares, reported separately."""
    shares = rules.closure_shares((i.response, i.status, i.verification) for i in items)
    total = shares["total"]
    return [
        ("Addressed", f"{shares['addressed_percent']}% ({shares['addressed']} of {total})"),
        ("Verified", f"{shares['verified_percent']}% ({shares['verified']} of {total})"),
    ]


def _details(source: RecommendationSource) -> list[tuple[str, str]]:
    details = [
        ("Council", source.organisation.name),
        ("Made by", source.made_by),
        ("Date made", _text(source.made_on)),
        ("Kind", source.get_kind_display()),
    ]
    if source.reference:
        details.append(("Reference", source.reference))
    details.append(("Status", source.get_status_display()))
    return details


def _lead(item: Recommendation) -> str:
    if item.lead_user_id and item.lead:
        return f"{item.lead} ({item.lead_user.full_name})"
    return item.lead or (item.lead_user.full_name if item.lead_user_id else "")


MATRIX_HEADERS = ["No.", "Recommendation", "Response", "Reason", "Lead", "Milestone"]
TRACKER_HEADERS = [
    *MATRIX_HEADERS,
    "Status",
    "Verification",
    "Latest progress",
    "Date completed",
]

# The PDF's column widths (per cent of the page, adding up to 100): set rather
# than measured, since measuring every cell is most of the time WeasyPrint
# spends on a long table. The short columns are as wide as their longest word
# ("R001", "Communications", "Superseded", "September", the heading
# "Verification"), so none is broken mid-word; the text columns get the rest.
COLUMN_WIDTHS = {
    "matrix": [5, 41, 11, 21, 12, 10],
    "tracker": [4.5, 16.5, 8, 9, 12.5, 8.5, 9, 9.5, 14, 8.5],
}


def _due(item: Recommendation) -> object:
    """The date in force, saying so when it was extended from the original."""
    if item.revised_milestone:
        return f"{_text(item.revised_milestone)} (extended from {_text(item.milestone)})"
    return item.milestone


def status_label(item: Recommendation) -> str:
    """A rejected recommendation reads as rejected, whatever its status."""
    return "Rejected" if item.response == rules.REJECTED else item.get_status_display()


def number_cell(number: str) -> object:
    """Whole numbers stay numbers in a spreadsheet; "2a" and "1.1" stay text."""
    return int(number) if str(number).isdigit() else number


def _matrix_row(item: Recommendation) -> list[object]:
    return [
        number_cell(item.number),
        item.text,
        item.get_response_display(),
        item.reason,
        _lead(item),
        _due(item),
    ]


def _tracker_row(item: Recommendation) -> list[object]:
    latest = getattr(item, "latest_progress", None)
    progress = ""
    if latest:
        progress = f"{_text(latest.worked_on or latest.created_at.date())}: {latest.entry}"
    verification = item.get_verification_display() if item.verification else ""
    return [*_matrix_row(item), status_label(item), verification, progress, item.completed_on]


def _build(kind, title, headers, row, source, items) -> RegisterDocument:
    closing = ""
    if source.is_closed:
        closing = f"Closed on {_text(source.closed_at.date())}. {source.closing_statement}"
    return RegisterDocument(
        kind=kind,
        title=title,
        source_title=source.title,
        organisation=source.organisation.name,
        details=_details(source) + closure_figures(items),
        marking=source.marking,
        headers=headers,
        rows=[row(item) for item in items],
        closing=closing,
        themes=[item.theme for item in items],
    )


def matrix_context(
    source: RecommendationSource, items: Sequence[Recommendation]
) -> RegisterDocument:
    return _build("matrix", "Response matrix", MATRIX_HEADERS, _matrix_row, source, items)


def tracker_context(
    source: RecommendationSource, items: Sequence[Recommendation]
) -> RegisterDocument:
    return _build("tracker", "Progress tracker", TRACKER_HEADERS, _tracker_row, source, items)


def to_docx(document: RegisterDocument) -> bytes:
    builder = DocxBuilder(title=document.filename, marking=document.marking, landscape=True)
    builder.heading(f"{document.source_title}: {document.title.lower()}", level=1)
    for label, value in document.details:
        builder.paragraph(f"{label}: {value}")
    for theme, rows in document.groups:
        if theme:
            builder.heading(theme, level=2)
        builder.table(document.headers, rows)
    if document.closing:
        builder.paragraph(document.closing)
    return builder.to_bytes()


def to_pdf(document: RegisterDocument) -> bytes:
    return render_pdf(
        "recommendations/register_document.html",
        {
            "document": document,
            "rows": document.text_rows(),
            "marking": document.marking,
            "title": document.filename,
        },
    )


def to_xlsx(document: RegisterDocument) -> bytes:
    """One sheet, with the theme as its first column so it can be filtered."""
    themes = document.themes or [""] * len(document.rows)
    return workbook_from_rows(
        title=document.title,
        headers=["Theme", *document.headers],
        rows=[[theme, *row] for theme, row in zip(themes, document.rows, strict=True)],
        marking=document.marking,
    )


RENDERERS: dict[str, Callable[[RegisterDocument], bytes]] = {
    "docx": to_docx,
    "pdf": to_pdf,
    "xlsx": to_xlsx,
}
BUILDERS = {"matrix": matrix_context, "tracker": tracker_context}
