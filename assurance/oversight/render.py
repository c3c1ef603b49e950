"""Heatmap rows rendered once per dataset and kept with it: a national page
is 50 rows of a dozen tagged cells, and building them through the template
engine on every request cost most of the page's time budget. The markup is
the same as the template's would be, every value escaped by format_html."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .data import Dataset
from .selectors import Cell, HeatRow


def cell(c: Cell | None) -> SafeString:
    if c is None:
        return format_html(
            '<span class="govuk-hint govuk-!-display-inline">{}</span>', "Not scored"
        )
    if not c.band:
        return format_html('<span class="govuk-hint govuk-!-display-inline">{}</span>', "No level")
    movement = format_html(' <span aria-hidden="true">{}</span>', c.symbol) if c.symbol else ""
    words = (
        format_html('<span class="govuk-visually-hidden">, {}</span>', c.movement_words)
        if c.movement_words
        else ""
    )
    return format_html(
        '<strong class="govuk-tag {}">{} {}</strong>{}{}', c.css, c.value, c.words, movement, words
    )


def heat_row(data: Dataset, row: HeatRow, issued_pk: int) -> SafeString:
    return data.remember(("row", issued_pk), lambda: _heat_row(row))


def _heat_row(row: HeatRow) -> SafeString:
    holder = row.holder
    if holder.key.startswith("o"):
        name = format_html(
            '<a class="govuk-link" href="{}">{}</a>',
            reverse("oversight:council", args=[holder.key[1:]]),
            holder.name,
        )
    else:
        name = format_html("{}", holder.name)
    if holder.priority:
        name = format_html('{} <span class="govuk-body-s">(priority area)</span>', name)
    cells = format_html_join(
        "", '<td class="govuk-table__cell">{}</td>', ((cell(c),) for c in row.cells if c)
    )
    return format_html(
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{}</th>'
        '<td class="govuk-table__cell">{}</td>{}</tr>',
        name,
        holder.region_label,
        cells,
    )
