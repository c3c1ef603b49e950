"""Reading a spreadsheet upload (CSV or XLSX) into rows of cells, and the
pieces every import shares: the row-error report, headings matched to
columns, dates written the British way. Importers (the recommendations
register, delivery records) parse the rows into their own types; nothing
here saves anything."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from assurance.documents.archives import ArchiveLimits, ArchiveRefused, check_archive
from assurance.ui.text import clean_value

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d %B %Y", "%d %b %Y")
# An XLSX is refused before it is opened if it would expand past this (or 200:1).
ARCHIVE_LIMITS = ArchiveLimits(max_uncompressed=50 * 1024 * 1024)
UNBALANCED_QUOTE = (
    'The file has a quotation mark (") that is opened but not closed, so rows would run '
    "together. Check the row for a stray quotation mark, save it again and try again."
)


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the heading is row 1; 0 for the whole file
    column: str
    problem: str


class TableError(Exception):
    """The file as a whole cannot be read; ``problem`` says why in plain English."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def read_table(filename: str, content: bytes) -> list[list]:
    """The cells of the first sheet, trailing blank rows removed, every text
    cleaned of control characters and noncharacters. Raises TableError."""
    name = (filename or "").lower()
    if not content:
        raise TableError("The selected file is empty.")
    if len(content) > MAX_BYTES:
        raise TableError("The selected file must be smaller than 5 MB.")
    if name.endswith(".csv"):
        table = read_csv(content)
    elif name.endswith(".xlsx"):
        table = read_xlsx(content)
    else:
        raise TableError("The selected file must be a CSV or an Excel workbook (.xlsx).")
    table = [[clean_value(value) for value in row] for row in table]
    while table and blank(table[-1]):
        table.pop()
    if not table or blank(table[0]):
        raise TableError("The selected file is empty.")
    return table


def read_csv(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError("The CSV file must be saved as UTF-8 (in Excel: CSV UTF-8).") from error
    try:
        rows = list(csv.reader(io.StringIO(text), strict=True))
    except csv.Error as error:
        if "field limit" in str(error):
            raise TableError(
                f"A cell in the file is longer than {csv.field_size_limit():,} characters. "
                "Shorten it and try again."
            ) from error
        raise TableError(UNBALANCED_QUOTE) from error
    merged = merged_row(rows)
    if merged:
        raise TableError(f"Row {merged}: {UNBALANCED_QUOTE}")
    return rows


def merged_row(rows: list[list[str]]) -> int:
    """The row number of a cell that swallowed later rows through a stray quote.

    A cell may hold line breaks; but a line inside it that is itself laid out
    like a row of the file (as many commas as the heading has columns, less
    one) means the quotes ran on."""
    if not rows:
        return 0
    separators = max(len(rows[0]) - 1, 2)
    for number, row in enumerate(rows[1:], start=2):
        for value in row:
            if any(line.count(",") >= separators for line in value.splitlines()[1:]):
                return number
    return 0


def read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        check_archive(content, ARCHIVE_LIMITS)
    except ArchiveRefused as error:
        if error.damaged:
            raise TableError("The selected file is not a valid Excel workbook (.xlsx).") from error
        raise TableError(str(error)) from error
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise TableError("The selected file is not a valid Excel workbook (.xlsx).") from error
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 10)]
    workbook.close()
    return rows


def blank(row: Sequence) -> bool:
    return all(value is None or str(value).strip() == "" for value in row)


def positions(headings: Sequence, wanted: dict[str, str]) -> dict[str, int]:
    """Column index of each key; ``wanted`` maps a lower-case heading to a key."""
    found: dict[str, int] = {}
    for index, heading in enumerate(headings):
        key = wanted.get(str(heading or "").strip().lower())
        if key and key not in found:
            found[key] = index
    return found


def cell(row: Sequence, position: int):
    value = row[position] if position < len(row) else None
    return value.strip() if isinstance(value, str) else value


def text(value) -> str:
    return "" if value is None else str(value).strip()


def parse_date(value, column: str, error: Callable[[str, str], None]) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    error(column, f"“{value}” is not a date. Write dates like 31/03/2027.")
    return None
