"""The host's self-assessment: the shared task list, form and evidence
includes, on a review's criterion rows."""

from django.contrib import messages
from django.shortcuts import redirect, render

from assurance.accounts.permissions import Action, requires
from assurance.selfassessment.forms import SelfAssessmentForm
from assurance.selfassessment.rules import completed_count
from assurance.selfassessment.views import TaskEvidence, evidence_context, evidence_views
from assurance.ui.forms import rebind_after_conflict, run_service

from .. import rules, selectors, services
from ..services.self_assessment import ConcurrentEdit
from ._helpers import failed, page


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
    show_evidence = may.see_evidence
    context.update(
        response=response,
        criterion=response.criterion,
        editable=editable,
        form=form,
        show_evidence=show_evidence,
        failed_form=failed(form, file_form, link_form),
        **evidence_context(
            "reviews",
            [review.pk, response.criterion_id],
            selectors.evidence_of(response) if show_evidence else [],
            file_form=file_form,
            link_form=link_form,
        ),
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

    def bind(data):
        return SelfAssessmentForm(data, is_scored=False)

    def save(data):
        return services.response_save(
            actor=request.user,
            response=response,
            expected_version=data["version"],
            narrative=data["narrative"],
            task_status=data["task_status"],
        )

    form = bind(request.POST)
    try:
        done = run_service(
            request,
            form,
            save,
            success=f"Criterion {response.criterion.number} saved.",
            then=("reviews:self_assessment", pk),
            reraise=(ConcurrentEdit,),
        )
    except ConcurrentEdit as error:
        form, _ = rebind_after_conflict(request, bind, error)
    else:
        if done:
            return done
    return render(
        request, "reviews/self_assessment_task.html", _task_context(request, response, form=form)
    )


def _render_task(request, response, **forms):
    context = _task_context(request, response, **forms)
    return render(request, "reviews/self_assessment_task.html", context)


def _after_evidence(request, response, done: str):
    messages.success(request, done)
    return redirect("reviews:task", response.review_id, response.criterion_id)


EVIDENCE = TaskEvidence(
    get_response_for=selectors.get_response_for,
    purpose=Action.VIEW_REVIEW,
    get_item=selectors.get_evidence_of,
    render_task=_render_task,
    after_change=_after_evidence,
    file_add=services.response_evidence_file_add,
    link_add=services.response_evidence_link_add,
    remove=services.response_evidence_remove,
    task_url="reviews:task",
)
evidence_file_add, evidence_link_add, evidence_remove = evidence_views(
    EVIDENCE, action=Action.EDIT_SELF_ASSESSMENT
)
