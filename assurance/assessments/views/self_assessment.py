from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from assurance.accounts.permissions import Action, requires
from assurance.evidence.forms import EvidenceFileForm, EvidenceLinkForm
from assurance.selfassessment.views import TaskEvidence, evidence_context, evidence_views
from assurance.ui.forms import add_service_errors, rebind_after_conflict

from .. import selectors, services
from ..forms import SelfAssessmentForm
from ..rules import Event, Status, allowed, is_stale
from ..services._common import ConcurrentEdit
from ._helpers import page


def _task_context(
    request, response, *, form=None, file_form=None, link_form=None, conflict=None, kept=False
):
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
    evidence = evidence_context(
        "assessments",
        [assessment.pk, response.criterion_id],
        selectors.evidence_of(response),
        file_form=file_form,
        link_form=link_form,
        stale=lambda item: is_stale(item.evidence_date, assessment.period),
    )
    return page(
        assessment,
        request.user,
        response=response,
        criterion=response.criterion,
        descriptors=descriptors,
        editable=editable,
        form=form,
        conflict=conflict,
        kept=kept,
        **evidence,
        changes=selectors.carried_changes(assessment, response.criterion_id),
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
    if form.is_valid():
        try:
            services.criterion_response_save(
                actor=request.user,
                response=response,
                expected_version=form.cleaned_data["version"],
                narrative=form.cleaned_data["narrative"],
                self_level=form.level() if "self_level" in form.fields else None,
                task_status=form.cleaned_data["task_status"],
            )
        except ConcurrentEdit as error:
            form, conflict = rebind_after_conflict(request, bind, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Criterion {response.criterion.number} saved.")
            kept = _evidence_typed(request)
            if not kept:
                return redirect("assessments:detail", pk)
            messages.info(request, "The evidence you started to add is not added yet.")
            response.refresh_from_db()
            return render(
                request,
                "assessments/self_assessment_task.html",
                _task_context(request, response, **kept),
            )
    return render(
        request,
        "assessments/self_assessment_task.html",
        _task_context(request, response, form=form, conflict=conflict, **_evidence_typed(request)),
    )


def _evidence_typed(request) -> dict:
    """Evidence details typed beside the narrative, to show again unsaved."""
    kept = {}
    for prefix, form_class in (("file", EvidenceFileForm), ("link", EvidenceLinkForm)):
        if any(
            request.POST.get(f"{prefix}-{name}", "").strip() for name in ("title", "url")
        ) or request.FILES.get(f"{prefix}-file"):
            kept[f"{prefix}_form"] = form_class(
                initial={
                    key.removeprefix(f"{prefix}-"): value
                    for key, value in request.POST.items()
                    if key.startswith(f"{prefix}-")
                },
                prefix=prefix,
            )
    return kept


def _narrative_typed(request, response) -> SelfAssessmentForm | None:
    """The self-assessment form as typed on the same page, if it differs from
    what is saved: an evidence button must not throw it away (the page posts
    every field to whichever button's action)."""
    if "narrative" not in request.POST:
        return None
    saved = {
        "narrative": response.narrative,
        "self_level": str(response.self_level.value) if response.self_level else "",
        "task_status": response.task_status if response.task_status != "not_started" else "",
    }
    typed = {key: request.POST.get(key, "").replace("\r\n", "\n") for key in saved}
    if typed["narrative"].strip() == saved["narrative"].strip() and all(
        typed[key] == saved[key] for key in ("self_level", "task_status") if key in request.POST
    ):
        return None
    assessment = response.assessment
    return SelfAssessmentForm(
        request.POST,
        levels=selectors.scale(assessment),
        descriptors=selectors.descriptors_for(response.criterion_id),
        is_scored=assessment.framework_version.is_scored,
    )


def _after_evidence(request, response, done: str):
    """Back to the task, or, if the narrative was changed and not saved, the
    same page with the typed text still in it."""
    messages.success(request, done)
    typed = _narrative_typed(request, response)
    if typed is None:
        return redirect("assessments:task", response.assessment.pk, response.criterion_id)
    messages.info(request, "Your changes to the self-assessment are not saved yet: press Save.")
    response.refresh_from_db()
    context = _task_context(request, response, form=typed, kept=True)
    return render(request, "assessments/self_assessment_task.html", context)


def _render_task(request, response, **forms):
    context = _task_context(request, response, form=_narrative_typed(request, response), **forms)
    return render(request, "assessments/self_assessment_task.html", context)


EVIDENCE = TaskEvidence(
    get_response_for=selectors.get_response_for,
    purpose=Action.VIEW_RECORDS,
    get_item=selectors.get_evidence_of,
    render_task=_render_task,
    after_change=_after_evidence,
    file_add=services.criterion_evidence_file_add,
    link_add=services.criterion_evidence_link_add,
    remove=services.criterion_evidence_remove,
    task_url="assessments:task",
)
evidence_file_add, evidence_link_add, evidence_remove = evidence_views(
    EVIDENCE, action=Action.EDIT_SELF_ASSESSMENT
)


@requires(Action.SUBMIT_SELF_ASSESSMENT)
def self_assessment_submit(request, pk: int):
    """Check your answers, then submit to the assessor (or, for the council's
    own self-assessment, sign it off)."""
    assessment = selectors.get_assessment_for(
        request.user, pk, purpose=Action.SUBMIT_SELF_ASSESSMENT
    )
    problems = []
    if request.method == "POST":
        try:
            done = _submit(request.user, assessment)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, done)
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
        ),
    )


def _submit(user, assessment) -> str:
    if assessment.council_owned:
        services.own_self_assessment_sign_off(actor=user, assessment=assessment)
        return "Self-assessment signed off. You can now export it for your committee."
    submitted = services.self_assessment_submit(actor=user, assessment=assessment)
    if submitted.assessor_notified_at:
        return (
            f"Self-assessment submitted. {submitted.assessor.full_name}, your assessor, "
            "has been sent an email and will see it on their home page."
        )
    return (
        "Self-assessment submitted. We could not email your assessor: it is on their home "
        "page, but you may want to tell them yourself."
    )
