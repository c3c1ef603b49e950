"""One recommendation and its progress log."""

from django.shortcuts import render
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.ui.forms import run_service

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
            "marking": recommendation.source.marking,
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
    done = run_service(
        request,
        form,
        lambda data: services.progress_add(
            actor=request.user, recommendation=recommendation, **data
        ),
        success="The progress has been recorded.",
        then=("recommendations:recommendation", recommendation.pk),
    )
    return done or _recommendation_page(
        request,
        selectors.get_recommendation_for(request.user, pk, purpose=Action.VIEW_RECORDS),
        form,
    )
