from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.ui.forms import run_service

from .. import selectors, services
from ..forms import RecommendationForm, ScoreForm, SummaryForm
from ..rules import Event, allowed
from ..services._common import ConcurrentEdit
from ._helpers import flash, page, rebind_after_conflict


@requires(Action.SCORE_ASSESSMENT)
def scoring_overview(request, pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.SCORE_ASSESSMENT)
    previous = selectors.previous_levels(assessment)
    responses = selectors.responses_with_evidence(assessment)
    rows = [(r, previous.get(r.criterion_id)) for r in responses]
    return render(
        request,
        "assessments/scoring_overview.html",
        page(
            assessment,
            request.user,
            rows=rows,
            recommendations=selectors.recommendations_of(assessment),
            can_score=allowed(assessment.status, Event.SCORE),
            can_ready=allowed(assessment.status, Event.READY),
        ),
    )


@requires(Action.SCORE_ASSESSMENT)
def criterion_score(request, pk: int, criterion_pk: int):
    response = selectors.get_response_for(
        request.user, pk, criterion_pk, purpose=Action.SCORE_ASSESSMENT
    )
    assessment = response.assessment
    levels, descriptors = selectors.scale(assessment), selectors.descriptors_for(criterion_pk)
    required = not response.criterion.assured_separately

    def bind(data=None):
        initial = {
            "version": response.version,
            "level": response.assessed_level.value if response.assessed_level else None,
            "good_practice": response.good_practice,
            "areas_for_development": response.areas_for_development,
            "rationale": response.rationale,
        }
        return ScoreForm(
            data, initial=initial, levels=levels, descriptors=descriptors, required=required
        )

    form, conflict = bind(request.POST or None), None
    try:
        done = run_service(
            request,
            form,
            lambda data: services.criterion_score_save(
                actor=request.user,
                response=response,
                expected_version=data["version"],
                level=form.level(),
                good_practice=data["good_practice"],
                areas_for_development=data["areas_for_development"],
                rationale=data["rationale"],
                reason=data["reason"],
            ),
            success=f"Score for criterion {response.criterion.number} saved.",
            then=("assessments:scores", pk),
            reraise=(ConcurrentEdit,),
        )
    except ConcurrentEdit as error:
        (form, conflict), done = rebind_after_conflict(request, bind, error), None
    if done:
        return done
    return render(
        request,
        "assessments/score_criterion.html",
        page(
            assessment,
            request.user,
            response=response,
            criterion=response.criterion,
            form=form,
            conflict=conflict,
            descriptors=descriptors,
            previous=selectors.previous_levels(assessment).get(response.criterion_id),
            evidence_rows=[{"item": item} for item in selectors.evidence_of(response)],
            editable=allowed(assessment.status, Event.SCORE),
        ),
    )


def _summary_page(request, assessment, summary_form=None, recommendation_form=None):
    criteria = [r.criterion for r in selectors.responses_with_evidence(assessment)]
    return render(
        request,
        "assessments/summary.html",
        page(
            assessment,
            request.user,
            summary_form=summary_form
            or SummaryForm(initial={"summary": assessment.summary}, prefix="summary"),
            recommendation_form=recommendation_form
            or RecommendationForm(criteria=criteria, prefix="rec"),
            recommendations=selectors.recommendations_of(assessment),
            editable=allowed(assessment.status, Event.SCORE),
            failed_form=summary_form
            if summary_form and summary_form.errors
            else recommendation_form,
        ),
    )


@requires(Action.SCORE_ASSESSMENT)
def assessment_summary(request, pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.SCORE_ASSESSMENT)
    if request.method != "POST":
        return _summary_page(request, assessment)
    form = SummaryForm(request.POST, prefix="summary")
    done = run_service(
        request,
        form,
        lambda data: services.assessment_summary_save(
            actor=request.user, assessment=assessment, summary=data["summary"]
        ),
        success="Summary saved.",
        then=("assessments:summary", pk),
    )
    return done or _summary_page(request, assessment, summary_form=form)


@require_POST
@requires(Action.SCORE_ASSESSMENT)
def recommendation_add(request, pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.SCORE_ASSESSMENT)
    criteria = [r.criterion for r in selectors.responses_with_evidence(assessment)]
    form = RecommendationForm(request.POST, criteria=criteria, prefix="rec")
    done = run_service(
        request,
        form,
        lambda data: services.recommendation_add(
            actor=request.user,
            assessment=assessment,
            text=data["text"],
            criterion=form.chosen_criterion(),
        ),
        success="Recommendation added.",
        then=("assessments:summary", pk),
    )
    return done or _summary_page(request, assessment, recommendation_form=form)


@require_POST
@requires(Action.SCORE_ASSESSMENT)
def recommendation_remove(request, pk: int, recommendation_pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.SCORE_ASSESSMENT)
    recommendation = selectors.get_closing_recommendation(assessment, recommendation_pk)
    try:
        services.recommendation_remove(actor=request.user, recommendation=recommendation)
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(request, f"Recommendation {recommendation.number} removed.")
    return redirect("assessments:summary", pk)


@require_POST
@requires(Action.SCORE_ASSESSMENT)
def assessment_ready(request, pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.SCORE_ASSESSMENT)
    try:
        services.assessment_ready_for_moderation(actor=request.user, assessment=assessment)
    except ValidationError as error:
        flash(request, error)
        return redirect("assessments:scores", pk)
    messages.success(request, "Marked ready for moderation.")
    return redirect("assessments:detail", pk)
