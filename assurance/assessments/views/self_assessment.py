from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.core.submissions import submitted_once
from assurance.evidence.forms import EvidenceFileForm, EvidenceLinkForm
from assurance.ui.forms import add_service_errors

from .. import selectors, services
from ..forms import SelfAssessmentForm
from ..rules import Event, Status, allowed, is_stale
from ..services._common import ConcurrentEdit
from ._helpers import flash, page, rebind_after_conflict


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
        kept=kept,
        file_form=file_form or EvidenceFileForm(prefix="file"),
        link_form=link_form or EvidenceLinkForm(prefix="link"),
        file_action=reverse("assessments:evidence_file", args=args),
        link_action=reverse("assessments:evidence_link", args=args),
        evidence_rows=[
            {
                "item": item,
                "remove_url": reverse("assessments:evidence_remove", args=[*args, item.pk]),
                "stale": is_stale(item.evidence_date, assessment.period),
            }
            for item in evidence
        ],
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


def _evidence_view(request, pk: int, criterion_pk: int, form_class, prefix: str, save):
    response = selectors.get_response_for(
        request.user, pk, criterion_pk, purpose=Action.VIEW_RECORDS
    )
    form = form_class(request.POST, request.FILES, prefix=prefix)
    if form.is_valid():
        with submitted_once(request, form) as once:
            if once.repeat_url:
                return once.repeat()
            try:
                save(response, form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return once.done(
                    _after_evidence(
                        request, response, f"Evidence “{form.cleaned_data['title']}” added."
                    )
                )
    context = _task_context(
        request, response, form=_narrative_typed(request, response), **{f"{prefix}_form": form}
    )
    return render(request, "assessments/self_assessment_task.html", context)


@require_POST
@requires(Action.EDIT_SELF_ASSESSMENT)
def evidence_file_add(request, pk: int, criterion_pk: int):
    def save(response, data):
        services.criterion_evidence_file_add(
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
        services.criterion_evidence_link_add(
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
        return redirect("assessments:task", pk, criterion_pk)
    return _after_evidence(request, response, f"Evidence “{item.title}” removed.")


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
