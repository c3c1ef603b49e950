"""Sources: list, add, detail, respond to all, add one, close and reopen."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.organisations.selectors import visible_organisations
from assurance.ui.forms import add_service_errors, run_service

from .. import documents, forms, rules, selectors, services


@requires(Action.VIEW_RECORDS)
def source_list(request):
    return render(
        request,
        "recommendations/source_list.html",
        {"sources": selectors.sources_with_counts(request.user)},
    )


@requires(Action.MANAGE_RECOMMENDATION_SOURCES)
def source_create(request):
    organisations = visible_organisations(
        request.user, purpose=Action.MANAGE_RECOMMENDATION_SOURCES
    )
    form = forms.SourceForm(request.POST or None, organisations=organisations)
    done = run_service(
        request,
        form,
        lambda data: services.source_create(actor=request.user, **data),
        success=lambda source: f"“{source.title}” has been added. Now add its recommendations.",
        then=lambda source: ("recommendations:source", source.pk),
    )
    return done or render(request, "recommendations/source_form.html", {"form": form})


def _source_page(request, source, *, close_form=None, reopen_form=None, status=200):
    items = selectors.source_recommendations(source)
    return render(
        request,
        "recommendations/source_detail.html",
        {
            "source": source,
            "items": items,
            "blockers": rules.closure_blockers(items) if not source.is_closed else [],
            "figures": documents.closure_figures(items),
            "close_form": close_form or forms.CloseForm(),
            "reopen_form": reopen_form or forms.ReopenForm(),
            "form": close_form or reopen_form,
            "marking": source.marking,
        },
        status=status,
    )


@requires(Action.VIEW_RECORDS)
def source_detail(request, pk: int):
    return _source_page(
        request, selectors.get_source_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    )


@require_POST
@requires(Action.CLOSE_SOURCE)
def source_close(request, pk: int):
    source = selectors.get_source_for(request.user, pk, purpose=Action.CLOSE_SOURCE)
    form = forms.CloseForm(request.POST)
    done = run_service(
        request,
        form,
        lambda data: services.source_close(actor=request.user, source=source, **data),
        success=f"“{source.title}” has been closed.",
        then=("recommendations:source", source.pk),
    )
    return done or _source_page(
        request,
        selectors.get_source_for(request.user, pk, purpose=Action.VIEW_RECORDS),
        close_form=form,
    )


@require_POST
@requires(Action.CLOSE_SOURCE)
def source_reopen(request, pk: int):
    source = selectors.get_source_for(request.user, pk, purpose=Action.CLOSE_SOURCE)
    form = forms.ReopenForm(request.POST)
    done = run_service(
        request,
        form,
        lambda data: services.source_reopen(actor=request.user, source=source, **data),
        success=f"“{source.title}” has been reopened.",
        then=("recommendations:source", source.pk),
    )
    return done or _source_page(
        request,
        selectors.get_source_for(request.user, pk, purpose=Action.VIEW_RECORDS),
        reopen_form=form,
    )


@requires(Action.RESPOND_RECOMMENDATIONS)
def source_respond(request, pk: int):
    source = selectors.get_source_for(request.user, pk, purpose=Action.RESPOND_RECOMMENDATIONS)
    items = selectors.source_recommendations(source)
    people = [(u.pk, u.full_name) for u in selectors.council_people(source.organisation_id)]
    lines = [
        forms.ResponseForm(
            request.POST or None,
            recommendation=item,
            people=people,
            initial={
                "response": item.response,
                "reason": item.reason,
                "lead": item.lead,
                "lead_user": item.lead_user_id,
                "milestone": item.milestone,
            },
        )
        for item in items
    ]
    summary = forms.GovukForm()
    # A list, not a generator: every line is validated so that every error shows.
    valid = [line.is_valid() for line in lines]
    if request.method == "POST" and all(valid):
        responses = [
            services.ResponseInput(recommendation_id=line.recommendation.pk, **_response(line))
            for line in lines
        ]
        try:
            services.source_respond(actor=request.user, source=source, responses=responses)
        except ValidationError as error:
            add_service_errors(summary, error)
        else:
            messages.success(request, "The responses have been saved.")
            return redirect("recommendations:source", pk=source.pk)
    return render(
        request,
        "recommendations/source_respond.html",
        {
            "source": source,
            "lines": lines,
            "summary": summary,
            "marking": source.marking,
            "has_errors": summary.errors or any(line.errors for line in lines),
        },
    )


def _response(line) -> dict:
    data = line.cleaned_data
    return {
        "response": data["response"],
        "reason": data["reason"],
        "lead": data["lead"],
        "lead_user_id": data["lead_user"],
        "milestone": data["milestone"],
    }


@requires(Action.MANAGE_RECOMMENDATION_SOURCES)
def recommendation_add(request, pk: int):
    source = selectors.get_source_for(
        request.user, pk, purpose=Action.MANAGE_RECOMMENDATION_SOURCES
    )
    form = forms.RecommendationForm(request.POST or None)
    done = run_service(
        request,
        form,
        lambda data: services.recommendation_add(actor=request.user, source=source, **data),
        success=lambda item: f"Recommendation {item.number} has been added.",
        then=("recommendations:source", source.pk),
    )
    return done or render(
        request, "recommendations/recommendation_form.html", {"source": source, "form": form}
    )
