from django.shortcuts import render

from assurance.accounts.permissions import Action, requires
from assurance.organisations.selectors import visible_organisations, visible_partnerships
from assurance.ui.forms import run_service

from .. import selectors, services
from ..forms import AssessmentOpenForm
from ._helpers import page


@requires(Action.VIEW_RECORDS)
def assessment_list(request):
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "assessments": selectors.visible_assessments(
                request.user, purpose=Action.VIEW_RECORDS
            ).order_by("-period", "pk")
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
    done = run_service(
        request,
        form,
        lambda data: services.assessment_open(
            actor=request.user,
            framework_version=data["framework_version"],
            period=data["period"],
            due_date=data["due_date"],
            marking=data["marking"],
            **form.target_kwargs(),
        ),
        success=lambda assessment: f"Assessment opened for {assessment.assessed_name}.",
        then=lambda assessment: ("assessments:detail", assessment.pk),
    )
    if done:
        return done
    return render(request, "assessments/assessment_open.html", {"form": form})


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
            completed=sum(1 for r in responses if r.task_status == "completed"),
            letters=selectors.letters_of(assessment),
        ),
    )
