"""Excel workbooks with openpyxl: real columns, a frozen header row, filters,
readable widths, and the marking in the page header.

Every string goes in as a text cell (never a formula, whatever it starts
with), with Excel's quote prefix so that editing the cell keeps it text, and
without the characters XML cannot hold. Every workbook the service writes is
built here, so no export can carry a live formula."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import copy
from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from assurance.ui.text import clean_text

HEADER_FILL = PatternFill("solid", fgColor="0B0C0C")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 60
MAX_CELL_CHARACTERS = 32767


def workbook_from_rows(
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    marking: str = "OFFICIAL",
) -> bytes:
    # Write-only mode streams each row to the file once: the ordinary mode
    # keeps every cell in memory and looks rows up by scanning them, which
    # made a 450-row export take seconds. Column widths must be set before
    # the first row is written, so the rows are cleaned and measured first.
    header_row = [_cell(h) for h in headers]
    body = [[_cell(v) for v in row] for row in rows]
    widths = [len(str(h)) for h in header_row]
    for row in body:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], min(MAX_WIDTH, len(str(value or ""))))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(title))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    if widths:
        last = f"{get_column_letter(len(widths))}{len(body) + 1}"
        sheet.auto_filter.ref = f"A1:{last}"
    marking = clean_text(marking).replace("&", "&&")
    sheet.oddHeader.center.text = marking
    sheet.oddFooter.center.text = f"{marking} – Page &P of &N"
    styles = _Styles(sheet)
    sheet.append([styles.cell(value, header=True) for value in header_row])
    for row in body:
        sheet.append([styles.cell(value) for value in row])
    workbook.properties.title = clean_text(title)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Styles:
    """Cells styled by copying the style of the first cell of their kind:
    setting a style attribute on each cell looks the style up in the workbook
    every time, which was most of the time spent on a 40,000-cell export."""

    def __init__(self, sheet) -> None:
        self.sheet = sheet
        self.styles: dict[tuple[bool, bool, int], object] = {}

    def cell(self, value, *, header: bool = False) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=value)
        text = isinstance(value, str)
        if text:
            cell.data_type = "s"  # never a formula, whatever it starts with
        # The number format (a date's) is set from the value: part of the kind.
        kind = (header, text, getattr(cell._style, "numFmtId", 0))
        if kind in self.styles:
            cell._style = copy(self.styles[kind])
            return cell
        cell.alignment = WRAP
        if header:
            cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        if text:
            # With the quote prefix, Excel keeps the text text when it is edited.
            cell.quotePrefix = True
        self.styles[kind] = copy(cell._style)
        return cell


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
