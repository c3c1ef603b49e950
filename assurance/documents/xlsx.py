"""Excel workbooks with openpyxl: real columns, a frozen header row, filters,
readable widths, and the marking in the page header.

Every string goes in as a text cell (never a formula, whatever it starts
with), with Excel's quote prefix so that editing the cell keeps it text, and
without the characters XML cannot hold. Every workbook the service writes is
built here, so no export can carry a live formula."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from assurance.ui.text import clean_text

HEADER_FILL = PatternFill("solid", fgColor="0B0C0C")
HEADER_FONT = Font(bold=True, color="FFFFFF")
MAX_WIDTH = 60
MAX_CELL_CHARACTERS = 32767


def workbook_from_rows(
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    marking: str = "OFFICIAL",
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(title)
    _append(sheet, [_cell(h) for h in headers])
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(str(h)) for h in headers]
    for row in rows:
        row = [_cell(v) for v in row]
        _append(sheet, row)
        for index, value in enumerate(row):
            widths[index] = max(widths[index], min(MAX_WIDTH, len(str(value or ""))))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    marking = clean_text(marking).replace("&", "&&")
    sheet.oddHeader.center.text = marking
    sheet.oddFooter.center.text = f"{marking} – Page &P of &N"
    workbook.properties.title = clean_text(title)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append(sheet, values: Sequence[object]) -> None:
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            # openpyxl makes any string starting with "=" a formula: force text.
            cell.data_type = "s"
            cell.quotePrefix = True


def _cell(value):
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, date | int | float) or value is None:
        return value
    # A cell holds at most 32,767 characters.
    return clean_text(str(value))[:MAX_CELL_CHARACTERS]


def _sheet_title(title: str) -> str:
    """Excel refuses some characters in a sheet's name, and more than 31 of them."""
    cleaned = "".join(c for c in clean_text(title) if c not in "[]:*?/\\")
    return cleaned.strip("' ")[:31] or "Sheet"
