"""Small-number suppression: the one place that decides how a count of
referrals or cases is shown to anyone outside the council.

- A count from 1 to 4 is shown as "fewer than 5" (primary suppression).
- If a table would then have exactly one hidden cell, the smallest other
  non-zero cell is hidden too (secondary suppression), so that the hidden
  cell cannot be found by subtracting the others from the total.
- Whenever any cell is hidden, the total is rounded to the nearest 5 (and a
  total from 1 to 4 is itself "fewer than 5").
- Shares are given only for cells that are shown, against the rounded total.

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


def small(count: int) -> bool:
    return 0 < count < THRESHOLD


def round_total(total: int) -> int:
    return THRESHOLD * round(total / THRESHOLD)


def suppress(counts: Mapping[str, int], *, exact: bool) -> Table:
    total = sum(counts.values())
    if exact:
        return Table(
            cells={k: Cell(str(v), v, _share(v, total)) for k, v in counts.items()},
            total=Cell(str(total), total),
            suppressed=False,
        )
    hidden = {key for key, value in counts.items() if small(value)}
    if len(hidden) == 1:
        others = sorted(
            (value, key) for key, value in counts.items() if key not in hidden and value > 0
        )
        if others:
            hidden.add(others[0][1])
    if not hidden:
        return suppress(counts, exact=True)
    shown_total = round_total(total)
    cells = {}
    for key, value in counts.items():
        if key in hidden:
            cells[key] = Cell(FEWER_THAN if small(value) else HIDDEN, None)
        else:
            cells[key] = Cell(str(value), value, _share(value, shown_total))
    total_cell = (
        Cell(FEWER_THAN, None) if small(total) else Cell(f"{shown_total} (rounded)", shown_total)
    )
    return Table(cells=cells, total=total_cell, suppressed=True)


def single(count: int, *, exact: bool) -> Cell:
    """One count shown on its own (e.g. a quarter's total)."""
    if exact or not small(count):
        return Cell(str(count), count)
    return Cell(FEWER_THAN, None)


def _share(value: int, total: int) -> float | None:
    return round(100 * value / total, 1) if total else None
