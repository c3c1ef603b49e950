"""XLSX exports of each register of delivery records, through the shared
writer in ``documents.xlsx``: the workbook carries the highest marking of
the records in it, and each row its own."""

from __future__ import annotations

from assurance.documents.xlsx import workbook_from_rows

from . import presenters
from .kinds import KINDS


def register_xlsx(slug: str, records: list, *, organisation_name: str, exact: bool) -> bytes:
    kind = KINDS[slug]
    headers = ["Council", *presenters.headings(slug), "Marking"]
    if kind.has_criteria:
        headers.append("Criteria")
    rows = []
    for record in records:
        row = [
            organisation_name,
            *presenters.cells(record, slug, exact=exact),
            record.marking,
        ]
        if kind.has_criteria:
            row.append(
                "; ".join(
                    f"{c.framework_version.version}: {c.number}. {c.title}"
                    for c in record.criteria.all()
                )
            )
        rows.append(row)
    return workbook_from_rows(
        title=kind.plural, headers=headers, rows=rows, marking=presenters.marking_of(records)
    )


def referrals_xlsx(view, *, organisation_name: str, marking: str) -> bytes:
    """Referral figures as the quarter-by-sector table, suppressed for outsiders."""
    headers = ["Council", "Year", "Quarter", *[label for _, label in view.sectors], "Total"]
    rows = []
    for quarter in view.quarters:
        rows.append(
            [organisation_name, view.period, quarter["quarter"]]
            + [quarter["cells"][code].shown for code, _ in view.sectors]
            + [quarter["total"].shown]
        )
    rows.append(
        [organisation_name, view.period, "Year"]
        + [view.year.cells[code].shown for code, _ in view.sectors]
        + [view.year.total.shown]
    )
    return workbook_from_rows(title="Referral figures", headers=headers, rows=rows, marking=marking)
