"""The register: filters, sorting, pagination and counts."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from assurance.accounts.permissions import Action, requires
from assurance.core.freshness import reused_until_data_changes
from assurance.ui.paging import page_links, sort_links

from .. import forms, rules, selectors
from ..models import Response, Status

PAGE_SIZE = 50
SORT_COLUMNS = [
    ("Source", "source"),
    ("No.", "number"),
    ("Response", "response"),
    ("Lead", "lead"),
    ("Milestone", "milestone"),
    ("Status", "status"),
]


# --- Register and sources -------------------------------------------------


@requires(Action.VIEW_RECORDS)
@reused_until_data_changes
def register(request):
    choices = selectors.register_choices(request.user)
    form = forms.RegisterFilterForm(request.GET or None, choices=choices)
    data = form.cleaned_data if form.is_valid() else {}
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    filters = selectors.RegisterFilters(
        source=data.get("source"),
        source_q=data.get("source_q", ""),
        statuses=data.get("status", []),
        responses=data.get("response", []),
        lead=data.get("lead", ""),
        criterion=data.get("criterion"),
        overdue=data.get("overdue", False),
        sort=sort if sort in selectors.SORTS else selectors.DEFAULT_SORT,
        descending=request.GET.get("dir") == "desc",
    )
    counts = selectors.register_counts(request.user, filters)
    paginator = Paginator(selectors.register(request.user, filters), PAGE_SIZE)
    # The counts have the total already: no second count of the whole register.
    paginator.count = counts["total"]
    page = paginator.get_page(request.GET.get("page"))
    today = timezone.localdate()
    for item in page.object_list:
        item.overdue = rules.is_overdue(item.milestone, item.status, today, item.response)
    return render(
        request,
        "recommendations/register.html",
        {
            "form": form,
            "page": page,
            "counts": counts,
            "by_response": [(label, counts[f"response_{v}"]) for v, label in Response.choices],
            "by_status": [(label, counts[f"status_{v}"]) for v, label in Status.choices],
            "pagination": page_links(page, request.GET),
            "columns": sort_links(SORT_COLUMNS, filters.sort, filters.descending, request.GET),
        },
    )
