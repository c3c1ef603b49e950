"""Charts as server-rendered SVG: no script, no inline style (the CSP forbids
it), presentation attributes only. Each chart has a title and description
for assistive technology, and every page shows the same figures in a table
beside or below it, so nothing is only in a picture."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

TEXT = "#0b0c0c"
GRID = "#b1b4b6"
WIDTH = 640
_ids = itertools.count(1)


def _frame(title: str, description: str, height: int, body: list[str]) -> SafeString:
    n = next(_ids)
    # Every piece of text inside is escaped; numbers are formatted by us.
    return mark_safe(  # noqa: S308
        f'<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}"'
        f' width="100%" role="img" aria-labelledby="chart-{n}-title chart-{n}-desc"'
        f' focusable="false">'
        f'<title id="chart-{n}-title">{escape(title)}</title>'
        f'<desc id="chart-{n}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def _text(x, y, content, *, anchor="start", size=14, weight="normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" fill="{TEXT}" font-size="{size}"'
        f' font-family="system-ui, Arial, sans-serif" font-weight="{weight}"'
        f' text-anchor="{anchor}">{escape(content)}</text>'
    )


def stacked_bars(
    *,
    title: str,
    description: str,
    rows: Sequence[tuple[str, Sequence[tuple[float, str]]]],
    legend: Sequence[tuple[str, str]],
) -> SafeString:
    """One horizontal bar per row, split into parts: rows are (label,
    [(amount, fill)]), each bar scaled to the largest total; legend is
    [(name, fill)]."""
    label_width, bar_height, gap, top = 170, 20, 8, 34
    longest = max((sum(a for a, _ in parts) for _, parts in rows), default=0) or 1
    span = WIDTH - label_width - 60
    body = []
    x = 0
    for name, fill in legend:
        body.append(f'<rect x="{x}" y="4" width="14" height="14" fill="{fill}" stroke="{TEXT}"/>')
        body.append(_text(x + 18, 16, name, size=12))
        x += 26 + 7 * len(name)
    for index, (label, parts) in enumerate(rows):
        y = top + index * (bar_height + gap)
        body.append(_text(label_width - 8, y + 15, label[:24], anchor="end", size=12))
        offset = label_width
        for amount, fill in parts:
            width = span * amount / longest
            if width > 0:
                body.append(
                    f'<rect x="{offset:.1f}" y="{y}" width="{width:.1f}" height="{bar_height}"'
                    f' fill="{fill}" stroke="#ffffff"/>'
                )
            offset += width
        total = sum(a for a, _ in parts)
        body.append(_text(offset + 6, y + 15, f"{total:g}", size=12))
    height = top + len(rows) * (bar_height + gap) + 4
    return _frame(title, description, height, body)


def line_chart(
    *,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float | None]]],
    dividers: Sequence[tuple[int, str]] = (),
) -> SafeString:
    """Shares (0 to 1) over periods: series are (name, colour, values); a
    divider (index, text) marks where a new framework version begins."""
    left, right, top, bottom = 48, 16, 40, 46
    height = 280
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    step = plot_w / max(len(labels) - 1, 1)
    body = []
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - tick / 100)
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        body.append(_text(left - 6, y + 4, f"{tick}%", anchor="end", size=11))
    for index, label in enumerate(labels):
        body.append(
            _text(left + index * step, height - bottom + 18, label, anchor="middle", size=11)
        )
    for index, text in dividers:
        x = left + (index - 0.5) * step
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" stroke="{TEXT}"'
            ' stroke-dasharray="4 4"/>'
        )
        body.append(_text(x + 4, top - 4, text[:40], size=11))
    x = left
    for name, colour, _values in series:
        body.append(f'<rect x="{x}" y="{height - 18}" width="14" height="4" fill="{colour}"/>')
        body.append(_text(x + 18, height - 12, name, size=12))
        x += 30 + 7 * len(name)
    for _name, colour, values in series:
        points = [
            (left + i * step, top + plot_h * (1 - v)) for i, v in enumerate(values) if v is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"/>'
            )
        for px, py in points:
            body.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{colour}"/>')
    return _frame(title, description, height, body)


def intervals(
    *,
    title: str,
    description: str,
    rows: Sequence[tuple[str, float, float, bool]],
    limit: float,
) -> SafeString:
    """A dot with an interval per row (label, estimate, half-width, highlighted),
    on a scale centred on zero, with dashed lines at ±limit."""
    label_width, row_h, top = 170, 24, 30
    span = WIDTH - label_width - 20
    reach = max([limit * 2] + [abs(e) + w for _, e, w, _ in rows]) or 1

    def at(value: float) -> float:
        return label_width + span * (value + reach) / (2 * reach)

    height = top + len(rows) * row_h + 10
    body = [
        f'<line x1="{at(0):.1f}" x2="{at(0):.1f}" y1="{top - 6}" y2="{height - 6}"'
        f' stroke="{TEXT}"/>',
        _text(at(0), top - 12, "0", anchor="middle", size=11),
    ]
    for sign in (-1, 1):
        x = at(sign * limit)
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 6}" y2="{height - 6}" stroke="{GRID}"'
            ' stroke-dasharray="4 4"/>'
        )
        body.append(_text(x, top - 12, f"{sign * limit:+g}", anchor="middle", size=11))
    for index, (label, estimate, half, highlighted) in enumerate(rows):
        y = top + index * row_h + 12
        colour = "#d4351c" if highlighted else "#1d70b8"
        body.append(_text(label_width - 8, y + 4, label[:24], anchor="end", size=12))
        body.append(
            f'<line x1="{at(estimate - half):.1f}" x2="{at(estimate + half):.1f}" y1="{y}" y2="{y}"'
            f' stroke="{colour}" stroke-width="2"/>'
        )
        body.append(f'<circle cx="{at(estimate):.1f}" cy="{y}" r="5" fill="{colour}"/>')
    return _frame(title, description, height, body)
