"""Small-number suppression, the one place it is decided."""

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from assurance.delivery import suppression
from assurance.delivery.suppression import FEWER_THAN, suppress, suppress_grid


def test_the_council_sees_exact_figures():
    table = suppress({"a": 3, "b": 10}, exact=True)
    assert table.cells["a"].shown == "3" and table.total.shown == "13"
    assert table.cells["a"].share == round(100 * 3 / 13, 1)
    assert not table.suppressed


def test_counts_from_1_to_4_are_fewer_than_5_and_hide_their_total():
    table = suppress({"a": 1, "b": 4, "c": 0, "d": 12}, exact=False)
    assert table.cells["a"].shown == FEWER_THAN
    assert table.cells["b"].shown == FEWER_THAN
    assert table.cells["c"].shown == "0"
    assert table.cells["d"].shown == "12"
    assert table.total.shown == "not shown"
    assert all(cell.share is None for cell in table.cells.values())


def test_without_small_numbers_totals_are_rounded_to_5():
    table = suppress({"a": 5, "b": 0, "c": 9}, exact=False)
    assert table.total.shown == "15 (rounded)" and not table.suppressed
    assert suppress({"a": 5, "b": 10}, exact=False).total.shown == "15"
    assert suppress({"a": 0, "b": 0}, exact=False).total.shown == "0"
    assert suppression.round_total(12) == 10 and suppression.round_total(13) == 15


def test_single_counts():
    assert suppression.single(3, exact=False).shown == FEWER_THAN
    assert suppression.single(3, exact=True).shown == "3"
    assert suppression.single(0, exact=False).shown == "0"
    assert suppression.single(5, exact=False).shown == "5"


def test_a_grid_hides_every_total_a_hidden_count_is_in():
    grid = suppress_grid({1: {"a": 3, "b": 10}, 2: {"a": 10, "b": 10}}, exact=False)
    assert grid.rows[1].total.shown == "not shown"
    assert grid.rows[2].total.shown == "20"
    assert grid.columns.cells["a"].shown == "not shown"
    assert grid.columns.cells["b"].shown == "20"
    assert grid.columns.total.shown == "not shown"
    assert grid.columns.cells["b"].share is None  # a share would give the total away


def _printed(table):
    return tuple(sorted((k, c.shown) for k, c in table.cells.items())), table.total.shown


@settings(deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=2, max_size=4))
def test_a_hidden_count_cannot_be_worked_out(values):
    """Every table that prints the same page leaves each hidden count with at
    least two possible values."""
    counts = {str(i): v for i, v in enumerate(values)}
    table = suppress(counts, exact=False)
    printed = _printed(table)
    hidden = [k for k, c in table.cells.items() if c.value is None]
    if not hidden:
        return
    options = {k: set() for k in hidden}
    ranges = [range(0, 10) if k in hidden else [counts[k]] for k in counts]
    for candidate in product(*ranges):
        trial = dict(zip(counts, candidate, strict=True))
        if _printed(suppress(trial, exact=False)) == printed:
            for k in hidden:
                options[k].add(trial[k])
    assert all(len(found) >= 2 for found in options.values()), options


@settings(deadline=None, max_examples=40)
@given(st.lists(st.integers(min_value=0, max_value=7), min_size=4, max_size=4))
def test_a_hidden_count_in_a_grid_cannot_be_worked_out(values):
    rows = {1: {"a": values[0], "b": values[1]}, 2: {"a": values[2], "b": values[3]}}

    def printed(grid):
        return (
            tuple(_printed(grid.rows[k]) for k in sorted(grid.rows)),
            _printed(grid.columns),
        )

    shown = printed(suppress_grid(rows, exact=False))
    cells = [(r, c) for r in rows for c in rows[r]]
    hidden = [
        (r, c) for r, c in cells if suppress_grid(rows, exact=False).rows[r].cells[c].value is None
    ]
    if not hidden:
        return
    options = {cell: set() for cell in hidden}
    ranges = [range(0, 8) if cell in hidden else [rows[cell[0]][cell[1]]] for cell in cells]
    for candidate in product(*ranges):
        trial = {1: {}, 2: {}}
        for (r, c), v in zip(cells, candidate, strict=True):
            trial[r][c] = v
        if printed(suppress_grid(trial, exact=False)) == shown:
            for cell in hidden:
                options[cell].add(trial[cell[0]][cell[1]])
    assert all(len(found) >= 2 for found in options.values()), options
