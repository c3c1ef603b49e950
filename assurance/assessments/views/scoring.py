from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.ui.forms import add_service_errors, rebind_after_conflict, run_service

from .. import selectors, services
from ..forms import RecommendationForm, ScoreForm, SummaryForm
from ..rules import Event, allowed
from ..services._common import ConcurrentEdit
from ._helpers import flash, page


@requires(Action.SCORE_ASSESSMENT)
def scoring_overview(request, pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.SCORE_ASSESSMENT)
    previous = selectors.previous_scores(assessment)
    responses = selectors.responses_with_evidence(assessment)
    rows = [
        (r, previous.of(r.criterion_id), previous.movement(r.criterion_id, r.final_level))
        for r in responses
    ]
    return render(
        request,
        "assessments/scoring_overview.html",
        page(
            assessment,
            request.user,
            rows=rows,
            previous_period=previous.period,
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
    previous = selectors.previous_scores(assessment)

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
        done = request.method == "POST" and run_service(
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
        done = None
        form, conflict = rebind_after_conflict(request, bind, error)
    return done or render(
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
            previous=previous.of(response.criterion_id),
            previous_period=previous.period,
            evidence_rows=[{"item": item} for item in selectors.evidence_of(response)],
            editable=allowed(assessment.status, Event.SCORE),
        ),
    )


def _summary_page(request, assessment, summary_form=None, recommendation_form=None, stale=None):
    criteria = [r.criterion for r in selectors.responses_with_evidence(assessment)]
    return render(
        request,
        "assessments/summary.html",
        page(
            assessment,
            request.user,
            summary_form=summary_form
            or SummaryForm(
                initial={"summary": assessment.summary, "version": assessment.version},
                prefix="summary",
            ),
            recommendation_form=recommendation_form
            or RecommendationForm(criteria=criteria, prefix="rec", required=False),
            recommendations=selectors.recommendations_of(assessment),
            editable=allowed(assessment.status, Event.SCORE),
            stale=stale,
            failed_form=summary_form
            if summary_form and summary_form.errors
            else recommendation_form,
        ),
    )


def _save_summary_page(request, assessment):
    """The summary and a new recommendation are one form: whichever button is
    pressed, a changed summary is saved and a typed recommendation added, so
    neither is thrown away. If anything is refused, nothing is saved and the
    page shows everything as typed."""
    criteria = [r.criterion for r in selectors.responses_with_evidence(assessment)]
    summary_form = SummaryForm(request.POST, prefix="summary")
    rec_form = RecommendationForm(request.POST, criteria=criteria, prefix="rec", required=False)
    if not (summary_form.is_valid() and rec_form.is_valid()):
        return _summary_page(request, assessment, summary_form, rec_form)
    summary = summary_form.cleaned_data["summary"]
    text = rec_form.cleaned_data["text"]
    try:
        done = services.assessment_summary_page_save(
            actor=request.user,
            assessment=assessment,
            summary=summary,
            summary_version=summary_form.cleaned_data["version"],
            recommendation=text,
            criterion=rec_form.chosen_criterion(),
        )
    except ValidationError as error:
        target = rec_form if hasattr(error, "error_dict") and "text" in error.error_dict else None
        add_service_errors(target or summary_form, error)
        stale = getattr(error, "current", None)
        if stale is not None:
            summary_form = rebind_summary(request, summary_form, stale)
        return _summary_page(request, assessment, summary_form, rec_form, stale=stale)
    messages.success(request, done or "Nothing to save: the summary is unchanged.")
    return redirect("assessments:summary", assessment.pk)


def rebind_summary(request, form, current):
    """After a stale save: the person's text stays, the version moves on."""
    data = request.POST.copy()
    data["summary-version"] = str(current.version)
    rebound = SummaryForm(data, prefix="summary")
    rebound.is_valid()
    for error in form.non_field_errors():
        rebound.add_error(None, error)
    return rebound


@requires(Action.SCORE_ASSESSMENT)
def assessment_summary(request, pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.SCORE_ASSESSMENT)
    if request.method != "POST":
        return _summary_page(request, assessment)
    return _save_summary_page(request, assessment)


@require_POST
@requires(Action.SCORE_ASSESSMENT)
def recommendation_add(request, pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.SCORE_ASSESSMENT)
    return _save_summary_page(request, assessment)


@requires(Action.SCORE_ASSESSMENT)
def recommendation_edit(request, pk: int, recommendation_pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.SCORE_ASSESSMENT)
    recommendation = selectors.get_closing_recommendation(assessment, recommendation_pk)
    criteria = [r.criterion for r in selectors.responses_with_evidence(assessment)]
    initial = {
        "version": recommendation.version,
        "text": recommendation.text,
        "criterion": recommendation.criterion_id,
    }
    form = RecommendationForm(request.POST or None, initial=initial, criteria=criteria)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_update(
                actor=request.user,
                recommendation=recommendation,
                expected_version=form.cleaned_data["version"],
                text=form.cleaned_data["text"],
                criterion=form.chosen_criterion(),
            )
        except ValidationError as error:
            stale = getattr(error, "current", None)
            if stale is not None:
                data = request.POST.copy()
                data["version"] = str(stale.version)
                form = RecommendationForm(data, criteria=criteria)
                form.is_valid()
            add_service_errors(form, error)
        else:
            messages.success(request, f"Recommendation {recommendation.number} changed.")
            return redirect("assessments:summary", pk)
    return render(
        request,
        "assessments/recommendation_edit.html",
        page(
            assessment,
            request.user,
            form=form,
            recommendation=recommendation,
            stale=stale,
            editable=allowed(assessment.status, Event.SCORE),
        ),
    )


@require_POST
@requires(Action.SCORE_ASSESSMENT)
def recommendation_remove(request, pk: int, recommendation_pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.SCORE_ASSESSMENT)
    recommendation = selectors.get_closing_recommendation(assessment, recommendation_pk)
    try:
        services.recommendation_remove(
            actor=request.user,
            recommendation=recommendation,
            expected_version=request.POST.get("version") or None,
        )
    except ValidationError as error:
        flash(request, error)
        return redirect("assessments:summary", pk)
    messages.success(request, f"Recommendation {recommendation.number} removed.")
    return _keep_typed(request, assessment)


def _keep_typed(request, assessment):
    """After a button that saves only one thing: if the summary or a new
    recommendation was typed on the same page, show them again, unsaved."""
    typed_summary = request.POST.get("summary-summary")
    typed_text = request.POST.get("rec-text", "").strip()
    changed = typed_summary is not None and typed_summary.strip() != assessment.summary.strip()
    if not (changed or typed_text):
        return redirect("assessments:summary", assessment.pk)
    messages.info(request, "Your other changes on this page are not saved yet.")
    criteria = [r.criterion for r in selectors.responses_with_evidence(assessment)]
    summary_form = SummaryForm(request.POST, prefix="summary")
    rec_form = RecommendationForm(request.POST, criteria=criteria, prefix="rec", required=False)
    summary_form.is_valid(), rec_form.is_valid()
    return _summary_page(request, assessment, summary_form, rec_form)


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
