from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from assurance.accounts.permissions import Action
from assurance.frameworks.models import Criterion, RatingLevel

from .. import rules
from ..models import Assessment, AssessmentRecommendation, CriterionResponse
from ..rules import Event
from ._common import (
    check_level,
    check_version,
    lock,
    lock_response,
    mark_saved,
    require,
    save,
    step,
)
from .self_assessment import _states


@transaction.atomic
def criterion_score_save(
    *,
    actor,
    response: CriterionResponse,
    expected_version: int | None,
    level: RatingLevel | None,
    good_practice: str,
    areas_for_development: str,
    rationale: str,
    reason: str = "",
) -> CriterionResponse:
    assessment = lock(response.assessment)
    require(actor, Action.SCORE_ASSESSMENT, assessment)
    new_status = step(assessment, Event.SCORE)
    current = lock_response(response, expected_version)
    check_level(level, current, "level")
    errors = {}
    if level is None and not current.criterion.assured_separately:
        errors["level"] = "Choose the level that the evidence matches."
    if level is not None and not (rationale or "").strip():
        errors["rationale"] = "Say which descriptor the evidence matches, and why."
    previous = current.assessed_level
    changed = previous is not None and level is not None and previous.pk != level.pk
    if changed and not (reason or "").strip():
        errors["reason"] = f"Say why the level changed from {previous} to {level}."
    if errors:
        raise ValidationError(errors)
    current.assessed_level = level
    current.good_practice = (good_practice or "").strip()
    current.areas_for_development = (areas_for_development or "").strip()
    current.rationale = (rationale or "").strip()
    current.assessed_by, current.assessed_at = actor, timezone.now()
    mark_saved(current, actor)
    save(current, actor, reason.strip() if changed else "")
    if assessment.status != new_status:
        assessment.status = new_status
        save(assessment, actor, "Scoring started")
    return current


@transaction.atomic
def assessment_summary_save(
    *, actor, assessment: Assessment, summary: str, expected_version: int | None
) -> Assessment:
    """Refused, with nothing saved, if someone saved the summary after the
    form showing ``expected_version`` was opened (None skips the check)."""
    assessment = lock(assessment)
    require(actor, Action.SCORE_ASSESSMENT, assessment)
    assessment.status = step(assessment, Event.SCORE)
    check_version(assessment, expected_version, "the summary")
    if not (summary or "").strip():
        raise ValidationError({"summary": "Write the overall summary."})
    assessment.summary = summary.strip()
    assessment.version += 1
    save(assessment, actor)
    return assessment


@transaction.atomic
def recommendation_add(
    *, actor, assessment: Assessment, text: str, criterion: Criterion | None = None
) -> AssessmentRecommendation:
    assessment = lock(assessment)
    require(actor, Action.SCORE_ASSESSMENT, assessment)
    assessment.status = step(assessment, Event.SCORE)
    if not (text or "").strip():
        raise ValidationError({"text": "Enter the recommendation."})
    if criterion is not None and criterion.framework_version_id != assessment.framework_version_id:
        raise ValidationError({"criterion": "Choose a criterion of this assessment's framework."})
    save(assessment, actor)
    number = (assessment.recommendations.aggregate(n=Max("number"))["n"] or 0) + 1
    recommendation = AssessmentRecommendation(
        assessment=assessment,
        number=number,
        criterion=criterion,
        text=text.strip(),
        created_by=actor,
    )
    save(recommendation, actor)
    return recommendation


def _lock_recommendation(recommendation, expected_version):
    current = AssessmentRecommendation.objects.select_for_update().get(pk=recommendation.pk)
    check_version(current, expected_version, f"recommendation {current.number}")
    return current


@transaction.atomic
def recommendation_update(
    *,
    actor,
    recommendation: AssessmentRecommendation,
    expected_version: int | None,
    text: str,
    criterion: Criterion | None = None,
) -> AssessmentRecommendation:
    """Change a closing recommendation's text or what it is about, before issue."""
    assessment = lock(recommendation.assessment)
    require(actor, Action.SCORE_ASSESSMENT, assessment)
    step(assessment, Event.SCORE)
    current = _lock_recommendation(recommendation, expected_version)
    if not (text or "").strip():
        raise ValidationError({"text": "Enter the recommendation."})
    if criterion is not None and criterion.framework_version_id != assessment.framework_version_id:
        raise ValidationError({"criterion": "Choose a criterion of this assessment's framework."})
    current.text, current.criterion = text.strip(), criterion
    current.version += 1
    save(current, actor)
    return current


@transaction.atomic
def recommendation_remove(
    *, actor, recommendation: AssessmentRecommendation, expected_version: int | None = None
) -> None:
    assessment = lock(recommendation.assessment)
    require(actor, Action.SCORE_ASSESSMENT, assessment)
    step(assessment, Event.SCORE)
    recommendation = _lock_recommendation(recommendation, expected_version)
    recommendation._history_user = actor
    recommendation.delete()
    # Keep the numbering without gaps, as the letter shows it.
    for number, later in enumerate(assessment.recommendations.order_by("number"), start=1):
        if later.number != number:
            later.number = number
            save(later, actor, "Renumbered after a recommendation was removed")


@transaction.atomic
def assessment_ready_for_moderation(*, actor, assessment: Assessment) -> Assessment:
    assessment = lock(assessment)
    require(actor, Action.SCORE_ASSESSMENT, assessment)
    new_status = step(assessment, Event.READY)
    problems = rules.readiness_problems(_states(assessment), summary=assessment.summary)
    if problems:
        raise ValidationError(problems)
    assessment.status = new_status
    save(assessment, actor, "Marked ready for moderation")
    return assessment


@transaction.atomic
def assessment_summary_page_save(
    *,
    actor,
    assessment: Assessment,
    summary: str,
    summary_version: int | None,
    recommendation: str,
    criterion: Criterion | None = None,
) -> str:
    """Everything the summary page's one form holds: the summary if it
    changed, and a new recommendation if one was typed. All or nothing.
    Returns what was done, in words ("" when nothing changed)."""
    assessment = lock(assessment)
    require(actor, Action.SCORE_ASSESSMENT, assessment)
    done = []
    summary, recommendation = (summary or "").strip(), (recommendation or "").strip()
    changed = summary != assessment.summary.strip()
    if changed or not (summary or recommendation):  # an empty page: say what is needed
        assessment_summary_save(
            actor=actor,
            assessment=assessment,
            summary=summary,
            expected_version=summary_version,
        )
        done.append("Summary saved.")
    if recommendation:
        added = recommendation_add(
            actor=actor, assessment=assessment, text=recommendation, criterion=criterion
        )
        done.append(f"Recommendation {added.number} added.")
    return " ".join(done)
