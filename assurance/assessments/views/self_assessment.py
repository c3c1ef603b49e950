from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.evidence.forms import EvidenceFileForm, EvidenceLinkForm
from assurance.ui.forms import run_service

from .. import selectors, services
from ..forms import SelfAssessmentForm
from ..rules import Event, Status, allowed
from ..services._common import ConcurrentEdit
from ._helpers import flash, page, rebind_after_conflict


def _task_context(request, response, *, form=None, file_form=None, link_form=None, conflict=None):
    assessment = response.assessment
    may = selectors.abilities(request.user, assessment)
    editable = may[Action.EDIT_SELF_ASSESSMENT] and allowed(
        assessment.status, Event.EDIT_SELF_ASSESSMENT
    )
    descriptors = selectors.descriptors_for(response.criterion_id)
    levels = selectors.scale(assessment)
    if form is None and editable:
        form = SelfAssessmentForm(
            initial={
                "version": response.version,
                "narrative": response.narrative,
                "self_level": response.self_level.value if response.self_level else None,
                "task_status": response.task_status
                if response.task_status != "not_started"
                else None,
            },
            levels=levels,
            descriptors=descriptors,
            is_scored=assessment.framework_version.is_scored,
        )
    args = [assessment.pk, response.criterion_id]
    evidence = selectors.evidence_of(response)
    return page(
        assessment,
        request.user,
        response=response,
        criterion=response.criterion,
        descriptors=descriptors,
        editable=editable,
        form=form,
        conflict=conflict,
        file_form=file_form or EvidenceFileForm(prefix="file"),
        link_form=link_form or EvidenceLinkForm(prefix="link"),
        file_action=reverse("assessments:evidence_file", args=args),
        link_action=reverse("assessments:evidence_link", args=args),
        evidence_rows=[
            {
                "item": item,
                "remove_url": reverse("assessments:evidence_remove", args=[*args, item.pk]),
            }
            for item in evidence
        ],
        failed_form=next(
            (f for f in (form, file_form, link_form) if f is not None and f.errors), None
        ),
    )


@requires(Action.VIEW_RECORDS)
def self_assessment_task(request, pk: int, criterion_pk: int):
    response = selectors.get_response_for(
        request.user, pk, criterion_pk, purpose=Action.VIEW_RECORDS
    )
    if request.method != "POST":
        return render(
            request, "assessments/self_assessment_task.html", _task_context(request, response)
        )

    def bind(data):
        return SelfAssessmentForm(
            data,
            levels=selectors.scale(response.assessment),
            descriptors=selectors.descriptors_for(response.criterion_id),
            is_scored=response.assessment.framework_version.is_scored,
        )

    form, conflict = bind(request.POST), None
    try:
        done = run_service(
            request,
            form,
            lambda data: services.criterion_response_save(
                actor=request.user,
                response=response,
                expected_version=data["version"],
                narrative=data["narrative"],
                self_level=form.level() if "self_level" in form.fields else None,
                task_status=data["task_status"],
            ),
            success=f"Criterion {response.criterion.number} saved.",
            then=("assessments:detail", pk),
            reraise=(ConcurrentEdit,),
        )
    except ConcurrentEdit as error:
        (form, conflict), done = rebind_after_conflict(request, bind, error), None
    if done:
        return done
    return render(
        request,
        "assessments/self_assessment_task.html",
        _task_context(request, response, form=form, conflict=conflict),
    )


def _evidence_view(request, pk: int, criterion_pk: int, form_class, prefix: str, save):
    response = selectors.get_response_for(
        request.user, pk, criterion_pk, purpose=Action.VIEW_RECORDS
    )
    form = form_class(request.POST, request.FILES, prefix=prefix)
    done = run_service(
        request,
        form,
        lambda data: save(response, data),
        success=lambda item: f"Evidence “{item.title}” added.",
        then=("assessments:task", pk, criterion_pk),
    )
    if done:
        return done
    context = _task_context(request, response, **{f"{prefix}_form": form})
    return render(request, "assessments/self_assessment_task.html", context)


@require_POST
@requires(Action.EDIT_SELF_ASSESSMENT)
def evidence_file_add(request, pk: int, criterion_pk: int):
    def save(response, data):
        return services.criterion_evidence_file_add(
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
        return services.criterion_evidence_link_add(
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
        request.user, pk, criterion_pk, purpose=Action.VIEW_RECORDS
    )
    item = selectors.get_evidence_of(response, evidence_pk)
    try:
        services.criterion_evidence_remove(actor=request.user, response=response, item=item)
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(request, f"Evidence “{item.title}” removed.")
    return redirect("assessments:task", pk, criterion_pk)


@requires(Action.SUBMIT_SELF_ASSESSMENT)
def self_assessment_submit(request, pk: int):
    assessment = selectors.get_assessment_for(
        request.user, pk, purpose=Action.SUBMIT_SELF_ASSESSMENT
    )
    problems = []
    if request.method == "POST":
        try:
            services.self_assessment_submit(actor=request.user, assessment=assessment)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request, "Self-assessment submitted. Your assessor has been told it is ready."
            )
            return redirect("assessments:detail", pk)
    responses = selectors.responses_with_evidence(assessment)
    missing = [
        r for r in responses if not r.criterion.assured_separately and r.task_status != "completed"
    ]
    return render(
        request,
        "assessments/self_assessment_submit.html",
        page(
            assessment,
            request.user,
            responses=responses,
            missing=missing,
            problems=problems,
            open=assessment.status == Status.SELF_ASSESSMENT,
            task_url=reverse("assessments:detail", args=[pk]),
        ),
    )
