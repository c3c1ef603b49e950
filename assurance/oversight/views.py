"""Oversight pages: parse the filters, call one selector, render the page or
an export of the same report. Advisers and analysts only, except a
council's own overview."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string

from assurance.accounts.permissions import Action, requires
from assurance.core.freshness import reused_until_data_changes
from assurance.ui import paging

from . import charts, exports, register, rules, selectors
from . import render as rows_html
from .filters import FilterForm

REGIONAL = Action.VIEW_REGIONAL_OVERSIGHT
OVERVIEW = Action.VIEW_COUNCIL_OVERVIEW
PER_PAGE = 50
FORMATS = ("csv", "xlsx")


def _setup(request, *, all_periods: bool = False):
    view = selectors.scoped(request.user, purpose=REGIONAL)
    form = FilterForm(
        request.GET or None, choices=selectors.filter_choices(view), all_periods=all_periods
    )
    if form.is_bound:
        form.is_valid()
    return view, form, form.filters() if form.is_bound else _defaults(form)


def _defaults(form):
    form.cleaned_data = {}
    return form.filters()


FILTER_FIELDS = ("version", "period", "region", "nation", "kind", "priority")


def _context(request, view, form, filters, tab: str, **extra) -> dict:
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": form,
        "filters": filters,
        "tab": tab,
        "query": query.urlencode(),
        "frame": _frame(request, view, form, tab),
        **extra,
    }


def _frame(request, view, form, tab: str):
    """The sub-navigation and the filter form. Rendering a form's fields costs
    more than the rest of a page, and they depend only on the user's scope and
    the filters chosen, so each variant is rendered once per dataset."""
    chosen = tuple((k, request.GET.get(k, "")) for k in FILTER_FIELDS)
    key = ("frame", view.scope_key, tab, request.path, chosen)
    return view.data.remember(
        key,
        lambda: render_to_string(
            "oversight/includes/frame.html",
            {"form": form, "tab": tab, "path": request.path, "filtered": any(v for _, v in chosen)},
        ),
    )


def _page(request, items, per_page=PER_PAGE):
    try:
        return Paginator(items, per_page).get_page(request.GET.get("page"))
    except (TypeError, ValueError):
        raise Http404("No such page") from None


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Http404("No such format")


# --- Heatmap ---------------------------------------------------------------------


def _heatmap(request):
    view, form, filters = _setup(request)
    sort = request.GET.get("sort", "name")
    descending = request.GET.get("dir") == "desc"
    return (
        view,
        form,
        filters,
        sort,
        descending,
        selectors.heatmap(view, filters=filters, sort=sort, descending=descending),
    )


@requires(REGIONAL)
@reused_until_data_changes
def heatmap(request):
    view, form, filters = _setup(request)
    # Everything below the filters depends only on the user's scope and the
    # query (filters, sort, page): rendered once per dataset, since this is
    # the page advisers and analysts open most.
    query = tuple(sorted((name, tuple(values)) for name, values in request.GET.lists()))
    key = ("heatmap_body", view.scope_key, request.path, query)
    body = view.data.remember(key, lambda: _heatmap_body(request, view, filters))
    return render(
        request,
        "oversight/heatmap.html",
        _context(request, view, form, filters, "heatmap", body=body),
    )


def _heatmap_body(request, view, filters) -> str:
    sort = request.GET.get("sort", "name")
    descending = request.GET.get("dir") == "desc"
    report = selectors.heatmap(view, filters=filters, sort=sort, descending=descending)
    page = _page(request, report.rows)
    rows = [rows_html.heat_row(view.data, row, row.issued_pk) for row in page.object_list]
    columns = [("Council", "name"), ("Region", "region")] + [
        (c.heading, f"c{c.number}") for c in report.criteria if c.scored
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string(
        "oversight/includes/heatmap_body.html",
        {
            "report": report,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "pagination": paging.page_links(page, request.GET),
            "columns": paging.sort_links(columns, sort, descending, request.GET),
        },
    )


@requires(REGIONAL)
def heatmap_export(request, fmt: str):
    _check_format(fmt)
    *_, report = _heatmap(request)
    return exports.respond(exports.heatmap_table(report), fmt, "heatmap")


# --- Distributions -----------------------------------------------------------------


@requires(REGIONAL)
def distributions(request):
    view, form, filters = _setup(request)
    report = selectors.distributions(view, filters=filters)
    return render(
        request,
        "oversight/distributions.html",
        _context(
            request,
            view,
            form,
            filters,
            "distributions",
            report=report,
            levels_chart=_levels_chart(report),
            trend_chart=_trend_chart(report),
        ),
    )


@requires(REGIONAL)
def distributions_export(request, fmt: str):
    _check_format(fmt)
    view, form, filters = _setup(request)
    report = selectors.distributions(view, filters=filters)
    return exports.respond(exports.distributions_table(report), fmt, "distributions")


def _levels_chart(report):
    if not report.criteria:
        return ""
    bands = {}
    for row in report.criteria:
        for _, _, band, _ in row.counts:
            bands[band] = rules.BAND_FILLS.get(band, "#505a5f")
    rows = [
        (
            f"{row.criterion.number}. {row.criterion.title}",
            [(count, rules.BAND_FILLS.get(band, "#505a5f")) for _, _, band, count in row.counts],
        )
        for row in report.criteria
    ]
    return charts.stacked_bars(
        title="Councils at each level, by criterion",
        description="Bars split by level from lowest to highest, coloured by band. "
        "The table below gives every count.",
        rows=rows,
        legend=[(rules.band_words(b), fill) for b, fill in bands.items()],
    )


def _trend_chart(report):
    if not report.trend:
        return ""
    labels = [p.period for p in report.trend]
    dividers = [
        (i, p.version.title)
        for i, p in enumerate(report.trend)
        if i and p.version.pk != report.trend[i - 1].version.pk
    ]
    return charts.line_chart(
        title="Share of criteria meeting the duty, by period",
        description="One point per period; a dashed line marks a new framework version. "
        "The trend table gives every figure.",
        labels=labels,
        series=[("All criteria", "#1d70b8", [p.share for p in report.trend])],
        dividers=dividers,
    )


# --- Consistency -------------------------------------------------------------------


def _consistency(request):
    view, form, filters = _setup(request, all_periods=True)
    return view, form, filters, selectors.consistency_report(view, filters=filters)


@requires(REGIONAL)
def consistency(request):
    view, form, filters, report = _consistency(request)
    page = _page(request, report.councils)
    estimated = [a for a in report.assessors if a.effect]
    chart = (
        charts.intervals(
            title="How each assessor's levels differ from other assessors'",
            description="A dot per assessor at their estimated difference in levels, with a line "
            "two standard errors either side; red where flagged. The table gives every figure.",
            rows=[
                (a.name, a.effect.difference, 2 * a.effect.standard_error, a.effect.flagged)
                for a in estimated
            ],
            limit=0.5,
        )
        if estimated
        else ""
    )
    return render(
        request,
        "oversight/consistency.html",
        _context(
            request,
            view,
            form,
            filters,
            "consistency",
            report=report,
            page=page,
            pagination=paging.page_links(page, request.GET),
            chart=chart,
        ),
    )


@requires(REGIONAL)
def consistency_export(request, fmt: str):
    _check_format(fmt)
    *_, report = _consistency(request)
    return exports.respond(exports.consistency_table(report), fmt, "consistency")


# --- Recommendations ---------------------------------------------------------------


def _register(request):
    view, form, filters = _setup(request, all_periods=True)
    report = register.register_report(request.user, purpose=REGIONAL, filters=filters)
    return view, form, filters, report


@requires(REGIONAL)
def recommendations(request):
    view, form, filters, report = _register(request)
    page = _page(request, report.stale_sources, 25)
    chart = (
        charts.stacked_bars(
            title="Recommendations by region",
            description="Each bar: overdue, open but not overdue, and completed. "
            "The table below gives every count.",
            rows=[
                (
                    c.label,
                    [
                        (c.overdue, "#d4351c"),
                        (c.open - c.overdue, "#ffdd00"),
                        (c.completed, "#00703c"),
                    ],
                )
                for c in report.by_region
            ],
            legend=[("Overdue", "#d4351c"), ("Open", "#ffdd00"), ("Completed", "#00703c")],
        )
        if report.by_region
        else ""
    )
    return render(
        request,
        "oversight/recommendations.html",
        _context(
            request,
            view,
            form,
            filters,
            "recommendations",
            report=report,
            page=page,
            pagination=paging.page_links(page, request.GET),
            chart=chart,
        ),
    )


@requires(REGIONAL)
def recommendations_export(request, fmt: str):
    _check_format(fmt)
    view, form, filters, report = _register(request)
    return exports.respond(
        exports.register_table(report, report.stale_sources[:5000]), fmt, "recommendations"
    )


# --- A council's own overview --------------------------------------------------------


@requires(OVERVIEW)
def council(request, pk: int):
    organisation = selectors.get_council_for(request.user, pk, purpose=OVERVIEW)
    overview = selectors.council_overview(organisation)
    open_page = _page(request, register.open_recommendations_of(organisation), 25)
    # The levels part of the page changes only with issued data: rendered once.
    levels = overview.remember(
        ("overview_html", organisation.pk),
        lambda: render_to_string(
            "oversight/includes/overview_levels.html",
            {
                "organisation": organisation,
                "periods": list(reversed(overview.periods)),
                "chart": _overview_chart(organisation, overview.periods),
            },
        ),
    )
    return render(
        request,
        "oversight/council.html",
        {
            "organisation": organisation,
            "levels": levels,
            "page": open_page,
            "pagination": paging.page_links(open_page, request.GET),
            "minimum": rules.MIN_GROUP_FOR_SHARES,
        },
    )


def _overview_chart(organisation, periods):
    if not periods:
        return ""
    return charts.line_chart(
        title=f"Share of criteria meeting the duty: {organisation.name}, its region and nation",
        description="One point per period for the council, its region and its nation; "
        "the table gives every figure.",
        labels=[p.issued.period for p in periods],
        series=[
            ("This council", "#1d70b8", [p.own_share for p in periods]),
            ("Region", "#00703c", [p.region_share for p in periods]),
            ("Nation", "#4c2c92", [p.nation_share for p in periods]),
        ],
    )


@requires(OVERVIEW)
def council_export(request, pk: int, fmt: str):
    _check_format(fmt)
    organisation = selectors.get_council_for(request.user, pk, purpose=OVERVIEW)
    periods = selectors.council_overview(organisation).periods
    return exports.respond(
        exports.overview_table(organisation, periods), fmt, f"overview-{organisation.pk}"
    )
