"""Horizontal bar charts as plain geometry, drawn by a template as SVG on
the server (no script, no inline style). Every chart has a table beside it
with the same figures, which is what screen readers and printouts use."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 220
BAR_HEIGHT = 22
GAP = 10
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    shown: str  # the figure printed at the end of the bar
    y: int
    width: float
    colour: str  # an SVG fill (a presentation attribute, allowed by the CSP)
    text_y: int
    value_x: float
    marker_x: float | None = None  # e.g. the national share or a threshold


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int
    axis_x: int
    plot_width: int
    marker_label: str = ""


def bar_chart(
    title: str,
    rows: list[tuple[str, float | None, str]],
    *,
    maximum: float | None = None,
    markers: dict[str, float] | None = None,
    marker_label: str = "",
    colours: dict[str, str] | None = None,
) -> Chart:
    """rows: (label, value or None when hidden, text to print)."""
    values = [v for _, v, _ in rows if v is not None] + list((markers or {}).values())
    top = maximum or max(values, default=0) or 1
    plot = WIDTH - LABEL_WIDTH - 70
    bars = []
    for index, (label, value, shown) in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + GAP)
        width = 0 if value is None else plot * min(value, top) / top
        marker = (markers or {}).get(label)
        bars.append(
            Bar(
                label=label,
                value=value,
                shown=shown,
                y=y,
                width=round(width, 1),
                colour=(colours or {}).get(label, "#1d70b8"),
                text_y=y + BAR_HEIGHT - 6,
                value_x=round(LABEL_WIDTH + width + 6, 1),
                marker_x=None if marker is None else round(LABEL_WIDTH + plot * marker / top, 1),
            )
        )
    height = TOP * 2 + len(rows) * (BAR_HEIGHT + GAP)
    return Chart(title, tuple(bars), WIDTH, height, LABEL_WIDTH, LABEL_WIDTH, plot, marker_label)
