"""The host's self-assessment: the shared task list, form and evidence
includes, on a review's criterion rows."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.core.forms import add_service_errors
from assurance.evidence.forms import EvidenceFileForm, EvidenceLinkForm
from assurance.selfassessment.forms import SelfAssessmentForm
from assurance.selfassessment.rules import completed_count

from .. import rules, selectors, services
from ..services.self_assessment import ConcurrentEdit
from ._helpers import failed, flash, page


@requires(Action.VIEW_REVIEW)
def self_assessment(request, pk: int):
    review = selectors.get_review_for(request.user, pk, purpose=Action.VIEW_REVIEW)
    responses = selectors.responses_with_evidence(review)
    return render(
        request,
        "reviews/self_assessment.html",
        page(
            review,
            request.user,
            responses=responses,
            completed=completed_count(r.task_status for r in responses),
        ),
    )


def _task_context(request, response, *, form=None, file_form=None, link_form=None):
    review = response.review
    context = page(review, request.user)
    may = context["may"]
    editable = may.edit_self_assessment and not rules.is_frozen(review.status)
    if form is None and editable:
        form = SelfAssessmentForm(
            initial={
                "version": response.version,
                "narrative": response.narrative,
                "task_status": response.task_status
                if response.task_status != "not_started"
                else None,
            },
            is_scored=False,
        )
    args = [review.pk, response.criterion_id]
    show_evidence = may.see_evidence
    evidence = selectors.evidence_of(response) if show_evidence else []
    context.update(
        response=response,
        criterion=response.criterion,
        editable=editable,
        form=form,
        show_evidence=show_evidence,
        file_form=file_form or EvidenceFileForm(prefix="file"),
        link_form=link_form or EvidenceLinkForm(prefix="link"),
        file_action=reverse("reviews:evidence_file", args=args),
        link_action=reverse("reviews:evidence_link", args=args),
        evidence_rows=[
            {"item": item, "remove_url": reverse("reviews:evidence_remove", args=[*args, item.pk])}
            for item in evidence
        ],
        failed_form=failed(form, file_form, link_form),
    )
    return context


@requires(Action.VIEW_REVIEW)
def self_assessment_task(request, pk: int, criterion_pk: int):
    response = selectors.get_response_for(
        request.user, pk, criterion_pk, purpose=Action.VIEW_REVIEW
    )
    if request.method != "POST":
        return render(
            request, "reviews/self_assessment_task.html", _task_context(request, response)
        )
    form = SelfAssessmentForm(request.POST, is_scored=False)
    if form.is_valid():
        try:
            services.response_save(
                actor=request.user,
                response=response,
                expected_version=form.cleaned_data["version"],
                narrative=form.cleaned_data["narrative"],
                task_status=form.cleaned_data["task_status"],
            )
        except ConcurrentEdit as error:
            # Their text stays; the version moves on, so saving again is deliberate.
            data = request.POST.copy()
            data["version"] = str(error.current.version)
            form = SelfAssessmentForm(data, is_scored=False)
            form.is_valid()
            form.add_error(None, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Criterion {response.criterion.number} saved.")
            return redirect("reviews:self_assessment", pk)
    return render(
        request, "reviews/self_assessment_task.html", _task_context(request, response, form=form)
    )


def _evidence_view(request, pk, criterion_pk, form_class, prefix, save):
    response = selectors.get_response_for(
        request.user, pk, criterion_pk, purpose=Action.VIEW_REVIEW
    )
    form = form_class(request.POST, request.FILES, prefix=prefix)
    if form.is_valid():
        try:
            save(response, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Evidence “{form.cleaned_data['title']}” added.")
            return redirect("reviews:task", pk, criterion_pk)
    context = _task_context(request, response, **{f"{prefix}_form": form})
    return render(request, "reviews/self_assessment_task.html", context)


@require_POST
@requires(Action.EDIT_SELF_ASSESSMENT)
def evidence_file_add(request, pk: int, criterion_pk: int):
    def save(response, data):
        services.response_evidence_file_add(
            actor=request.user,
            response=response,
            title=data["title"],
            evidence_date=data["evidence_date"],
            marking=data["marking"],
            upload=data["file"],
        )

    return _evidence_view(request, pk, criterion_pk, EvidenceFileForm, "file", save)


@require_POST
@requires(Action.EDIT_SELF_ASSESSMENT)
def evidence_link_add(request, pk: int, criterion_pk: int):
    def save(response, data):
        services.response_evidence_link_add(
            actor=request.user,
            response=response,
            title=data["title"],
            evidence_date=data["evidence_date"],
            marking=data["marking"],
            url=data["url"],
        )

    return _evidence_view(request, pk, criterion_pk, EvidenceLinkForm, "link", save)


@require_POST
@requires(Action.EDIT_SELF_ASSESSMENT)
def evidence_remove(request, pk: int, criterion_pk: int, evidence_pk: int):
    response = selectors.get_response_for(
        request.user, pk, criterion_pk, purpose=Action.VIEW_REVIEW
    )
    item = selectors.get_evidence_of(response, evidence_pk)
    try:
        services.response_evidence_remove(actor=request.user, response=response, item=item)
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(request, f"Evidence “{item.title}” removed.")
    return redirect("reviews:task", pk, criterion_pk)
