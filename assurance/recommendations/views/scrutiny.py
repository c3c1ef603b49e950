"""The scrutiny pack: choose a council and a period, download it."""

from django.http import Http404
from django.shortcuts import redirect, render

from assurance.accounts.permissions import Action, requires
from assurance.documents.responses import file_response
from assurance.organisations.selectors import get_organisation_for, visible_organisations

from .. import forms, scrutiny, selectors, services


@requires(Action.VIEW_RECORDS)
def scrutiny_pack(request):
    organisations = visible_organisations(request.user, purpose=Action.VIEW_RECORDS)
    form = forms.ScrutinyPackForm(request.GET or None, organisations=organisations)
    choice = form.cleaned_data if form.is_bound and form.is_valid() else None
    context = {"form": form, "choice": choice}
    if choice:
        context["period_slug"] = choice["period"].replace("/", "-")
    return render(request, "recommendations/scrutiny_pack_form.html", context)


def _current_pack(request, pk: int, period_slug: str, extension: str):
    """The person's pack as the records are now: the cached one, or one
    queued for the task worker (which the immediate backend of the tests
    has built already)."""
    period = period_slug.replace("-", "/")
    bounds = scrutiny.period_bounds(period)
    if bounds is None or extension not in scrutiny.RENDERERS:
        raise Http404
    organisation = get_organisation_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    fingerprint = selectors.scrutiny_pack_fingerprint(organisation, period, *bounds)
    built = selectors.current_scrutiny_pack(
        request.user, organisation, period, extension, fingerprint
    )
    if built is None or built.status == "failed":
        built = services.scrutiny_pack_request(
            actor=request.user,
            organisation=organisation,
            period=period,
            extension=extension,
            fingerprint=fingerprint,
        )
    return built


@requires(Action.VIEW_RECORDS)
def scrutiny_pack_download(request, pk: int, period: str, extension: str):
    """The file once built; until then, the status page."""
    built = _current_pack(request, pk, period, extension)
    if not built.is_ready:
        return redirect("recommendations:scrutiny_pack_status", pk, period, extension)
    with built.file.open("rb") as handle:
        content = handle.read()
    return file_response(content, filename=built.filename, extension=extension)


@requires(Action.VIEW_RECORDS)
def scrutiny_pack_status(request, pk: int, period: str, extension: str):
    built = _current_pack(request, pk, period, extension)
    return render(
        request,
        "recommendations/scrutiny_pack_status.html",
        {"document": built, "period_slug": period},
    )
