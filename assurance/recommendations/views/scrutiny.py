"""The scrutiny pack: choose a council and a period, download it."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from assurance.accounts.permissions import Action, requires
from assurance.documents.responses import file_response
from assurance.organisations.selectors import get_organisation_for, visible_organisations

from .. import forms, scrutiny, selectors


@requires(Action.VIEW_RECORDS)
def scrutiny_pack(request):
    organisations = visible_organisations(request.user, purpose=Action.VIEW_RECORDS)
    form = forms.ScrutinyPackForm(request.GET or None, organisations=organisations)
    choice = form.cleaned_data if form.is_bound and form.is_valid() else None
    context = {"form": form, "choice": choice}
    if choice:
        context["period_slug"] = choice["period"].replace("/", "-")
    return render(request, "recommendations/scrutiny_pack_form.html", context)


@requires(Action.VIEW_RECORDS)
def scrutiny_pack_download(request, pk: int, period: str, extension: str):
    period = period.replace("-", "/")
    bounds = scrutiny.period_bounds(period)
    if bounds is None or extension not in scrutiny.RENDERERS:
        raise Http404
    organisation = get_organisation_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    items = selectors.scrutiny_items(request.user, organisation.pk, *bounds)
    national = [i for i in items if i.source.kind == "national"]
    pack = scrutiny.build_pack(
        request.user, organisation, period, items, national, timezone.localdate()
    )
    content = scrutiny.RENDERERS[extension](pack)
    return file_response(content, filename=pack.filename, extension=extension)
