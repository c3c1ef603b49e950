from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from assurance.accounts.permissions import Action, requires

from . import selectors, services
from .forms import FrameworkFileForm


@requires(Action.VIEW_FRAMEWORKS)
def library(request):
    return render(
        request,
        "frameworks/library.html",
        {
            "frameworks": selectors.framework_library(request.user),
            "crosswalks": selectors.crosswalk_list(request.user),
        },
    )


@requires(Action.VIEW_FRAMEWORKS)
def version_detail(request, slug: str, version: str):
    rubric = selectors.get_rubric_for(request.user, slug, version, purpose=Action.VIEW_FRAMEWORKS)
    return render(request, "frameworks/version_detail.html", {"rubric": rubric})


@requires(Action.VIEW_FRAMEWORKS)
def crosswalk_detail(request, slug: str):
    view = selectors.get_crosswalk_for(request.user, slug, purpose=Action.VIEW_FRAMEWORKS)
    return render(request, "frameworks/crosswalk_detail.html", {"view": view})


@requires(Action.MANAGE_FRAMEWORKS)
def upload(request):
    posted = request.method == "POST"
    form = FrameworkFileForm(request.POST, request.FILES) if posted else FrameworkFileForm()
    if posted and form.is_valid():
        try:
            result = services.framework_file_load(
                actor=request.user, uploaded_file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            for loaded in result.files:
                messages.success(request, f"{loaded.label}: {loaded.status}.")
            return redirect("frameworks:library")
    return render(request, "frameworks/upload.html", {"form": form})
