"""National recommendations: the list, publishing, and the national view."""

from django.shortcuts import render

from assurance.accounts.permissions import Action, has_action, requires
from assurance.organisations.models import COUNCIL_KINDS, Nation, OrganisationKind
from assurance.organisations.selectors import all_regions
from assurance.ui.forms import run_service

from .. import forms, selectors, services


@requires(Action.VIEW_REGIONAL_OVERSIGHT)
def national_list(request):
    sources = selectors.visible_national_sources(request.user, purpose=Action.VIEW_RECORDS)
    return render(request, "recommendations/national_list.html", {"sources": sources})


@requires(Action.PUBLISH_NATIONAL_RECOMMENDATIONS)
def national_publish(request):
    form = forms.NationalSourceForm(
        request.POST or None,
        regions=all_regions(),
        nations=Nation.choices,
        council_kinds=[(k, label) for k, label in OrganisationKind.choices if k in COUNCIL_KINDS],
    )

    def then(national):
        if has_action(request.user, Action.VIEW_REGIONAL_OVERSIGHT):
            return ("recommendations:national", national.pk)
        return "recommendations:national_publish"

    done = request.method == "POST" and run_service(
        request,
        form,
        lambda data: services.national_source_publish(actor=request.user, **data),
        success=lambda national: (
            f"“{national.title}” has been published to {national.applications.count()} councils."
        ),
        then=then,
    )
    return done or render(request, "recommendations/national_form.html", {"form": form})


@requires(Action.VIEW_REGIONAL_OVERSIGHT)
def national_detail(request, pk: int):
    national = selectors.get_national_source_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    nationally = has_action(request.user, Action.VIEW_NATIONAL_OVERSIGHT)
    return render(
        request,
        "recommendations/national_detail.html",
        {
            "national": national,
            "nationally": nationally,
            "progress": selectors.national_progress(request.user, national),
            "positions": [] if nationally else selectors.national_positions(request.user, national),
            "marking": national.marking,
        },
    )
