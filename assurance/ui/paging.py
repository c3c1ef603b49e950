"""Pagination for every list that can grow: ``paginate`` gives a page and the
links for GOV.UK pagination (core/includes/pagination.html), and
``sort_links`` sortable column headings, keeping the rest of the query
string (the filters) intact."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import QueryDict


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None for an ellipsis
    href: str = ""
    current: bool = False


def _with(query: QueryDict, **values) -> str:
    query = query.copy()
    for key, value in values.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = str(value)
    return "?" + query.urlencode()


def page_links(page: Page, query: QueryDict) -> dict:
    total, current = page.paginator.num_pages, page.number
    wanted = sorted({1, total, current - 1, current, current + 1} & set(range(1, total + 1)))
    links: list[PageLink] = []
    for number in wanted:
        if links and links[-1].number is not None and number - links[-1].number > 1:
            links.append(PageLink(None))
        links.append(PageLink(number, _with(query, page=number), number == current))
    return {
        "items": links if total > 1 else [],
        "previous": _with(query, page=current - 1) if page.has_previous() else "",
        "next": _with(query, page=current + 1) if page.has_next() else "",
    }


@dataclass(frozen=True)
class SortLink:
    label: str
    key: str
    href: str
    aria_sort: str  # "ascending", "descending" or "none"


def sort_links(
    columns: list[tuple[str, str]], sort: str, descending: bool, query: QueryDict
) -> list:
    links = []
    for label, key in columns:
        active = key == sort
        flip = "asc" if active and descending else "desc" if active else "asc"
        state = ("descending" if descending else "ascending") if active else "none"
        links.append(SortLink(label, key, _with(query, sort=key, dir=flip, page=None), state))
    return links


PAGE_SIZE = 50


def paginate(request, queryset, size: int = PAGE_SIZE) -> tuple[Page, dict]:
    """The requested page of a list (the last for a page past the end, the
    first for nonsense) and its links; two queries: a count and the page."""
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    return page, page_links(page, request.GET)
