"""Small-number suppression: the one place that decides how counts of
referrals or cases are shown to anyone outside the council.

- A count from 1 to 4 is shown as "fewer than 5".
- A total that adds up any hidden count is not shown either, nor is any
  share worked out from it: otherwise the hidden count could be found by
  subtracting the others from it. Rounding such a total to the nearest 5 is
  not enough on its own: two cells "fewer than 5" beside a total of "10"
  can only be 4 and 4 (the property test in tests/test_suppression.py finds
  cases like this). So outsiders see a total only when it is exact and every
  count in it is shown, and then it is rounded to the nearest 5 unless it is 0.
- In a table of quarters by sector, the same holds for every row, column and
  the grand total.

The council's own people see exact figures (``exact=True``): who may is
decided by ``permissions`` (Action.VIEW_UNSUPPRESSED_FIGURES), not here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

THRESHOLD = 5
FEWER_THAN = "fewer than 5"
HIDDEN = "not shown"


@dataclass(frozen=True)
class Cell:
    shown: str  # what to print
    value: int | None  # the number a chart may draw; None when hidden
    share: float | None = None  # per cent of the total; None when hidden or no total


@dataclass(frozen=True)
class Table:
    cells: dict[str, Cell]
    total: Cell
    suppressed: bool


@dataclass(frozen=True)
class Grid:
    rows: dict[object, Table]  # each row with its row total
    columns: Table  # column totals, with the grand total


def small(count: int) -> bool:
    return 0 < count < THRESHOLD


def round_total(total: int) -> int:
    """To the nearest 5, halves up."""
    return THRESHOLD * ((total + THRESHOLD // 2) // THRESHOLD)


def single(count: int, *, exact: bool) -> Cell:
    """One count shown on its own."""
    if exact or not small(count):
        return Cell(str(count), count)
    return Cell(FEWER_THAN, None)


def _total(total: int, *, exact: bool, any_hidden: bool) -> Cell:
    if exact or total == 0:
        return Cell(str(total), total)
    if any_hidden:
        return Cell(HIDDEN, None)
    rounded = round_total(total)
    return Cell(str(total) if rounded == total else f"{rounded} (rounded)", rounded)


def suppress(counts: Mapping[str, int], *, exact: bool) -> Table:
    cells = {key: single(value, exact=exact) for key, value in counts.items()}
    any_hidden = any(cell.value is None for cell in cells.values())
    total = sum(counts.values())
    total_cell = _total(total, exact=exact, any_hidden=any_hidden)
    if total_cell.value is not None and total_cell.value > 0 and (exact or not any_hidden):
        cells = {
            key: Cell(cell.shown, cell.value, round(100 * cell.value / total, 1))
            for key, cell in cells.items()
        }
    return Table(cells=cells, total=total_cell, suppressed=any_hidden)


def suppress_grid(rows: Mapping[object, Mapping[str, int]], *, exact: bool) -> Grid:
    """Rows (e.g. quarters) by columns (e.g. sectors), with both sets of totals."""
    tables = {key: suppress(values, exact=exact) for key, values in rows.items()}
    columns: dict[str, int] = {}
    hidden_in: dict[str, bool] = {}
    for key, values in rows.items():
        for column, value in values.items():
            columns[column] = columns.get(column, 0) + value
            hidden_in[column] = hidden_in.get(column, False) or (
                tables[key].cells[column].value is None
            )
    cells = {
        column: _total(value, exact=exact, any_hidden=hidden_in[column])
        if not small(value) or exact
        else Cell(FEWER_THAN, None)
        for column, value in columns.items()
    }
    any_hidden = any(hidden_in.values()) or any(c.value is None for c in cells.values())
    grand = sum(columns.values())
    if exact or not any_hidden:
        cells = {
            column: Cell(cell.shown, cell.value, round(100 * columns[column] / grand, 1))
            if grand
            else cell
            for column, cell in cells.items()
        }
    return Grid(
        rows=tables,
        columns=Table(cells, _total(grand, exact=exact, any_hidden=any_hidden), any_hidden),
    )
