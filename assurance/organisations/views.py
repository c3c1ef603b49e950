from django.shortcuts import render

from assurance.accounts.permissions import Action, requires
from assurance.ui.paging import paginate

from . import selectors


@requires(Action.VIEW_ORGANISATION)
def organisation_list(request):
    q = request.GET.get("q", "").strip()[:100]
    page, pagination = paginate(request, selectors.organisation_directory(request.user, q=q))
    return render(
        request,
        "organisations/organisation_list.html",
        {"organisations": page.object_list, "page": page, "pagination": pagination, "q": q},
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
