"""One recommendation and its progress log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.ui.forms import add_service_errors

from .. import forms, selectors, services

# --- One recommendation -----------------------------------------------------


def _recommendation_page(request, recommendation, form, status=200):
    return render(
        request,
        "recommendations/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "source": recommendation.source,
            "progress": selectors.progress_of(recommendation),
            "form": form,
            "classification": recommendation.source.marking,
        },
        status=status,
    )


@requires(Action.VIEW_RECORDS)
def recommendation_detail(request, pk: int):
    recommendation = selectors.get_recommendation_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    form = forms.ProgressForm(initial={"status": recommendation.status})
    return _recommendation_page(request, recommendation, form)


@require_POST
@requires(Action.RECORD_PROGRESS)
def progress_add(request, pk: int):
    recommendation = selectors.get_recommendation_for(
        request.user, pk, purpose=Action.RECORD_PROGRESS
    )
    form = forms.ProgressForm(request.POST)
    if form.is_valid():
        try:
            services.progress_add(
                actor=request.user, recommendation=recommendation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The progress has been recorded.")
            return redirect("recommendations:recommendation", pk=recommendation.pk)
    return _recommendation_page(
        request,
        selectors.get_recommendation_for(request.user, pk, purpose=Action.VIEW_RECORDS),
        form,
    )
