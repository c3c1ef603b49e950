"""CSV files: the marking on the first line, then a header row
and the data. Cells that a spreadsheet would read as a formula are quoted
with a leading apostrophe, so an exported name can never run as one."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float | date):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_from_rows(
    *, headers: Sequence[str], rows: Iterable[Sequence[object]], marking: str = "OFFICIAL"
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([marking])
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    # A byte-order mark so that Excel reads the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
