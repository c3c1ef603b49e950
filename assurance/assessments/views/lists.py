from django.contrib import messages
from django.http import Http404
from django.shortcuts import render

from assurance.accounts.permissions import Action, requires
from assurance.documents.responses import file_response
from assurance.organisations.selectors import visible_organisations, visible_partnerships
from assurance.ui.forms import run_service
from assurance.ui.paging import paginate

from .. import own_export as own_export_module
from .. import selectors, services
from ..forms import AssessmentOpenForm, OwnStartForm
from ..rules import Status
from ._helpers import page


@requires(Action.VIEW_RECORDS)
def assessment_list(request):
    filters = selectors.AssessmentFilters(
        q=request.GET.get("q", "").strip()[:100],
        period=request.GET.get("period", "")[:7],
        status=request.GET.get("status", "")[:24],
    )
    page, pagination = paginate(request, selectors.assessment_list(request.user, filters))
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "assessments": page.object_list,
            "page": page,
            "pagination": pagination,
            "filters": filters,
            "periods": selectors.visible_periods(request.user, purpose=Action.VIEW_RECORDS),
            "statuses": Status.choices,
        },
    )


@requires(Action.OPEN_ASSESSMENT)
def assessment_open(request):
    organisations = visible_organisations(request.user, purpose=Action.OPEN_ASSESSMENT).exclude(
        kind="assessing_body"
    )
    partnerships = visible_partnerships(request.user, purpose=Action.OPEN_ASSESSMENT)
    form = AssessmentOpenForm(
        request.POST or None, organisations=organisations, partnerships=partnerships
    )
    done = request.method == "POST" and run_service(
        request,
        form,
        lambda data: services.assessment_open(
            actor=request.user,
            framework_version=data["framework_version"],
            period=data["period"],
            due_date=data["due_date"],
            marking=data["marking"],
            from_council_self_assessment=data["from_council_self_assessment"],
            carry_forward=data["carry_forward"],
            **form.target_kwargs(),
        ),
        success=lambda assessment: f"Assessment opened for {assessment.assessed_name}.",
        then=lambda assessment: _opened(
            request,
            assessment,
            asked=form.cleaned_data["carry_forward"]
            and not form.cleaned_data["from_council_self_assessment"],
        ),
    )
    return done or render(request, "assessments/assessment_open.html", {"form": form})


def _opened(request, assessment, *, asked: bool) -> tuple:
    """Where a newly opened record goes, saying what was carried forward
    (or why nothing was, when the person asked for it)."""
    _carried_message(request, assessment, asked)
    return ("assessments:detail", assessment.pk)


def _carried_message(request, assessment, asked: bool) -> None:
    if assessment.carried_from_id:
        messages.info(
            request,
            "Last period's narratives and evidence were carried forward as a draft. "
            "Confirm or update each criterion marked carried forward.",
        )
    elif asked:
        messages.info(
            request,
            "Nothing was carried forward: there is no earlier record to start from "
            "that maps onto this framework. The draft starts blank.",
        )


@requires(Action.VIEW_RECORDS)
def assessment_detail(request, pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    responses = selectors.responses_with_evidence(assessment)
    return render(
        request,
        "assessments/assessment_detail.html",
        page(
            assessment,
            request.user,
            responses=responses,
            changes=selectors.carried_changes(assessment),
            carried=sum(1 for r in responses if r.carried_forward),
            completed=sum(1 for r in responses if r.task_status == "completed"),
            letters=selectors.letters_of(assessment),
        ),
    )


@requires(Action.SUBMIT_SELF_ASSESSMENT)
def own_start(request):
    """A council lead starts the council's own self-assessment."""
    organisations = visible_organisations(
        request.user, purpose=Action.SUBMIT_SELF_ASSESSMENT
    ).exclude(kind="assessing_body")
    form = OwnStartForm(request.POST or None, organisations=organisations)
    done = request.method == "POST" and run_service(
        request,
        form,
        lambda data: services.own_self_assessment_start(
            actor=request.user,
            organisation=data["organisation"],
            framework_version=data["framework_version"],
            period=data["period"],
            marking=data["marking"],
            carry_forward=data["carry_forward"],
        ),
        success="Self-assessment started.",
        then=lambda assessment: _opened(
            request, assessment, asked=form.cleaned_data["carry_forward"]
        ),
    )
    return done or render(request, "assessments/own_start.html", {"form": form})


@requires(Action.VIEW_RECORDS)
def own_export(request, pk: int, fmt: str):
    """The council's own self-assessment for its committee (never a letter)."""
    renderers = {"pdf": own_export_module.render_pdf, "docx": own_export_module.render_docx}
    renderers["xlsx"] = own_export_module.render_xlsx
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    if fmt not in renderers or not assessment.council_owned:
        raise Http404
    export = own_export_module.build(
        assessment, selectors.responses_with_evidence(assessment), selectors.scale(assessment)
    )
    return file_response(renderers[fmt](export), filename=export.file_stem, extension=fmt)
