from django.http import Http404, HttpResponse
from django.shortcuts import render

from assurance.accounts.permissions import Action, public, requires, signed_in
from assurance.ui.paging import paginate

from . import selectors
from .freshness import reused_until_data_changes
from .registry import home_sections_for


@signed_in
@reused_until_data_changes
def home(request):
    return render(request, "core/home.html", {"sections": home_sections_for(request.user)})


@public
def accessibility(request):
    return render(request, "core/accessibility.html")


@public
def privacy(request):
    return render(request, "core/privacy.html")


@public
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@requires(Action.VIEW_HISTORY)
def history(request, label: str, pk: int):
    record, entries = selectors.record_history(request.user, label, pk)
    if record is None:
        raise Http404
    page, pagination = paginate(request, entries, size=25)
    return render(
        request,
        "core/history.html",
        {
            "record": record,
            "entries": page.object_list,
            "pagination": pagination,
            "model_name": record._meta.verbose_name,
        },
    )
