from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from assurance.accounts.permissions import Action, requires
from assurance.core.paging import paginate
from assurance.documents.responses import file_response
from assurance.organisations.selectors import visible_organisations, visible_partnerships
from assurance.ui.forms import add_service_errors

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
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_open(
                actor=request.user,
                framework_version=form.cleaned_data["framework_version"],
                period=form.cleaned_data["period"],
                due_date=form.cleaned_data["due_date"],
                marking=form.cleaned_data["marking"],
                from_council_self_assessment=form.cleaned_data["from_council_self_assessment"],
                carry_forward=form.cleaned_data["carry_forward"],
                **form.target_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Assessment opened for {assessment.assessed_name}.")
            _carried_message(
                request,
                assessment,
                form.cleaned_data["carry_forward"]
                and not form.cleaned_data["from_council_self_assessment"],
            )
            return redirect("assessments:detail", assessment.pk)
    return render(request, "assessments/assessment_open.html", {"form": form})


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
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.own_self_assessment_start(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                framework_version=form.cleaned_data["framework_version"],
                period=form.cleaned_data["period"],
                marking=form.cleaned_data["marking"],
                carry_forward=form.cleaned_data["carry_forward"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Self-assessment started.")
            _carried_message(request, assessment, form.cleaned_data["carry_forward"])
            return redirect("assessments:detail", assessment.pk)
    return render(request, "assessments/own_start.html", {"form": form})


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
