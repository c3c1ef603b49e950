"""Importing plan actions, meetings and training figures from CSV or XLSX.

The file is read by the shared machinery in ``documents.tabular`` (as the
recommendations register's import is); here each kind's columns are parsed
and checked with the same rules as the forms. Parsing saves nothing: the
person sees every row, or every problem, before confirming. A file with any
problem is never imported."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from assurance.documents.tabular import (
    MAX_BYTES,
    MAX_ROWS,
    RowError,
    TableError,
    blank,
    cell,
    parse_date,
    positions,
    read_table,
    text,
)

from . import rules
from .models import ActionStatus, AgencySector, MeetingStatus, TrainingMode

__all__ = ["MAX_BYTES", "SPECS", "ParseResult", "parse"]


@dataclass(frozen=True)
class Column:
    heading: str
    key: str
    kind: str = "text"  # text, date, count, bool, choice, sectors, reference
    required: bool = False
    choices: dict | None = None  # lower-case text -> stored value


def _choices(enum) -> dict[str, str]:
    found = {label.lower(): value for value, label in enum.choices}
    found.update({value.replace("_", " "): value for value in enum.values})
    return found


@dataclass(frozen=True)
class Spec:
    slug: str
    title: str
    columns: tuple[Column, ...]
    example: tuple
    parent: str | None = None  # the column naming a plan or a body


SPECS: dict[str, Spec] = {
    "actions": Spec(
        "actions",
        "Plan actions",
        (
            Column("Plan version", "plan", "reference", True),
            Column("Reference", "reference", required=True),
            Column("Action", "title", required=True),
            Column("Owner", "owner", required=True),
            Column("Start date", "start_on", "date"),
            Column("Due date", "due_on", "date"),
            Column("Status", "status", "choice", choices=_choices(ActionStatus)),
        ),
        (
            "2025-1",
            "A1",
            "Refresh the referral guidance for schools",
            "Prevent lead (council)",
            "01/04/2025",
            "31/10/2025",
            "In progress",
        ),
        parent="plan",
    ),
    "meetings": Spec(
        "meetings",
        "Meetings",
        (
            Column("Body", "body", "reference", True),
            Column("Date", "meeting_on", "date", True),
            Column("Status", "status", "choice", True, _choices(MeetingStatus)),
            Column("Sectors attending", "sectors_attending", "sectors"),
            Column("Plan reviewed", "plan_reviewed", "bool"),
        ),
        (
            "Prevent partnership board",
            "12/06/2025",
            "Held",
            "Local authority; Police; Health; Education",
            "Yes",
        ),
        parent="body",
    ),
    "training": Spec(
        "training",
        "Training figures",
        (
            Column("Cohort", "name", required=True),
            Column("Mode", "mode", "choice", True, _choices(TrainingMode)),
            Column("Mandated", "mandated", "bool"),
            Column("Cohort size", "cohort_size", "count", True),
            Column("Trained", "trained", "count", True),
            Column("Figures as at", "as_at", "date", True),
        ),
        ("Frontline staff", "E-learning", "Yes", 420, 388, "31/03/2026"),
    ),
}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}
_SECTORS = _choices(AgencySector)


@dataclass
class ParseResult:
    slug: str
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def parse(slug: str, filename: str, content: bytes, references: dict[str, int], today: date):
    """``references`` maps the lower-cased name of each plan version or body
    of the council to its id, for the kinds whose rows belong to one."""
    spec = SPECS[slug]
    result = ParseResult(slug)
    try:
        table = read_table(filename, content)
    except TableError as error:
        result.errors.append(RowError(0, "", error.problem))
        return result
    where = positions(table[0], {c.heading.lower(): c.key for c in spec.columns})
    missing = [c.heading for c in spec.columns if c.required and c.key not in where]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        result.errors.append(
            RowError(
                0,
                "",
                f"The file is missing the column{plural} {', '.join(missing)}. Use the template.",
            )
        )
        return result
    body = table[1:]
    if not body or all(blank(row) for row in body):
        result.errors.append(RowError(0, "", "The file has headings but no rows."))
        return result
    if len(body) > MAX_ROWS:
        result.errors.append(
            RowError(0, "", f"The file has {len(body)} rows. Import at most {MAX_ROWS} at a time.")
        )
        return result
    for index, raw in enumerate(body, start=2):
        if blank(raw):
            continue
        values = {key: cell(raw, position) for key, position in where.items()}
        row = _row(spec, index, values, references, today, result.errors)
        if row is not None:
            result.rows.append(row)
    return result


def _row(spec: Spec, index: int, raw: dict, references, today, errors) -> dict | None:
    before = len(errors)
    headings = {c.key: c.heading for c in spec.columns}

    def error(column: str, problem: str) -> None:
        errors.append(RowError(index, column, problem))

    values: dict = {"row": index}
    for column in spec.columns:
        value = raw.get(column.key)
        if column.required and text(value) == "":
            error(column.heading, f"Enter the {column.heading.lower()}.")
            continue
        values[column.key] = _value(column, value, references, error)
    if len(errors) == before:
        for key, problem in rules.record_problems(values, today).items():
            error(headings.get(key, key), problem)
    return None if len(errors) > before else values


def _value(column: Column, value, references, error):
    raw = text(value)
    if column.kind == "date":
        return parse_date(value, column.heading, error)
    if column.kind == "count":
        problem = rules.count_problem(value, column.heading.lower())
        if problem:
            error(column.heading, problem)
            return None
        return rules.as_count(value)
    if column.kind == "bool":
        if raw.lower() in _YES:
            return True
        if raw.lower() not in _NO:
            error(column.heading, f"{column.heading} must be Yes or No.")
        return False
    if column.kind == "choice":
        key = " ".join(raw.lower().replace("_", " ").split())
        if key not in column.choices and not (key == "" and not column.required):
            labels = sorted({v.replace("_", " ").capitalize() for v in column.choices.values()})
            error(column.heading, f"{column.heading} must be one of: {', '.join(labels)}.")
            return None
        return column.choices.get(key) or next(iter(column.choices.values()))
    if column.kind == "sectors":
        found = []
        for part in raw.replace(",", ";").split(";"):
            part = " ".join(part.strip().lower().split())
            if not part:
                continue
            if part not in _SECTORS:
                error(column.heading, f"“{part}” is not a sector. Use the sectors in the template.")
                continue
            found.append(_SECTORS[part])
        return sorted(set(found))
    if column.kind == "reference":
        found = references.get(raw.lower())
        if found is None:
            error(
                column.heading,
                f"“{raw}” does not match any {column.heading.lower()} of the council.",
            )
        return found
    return raw


def template_rows(slug: str) -> tuple[list[str], list]:
    spec = SPECS[slug]
    return [c.heading for c in spec.columns], list(spec.example)


def template_csv(slug: str) -> bytes:
    headings, example = template_rows(slug)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings)
    writer.writerow(example)
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(slug: str) -> bytes:
    from assurance.documents.xlsx import workbook_from_rows

    headings, example = template_rows(slug)
    return workbook_from_rows(title=SPECS[slug].title, headers=headings, rows=[example])


def to_session(result: ParseResult) -> list[dict]:
    return [
        {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}
        for row in result.rows
    ]


def from_session(slug: str, rows: list[dict]) -> list[dict]:
    dates = {c.key for c in SPECS[slug].columns if c.kind == "date"}
    return [
        {k: (date.fromisoformat(v) if k in dates and v else v) for k, v in row.items()}
        for row in rows
    ]
