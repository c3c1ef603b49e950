"""Reading recommendations from a CSV or XLSX file laid out like the template.

Parsing saves nothing: it returns the rows it understood and every problem
it found (row number, column, problem) so that the person can see a full
preview before confirming. A file with any problem is never imported."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field
from datetime import date

from assurance.documents.tabular import MAX_BYTES, MAX_ROWS, RowError, TableError, read_table
from assurance.documents.tabular import blank as _blank
from assurance.documents.tabular import parse_date as _date

from . import rules

__all__ = ["MAX_BYTES", "MAX_ROWS", "RowError", "parse"]

# (heading in the template, key, required)
COLUMNS = [
    ("Number", "number", True),
    ("Recommendation", "text", True),
    ("Theme", "theme", False),
    ("Response", "response", False),
    ("Reason", "reason", False),
    ("Lead", "lead", False),
    ("Milestone", "milestone", False),
    ("Status", "status", False),
    ("Date completed", "completed_on", False),
    ("Progress", "progress", False),
]
HEADINGS = [heading for heading, _, _ in COLUMNS]
EXAMPLE_ROW = [
    1,
    "Give every action in the local delivery plan an owner and a target date.",
    "Governance",
    "Accepted",
    "",
    "Head of Community Safety",
    "31/03/2027",
    "Not started",
    "",
    "",
]
RESPONSE_CHOICES = ["Accepted", "Partially accepted", "Rejected"]
STATUS_CHOICES = ["Not started", "In progress", "Completed", "Superseded"]
_RESPONSES = {
    "": rules.PENDING,
    "pending": rules.PENDING,
    "accepted": rules.ACCEPTED,
    "accept": rules.ACCEPTED,
    "partially accepted": rules.PARTIALLY_ACCEPTED,
    "partially accept": rules.PARTIALLY_ACCEPTED,
    "partial": rules.PARTIALLY_ACCEPTED,
    "rejected": rules.REJECTED,
    "reject": rules.REJECTED,
}
_STATUSES = {
    "": rules.NOT_STARTED,
    "not started": rules.NOT_STARTED,
    "in progress": rules.IN_PROGRESS,
    "completed": rules.COMPLETED,
    "complete": rules.COMPLETED,
    "superseded": rules.SUPERSEDED,
}


@dataclass
class ImportRow:
    row: int
    number: str
    text: str
    theme: str = ""
    response: str = rules.PENDING
    reason: str = ""
    lead: str = ""
    milestone: date | None = None
    status: str = rules.NOT_STARTED
    completed_on: date | None = None
    # Optional text of a progress entry to record with the row.
    progress: str = ""
    # Set for a number already in the source: the row updates its status and
    # progress (other columns are ignored); the status it has now.
    current_status: str | None = None

    def __post_init__(self) -> None:
        self.number = rules.clean_number(self.number) or str(self.number)

    @property
    def is_update(self) -> bool:
        return self.current_status is not None

    @property
    def changes(self) -> bool:
        return bool(self.progress) or self.status != self.current_status

    @property
    def current_status_label(self) -> str:
        return (self.current_status or "").replace("_", " ").capitalize()

    def to_session(self) -> dict:
        data = asdict(self)
        for key in ("milestone", "completed_on"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_session(cls, data: dict) -> ImportRow:
        data = dict(data)
        for key in ("milestone", "completed_on"):
            data[key] = date.fromisoformat(data[key]) if data[key] else None
        return cls(**data)

    def to_model(self, source):
        from .models import Recommendation

        values = asdict(self)
        for key in ("row", "progress", "current_status"):
            values.pop(key)
        return Recommendation(source=source, **values)

    @property
    def response_label(self) -> str:
        return self.response.replace("_", " ").capitalize()

    @property
    def status_label(self) -> str:
        return self.status.replace("_", " ").capitalize()


@dataclass
class ParseResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def parse(filename: str, content: bytes, existing: dict | None = None) -> ParseResult:
    """Read a whole upload. ``existing`` maps the numbers already in the source
    to their status: a row with one of them updates that recommendation's
    status and progress instead of creating one."""
    try:
        table = read_table(filename, content)
    except TableError as error:
        return _fail(error.problem)
    return _parse_table(table, {str(k): v for k, v in (existing or {}).items()})


def _fail(problem: str, column: str = "") -> ParseResult:
    return ParseResult(errors=[RowError(0, column, problem)])


def _parse_table(table: list[list], existing: dict[str, str]) -> ParseResult:
    table = list(table)
    while table and _blank(table[-1]):
        table.pop()
    if not table or _blank(table[0]):
        return _fail("The selected file is empty.")
    positions = _positions(table[0])
    missing = [h for h, key, required in COLUMNS if required and key not in positions]
    if missing:
        return _fail(
            f"The file is missing the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}. Use the template.",
        )
    body = table[1:]
    if not body or all(_blank(row) for row in body):
        return _fail("The file has headings but no recommendations.")
    if len(body) > MAX_ROWS:
        return _fail(f"The file has {len(body)} rows. Import at most {MAX_ROWS} at a time.")
    result, seen = ParseResult(), set()
    for index, raw in enumerate(body, start=2):
        if _blank(raw):
            continue
        values = {key: _value(raw, position) for key, position in positions.items()}
        number = _number(values.get("number"))
        updating = number in existing
        if updating and not _text(values.get("status")):
            values["status"] = existing[number]  # a blank status keeps the current one
        row = _parse_row(index, values, result.errors, updating=updating)
        if row is None:
            continue
        if row.number in seen:
            result.errors.append(
                RowError(index, "Number", f"Number {row.number} is used earlier in the file.")
            )
        seen.add(row.number)
        if row.number in existing:
            row.current_status = existing[row.number]
        result.rows.append(row)
    return result


def _positions(headings: list) -> dict[str, int]:
    wanted = {heading.lower(): key for heading, key, _ in COLUMNS}
    positions = {}
    for index, heading in enumerate(headings):
        key = wanted.get(str(heading or "").strip().lower())
        if key and key not in positions:
            positions[key] = index
    return positions


def _value(row: list, position: int):
    value = row[position] if position < len(row) else None
    return value.strip() if isinstance(value, str) else value


def _parse_row(
    index: int, values: dict, errors: list[RowError], *, updating: bool = False
) -> ImportRow | None:
    before = len(errors)

    def error(column: str, problem: str) -> None:
        errors.append(RowError(index, column, problem))

    number = _number(values.get("number"))
    if number is None:
        error("Number", "Enter the recommendation's number, such as 3, 2a or 1.1.")
    text = _text(values.get("text"))
    if not text:
        error("Recommendation", "Enter the text of the recommendation.")
    response = _RESPONSES.get(_key(values.get("response")))
    if response is None:
        error("Response", "Response must be Accepted, Partially accepted, Rejected or blank.")
    status = _STATUSES.get(_key(values.get("status")))
    if status is None:
        error("Status", "Status must be Not started, In progress, Completed or Superseded.")
    reason = _text(values.get("reason"))
    if response and rules.reason_required(response) and not reason:
        error("Reason", "Give a reason when a recommendation is partially accepted or rejected.")
    milestone = _date(values.get("milestone"), "Milestone", error)
    completed_on = _date(values.get("completed_on"), "Date completed", error)
    if completed_on and status and status != rules.COMPLETED:
        error("Date completed", "Only give a date completed when the status is Completed.")
    if status == rules.COMPLETED and not completed_on and not updating and len(errors) == before:
        error("Date completed", "Give the date a completed recommendation was completed.")
    if len(errors) > before:
        return None
    return ImportRow(
        row=index,
        number=number,
        text=text,
        theme=_text(values.get("theme"))[:200],
        response=response,
        reason=reason,
        lead=_text(values.get("lead"))[:250],
        milestone=milestone,
        status=status,
        completed_on=completed_on,
        progress=_text(values.get("progress")),
    )


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _key(value) -> str:
    return " ".join(_text(value).lower().replace("_", " ").split())


def _number(value) -> str | None:
    return rules.clean_number(value)


def template_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS)
    writer.writerow(EXAMPLE_ROW)
    # utf-8-sig so that Excel opens accented text correctly.
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The template with drop-down lists for Response and Status, and its
    Number column formatted as text."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from assurance.documents.xlsx import workbook_from_rows

    content = workbook_from_rows(title="Recommendations", headers=HEADINGS, rows=[EXAMPLE_ROW])
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    # Numbers are text, so that Excel keeps "1.10" and "2a" as typed rather
    # than turning 1.10 into the decimal 1.1.
    number_column = get_column_letter([k for _, k, _ in COLUMNS].index("number") + 1)
    sheet.column_dimensions[number_column].number_format = "@"
    for key, choices in (("response", RESPONSE_CHOICES), ("status", STATUS_CHOICES)):
        column = get_column_letter([k for _, k, _ in COLUMNS].index(key) + 1)
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Choose from the list",
            error=f"Choose one of: {', '.join(choices)}.",
        )
        validation.add(f"{column}2:{column}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
