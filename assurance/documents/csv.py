"""CSV files the service writes: UTF-8 with a byte-order mark (so that Excel
reads accents), and every text that a spreadsheet would take for a formula
neutralised with a leading apostrophe (the usual defence: the apostrophe
shows, the formula never runs)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from assurance.ui.text import clean_text, looks_like_formula


def csv_from_rows(*, headers: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def csv_cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = clean_text(str(value))
    return f"'{text}" if looks_like_formula(text) else text
