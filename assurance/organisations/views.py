from django.shortcuts import render

from assurance.accounts.permissions import Action, requires

from . import selectors


@requires(Action.VIEW_ORGANISATION)
def organisation_list(request):
    return render(
        request,
        "organisations/organisation_list.html",
        {"organisations": selectors.organisation_directory(request.user)},
    )


@requires(Action.VIEW_ORGANISATION)
def organisation_detail(request, pk: int):
    organisation = selectors.get_organisation_for(
        request.user, pk, purpose=Action.VIEW_ORGANISATION
    )
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "districts": selectors.districts_of(organisation),
            "partnerships": selectors.partnerships_of(request.user, organisation),
        },
    )


@requires(Action.VIEW_ORGANISATION)
def partnership_detail(request, pk: int):
    partnership = selectors.get_partnership_for(request.user, pk, purpose=Action.VIEW_ORGANISATION)
    return render(request, "organisations/partnership_detail.html", {"partnership": partnership})
