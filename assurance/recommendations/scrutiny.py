"""The scrutiny pack: for a council and a period, one document for a cabinet
or scrutiny committee, built once as a context and rendered to DOCX, PDF (A4,
with the marking) and XLSX, so the three say the same thing.

Sections from other apps plug in through ``register_pack_section``: the
assessments app adds the letter's outcome; the delivery app is expected to
add its figures the same way (a provider returning None adds nothing). A
provider is called as ``provider(user, organisation, period)`` and returns a
``PackSection`` or None; it must read only what the user may see. A
provider names the state of what it reads with ``state(organisation,
period)`` (one query), so that a built pack is rebuilt when that changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assurance.documents.docx import DocxBuilder
from assurance.documents.pdf import render_pdf

from . import rules
from .documents import _text, closure_figures, status_label


@dataclass(frozen=True)
class PackSection:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    note: str = ""
    order: int = 50


_PROVIDERS: list[Callable[[Any, Any, str], PackSection | None]] = []
_STATES: list[Callable[[Any, str], object]] = []


def register_pack_section(
    provider: Callable[[Any, Any, str], PackSection | None],
    state: Callable[[Any, str], object] | None = None,
) -> None:
    """Add a section from another app (the letter's outcome, delivery figures)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
        if state is not None:
            _STATES.append(state)


def sections_state(organisation, period: str) -> list[object]:
    """The state of what the other apps' sections read, for the fingerprint."""
    return [state(organisation, period) for state in _STATES]


@dataclass(frozen=True)
class ScrutinyPack:
    organisation: str
    period: str
    marking: str
    figures: list[tuple[str, str]]
    sections: list[PackSection] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Prevent scrutiny pack {self.period}: {self.organisation}"

    @property
    def filename(self) -> str:
        return f"{self.organisation} Prevent scrutiny pack {self.period}"


def period_bounds(period: str) -> tuple[date, date] | None:
    """ "2025/26" → 1 April 2025 to 31 March 2026; None if not a period."""
    head, _, tail = period.partition("/")
    if not (head.isdigit() and len(head) == 4 and tail.isdigit() and len(tail) == 2):
        return None
    start = int(head)
    if (start + 1) % 100 != int(tail):
        return None
    return date(start, 4, 1), date(start + 1, 3, 31)


MATRIX = ["Source", "No.", "Recommendation", "Response", "Reason", "Lead", "Target date"]
TRACKER = ["Source", "No.", "Recommendation", "Lead", "Target date", "Status"]

_TRACKER_SECTIONS = [
    ("Addressed, awaiting verification", lambda i, today: i.verification == rules.ADDRESSED),
    ("Verified", lambda i, today: i.verification == rules.VERIFIED),
    ("Extended", lambda i, today: i.revised_milestone is not None),
    ("Overdue", lambda i, today: i.overdue),
]


def _due(item) -> str:
    if item.revised_milestone:
        return f"{_text(item.revised_milestone)} (originally {_text(item.milestone)})"
    return _text(item.milestone)


def build_pack(user, organisation, period: str, items: list, national: list, today: date):
    """``items``: the council's register entries for the period (with
    ``overdue`` set); ``national``: those answering national sources."""
    sections = [s for s in (p(user, organisation, period) for p in _PROVIDERS) if s]
    own = [i for i in items if i.source.kind != "national"]
    sections.append(
        PackSection(
            "Response matrix",
            MATRIX,
            [
                [
                    i.source.title,
                    i.number,
                    i.text,
                    i.get_response_display(),
                    i.reason,
                    i.lead,
                    _due(i),
                ]
                for i in own
            ],
            order=20,
        )
    )
    for offset, (title, belongs) in enumerate(_TRACKER_SECTIONS):
        rows = [
            [i.source.title, i.number, i.text, i.lead, _due(i), status_label(i)]
            for i in own
            if belongs(i, today)
        ]
        sections.append(PackSection(f"Tracker: {title.lower()}", TRACKER, rows, order=30 + offset))
    sections.append(
        PackSection(
            "National recommendations and the council's position",
            ["Source", "No.", "Recommendation", "Response", "Status", "Verification"],
            [
                [
                    i.source.title,
                    i.number,
                    i.text,
                    i.get_response_display(),
                    status_label(i),
                    i.get_verification_display() if i.verification else "",
                ]
                for i in national
            ],
            order=40,
        )
    )
    marking = (
        "OFFICIAL-SENSITIVE"
        if any(i.source.marking == "OFFICIAL-SENSITIVE" for i in items)
        else "OFFICIAL"
    )
    return ScrutinyPack(
        organisation=organisation.name,
        period=period,
        marking=marking,
        figures=closure_figures(own),
        sections=sorted(sections, key=lambda s: s.order),
    )


def _text_rows(section: PackSection) -> list[list[str]]:
    return [[_text(v) for v in row] for row in section.rows]


def to_docx(pack: ScrutinyPack) -> bytes:
    builder = DocxBuilder(title=pack.filename, marking=pack.marking, landscape=True)
    builder.heading(pack.title, level=1)
    for label, value in pack.figures:
        builder.paragraph(f"{label}: {value}")
    for section in pack.sections:
        builder.heading(section.title, level=2)
        if section.note:
            builder.paragraph(section.note)
        if section.rows:
            builder.table(list(section.headers), _text_rows(section))
        else:
            builder.paragraph("None.")
    return builder.to_bytes()


def to_pdf(pack: ScrutinyPack) -> bytes:
    sections = [(s, _text_rows(s)) for s in pack.sections]
    return render_pdf(
        "recommendations/scrutiny_pack.html",
        {"pack": pack, "sections": sections, "marking": pack.marking, "title": pack.filename},
    )


def to_xlsx(pack: ScrutinyPack) -> bytes:
    """One sheet per section, with the same rows."""
    from io import BytesIO

    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.active
    summary.title = "Summary"
    summary.append([pack.title])
    for label, value in pack.figures:
        summary.append([label, value])
    for index, section in enumerate(pack.sections, start=1):
        sheet = workbook.create_sheet(f"{index} {section.title}"[:31].replace(":", ""))
        sheet.append(list(section.headers))
        for row in section.rows:
            sheet.append([_text(v) if isinstance(v, date) else v for v in row])
        sheet.freeze_panes = "A2"
    for sheet in workbook.worksheets:
        sheet.oddHeader.center.text = pack.marking
        sheet.oddFooter.center.text = f"{pack.marking} – Page &P of &N"
    workbook.properties.title = pack.title
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


RENDERERS = {"docx": to_docx, "pdf": to_pdf, "xlsx": to_xlsx}
