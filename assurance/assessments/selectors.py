"""Every read of assessments, scoped to the user through permissions.restrict.
Pages get everything they show in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from assurance.accounts.permissions import Action, Stage, hidden_fields, restrict
from assurance.evidence.models import EvidenceItem
from assurance.frameworks.models import Descriptor, RatingLevel

from .models import Assessment, AssessmentRecommendation, CriterionResponse, IssuedLetter
from .rules import Status

HOLDER_LOOKUPS = ("organisation", "partnership__members")


def visible_assessments(user, *, purpose: Action) -> QuerySet[Assessment]:
    qs = Assessment.objects.select_related(
        "organisation", "partnership", "framework_version__framework", "assessor", "assessing_body"
    )
    return restrict(qs, user, *HOLDER_LOOKUPS, purpose=purpose)


def get_assessment_for(user, pk: int, *, purpose: Action) -> Assessment:
    """404 alike for missing and out-of-scope assessments."""
    return get_object_or_404(visible_assessments(user, purpose=purpose), pk=pk)


def _response_queryset() -> QuerySet[CriterionResponse]:
    return CriterionResponse.objects.select_related(
        "criterion",
        "self_level",
        "assessed_level",
        "moderated_level",
        "self_assessed_by",
        "assessed_by",
        "last_saved_by",
    )


def get_response_for(
    user, assessment_pk: int, criterion_pk: int, *, purpose: Action
) -> CriterionResponse:
    assessment = get_assessment_for(user, assessment_pk, purpose=purpose)
    response = get_object_or_404(
        _response_queryset(), assessment=assessment, criterion_id=criterion_pk
    )
    response.assessment = assessment
    return response


def get_response_by_pk_for(user, pk: int, *, purpose: Action) -> CriterionResponse:
    """For the history page and evidence downloads: the record, if its assessment is visible."""
    response = get_object_or_404(_response_queryset(), pk=pk)
    response.assessment = get_assessment_for(user, response.assessment_id, purpose=purpose)
    return response


def responses_with_evidence(assessment: Assessment) -> list[CriterionResponse]:
    """The task list: every criterion with its status and evidence (3 queries)."""
    return list(
        _response_queryset()
        .filter(assessment=assessment)
        .prefetch_related(
            Prefetch("evidence", queryset=EvidenceItem.objects.order_by("evidence_date", "pk"))
        )
        .order_by("criterion__number")
    )


def scale(assessment: Assessment) -> list[RatingLevel]:
    return list(RatingLevel.objects.filter(framework_version=assessment.framework_version_id))


def descriptors_for(criterion_id: int) -> list[Descriptor]:
    return list(
        Descriptor.objects.filter(criterion_id=criterion_id)
        .select_related("level")
        .order_by("level__value")
    )


def evidence_of(response: CriterionResponse) -> list[EvidenceItem]:
    return list(response.evidence.select_related("uploaded_by").order_by("evidence_date", "pk"))


def previous_levels(assessment: Assessment) -> dict[int, tuple[RatingLevel, str]]:
    """Criterion id → (final level, period) in the latest earlier issued assessment of the
    same council under the same framework version (one query)."""
    holder = (
        Q(assessment__organisation=assessment.organisation_id)
        if assessment.organisation_id
        else Q(assessment__partnership=assessment.partnership_id)
    )
    rows = (
        CriterionResponse.objects.filter(
            holder,
            assessment__framework_version=assessment.framework_version_id,
            assessment__period__lt=assessment.period,
            assessment__letters__isnull=False,
        )
        .select_related("assessed_level", "moderated_level", "assessment")
        .order_by("assessment__period")
        .distinct()
    )
    found: dict[int, tuple[RatingLevel, str]] = {}
    for row in rows:  # later periods overwrite earlier ones
        if row.final_level:
            found[row.criterion_id] = (row.final_level, row.assessment.period)
    return found


def level_distribution(assessment: Assessment) -> dict[int, dict[int, int]]:
    """Criterion id → {level value: number of assessments} across every council
    assessed against the same framework version in the same period. Counts
    the moderated level where there is one, else the assessed level. One query."""
    rows = (
        CriterionResponse.objects.filter(
            assessment__framework_version=assessment.framework_version_id,
            assessment__period=assessment.period,
            assessed_level__isnull=False,
        )
        .values("criterion_id", "assessed_level__value", "moderated_level__value")
        .annotate(n=Count("pk"))
    )
    result: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        value = row["moderated_level__value"] or row["assessed_level__value"]
        result[row["criterion_id"]][value] += row["n"]
    return {k: dict(v) for k, v in result.items()}


def recommendations_of(assessment: Assessment) -> list[AssessmentRecommendation]:
    return list(assessment.recommendations.select_related("criterion"))


def issued_recommendations(assessment: Assessment) -> QuerySet[AssessmentRecommendation]:
    """The recommendations the council's register takes on: only once issued,
    and they stay as issued (reopening does not withdraw them)."""
    if not assessment.letters.exists():
        return AssessmentRecommendation.objects.none()
    return assessment.recommendations.select_related("criterion").order_by("number")


def letters_of(assessment: Assessment) -> list[IssuedLetter]:
    return list(assessment.letters.select_related("issued_by"))


def get_letter_for(
    user, assessment_pk: int, version_number: int, *, purpose: Action
) -> IssuedLetter:
    assessment = get_assessment_for(user, assessment_pk, purpose=purpose)
    return get_object_or_404(IssuedLetter, assessment=assessment, version_number=version_number)


# --- Home page -----------------------------------------------------------------


@dataclass(frozen=True)
class HomeRow:
    assessment: Assessment
    next_step: str


NEXT_STEP_COUNCIL = {
    Status.SELF_ASSESSMENT: "Complete the self-assessment and submit it",
    Status.SUBMITTED: "Wait for the assessor to score it",
    Status.SCORING: "Wait for the assessor to score it",
    Status.AWAITING_MODERATION: "Wait for moderation",
    Status.RETURNED: "Wait for the assessor to score it",
    Status.MODERATED: "Wait for the letter",
    Status.ISSUED: "Read the letter and respond to the recommendations",
    Status.REOPENED: "Wait for the letter to be reissued",
}
NEXT_STEP_ASSESSOR = {
    Status.SELF_ASSESSMENT: "Wait for the council to submit",
    Status.SUBMITTED: "Score the criteria",
    Status.SCORING: "Finish scoring and mark ready for moderation",
    Status.AWAITING_MODERATION: "Wait for moderation",
    Status.RETURNED: "Look again at the moderator's comments",
    Status.MODERATED: "Issue the letter",
    Status.REOPENED: "Revise the scores",
}


def council_assessments(user) -> list[HomeRow]:
    rows = visible_assessments(user, purpose=Action.VIEW_RECORDS).order_by("-period")[:20]
    return [HomeRow(a, NEXT_STEP_COUNCIL[a.status]) for a in rows]


def assessor_assessments(user) -> list[HomeRow]:
    rows = (
        visible_assessments(user, purpose=Action.SCORE_ASSESSMENT)
        .filter(assessor=user)
        .exclude(status=Status.ISSUED)
    )
    return [HomeRow(a, NEXT_STEP_ASSESSOR[a.status]) for a in rows[:50]]


def awaiting_moderation(user) -> QuerySet[Assessment]:
    """Assessments the user may moderate: in scope, waiting, and not their own."""
    return (
        visible_assessments(user, purpose=Action.MODERATE_ASSESSMENT)
        .filter(status=Status.AWAITING_MODERATION)
        .exclude(assessor=user)
        .exclude(responses__assessed_by=user)
    )


# --- What a user may do with one assessment --------------------------------------


def holder_organisation_ids(assessment: Assessment) -> list[int]:
    if assessment.organisation_id:
        return [assessment.organisation_id]
    return [m.pk for m in assessment.partnership.members.all()]


def stage_of(assessment: Assessment) -> Stage:
    """For permissions.hidden_fields: whose record it is and whether it is issued."""
    return Stage(tuple(holder_organisation_ids(assessment)), assessment.is_issued)


def stage_of_part(part: CriterionResponse | AssessmentRecommendation) -> Stage:
    """A criterion response or closing recommendation stands where its assessment does."""
    return stage_of(part.assessment)


def drafts_visible(user, assessment: Assessment) -> bool:
    """May the user see the assessing side's work on this assessment now?"""
    return not hidden_fields(user, assessment)


def abilities(user, assessment: Assessment) -> dict[str, bool]:
    """Which actions the user holds for this assessment's council(s), for
    deciding which links and forms a page shows. Services check again."""
    from assurance.accounts.permissions import can_any

    ids = holder_organisation_ids(assessment)
    return {
        action.value: can_any(user, action, ids)
        for action in (
            Action.EDIT_SELF_ASSESSMENT,
            Action.SUBMIT_SELF_ASSESSMENT,
            Action.SCORE_ASSESSMENT,
            Action.MODERATE_ASSESSMENT,
            Action.ISSUE_ASSESSMENT,
            Action.REOPEN_ASSESSMENT,
        )
    }


# --- Moderation ------------------------------------------------------------------


@dataclass(frozen=True)
class ModerationRow:
    response: CriterionResponse
    distribution: list[tuple[int, int]]  # (level value, number of councils)
    total: int
    previous: tuple | None


def moderation_rows(assessment: Assessment, levels: list[RatingLevel]) -> list[ModerationRow]:
    """Each criterion's three values beside the national distribution (3 queries)."""
    responses = list(
        _response_queryset().filter(assessment=assessment).order_by("criterion__number")
    )
    distribution = level_distribution(assessment)
    previous = previous_levels(assessment)
    rows = []
    for response in responses:
        counts = distribution.get(response.criterion_id, {})
        rows.append(
            ModerationRow(
                response=response,
                distribution=[(lv.value, counts.get(lv.value, 0)) for lv in levels],
                total=sum(counts.values()),
                previous=previous.get(response.criterion_id),
            )
        )
    return rows


def get_closing_recommendation(assessment: Assessment, pk: int) -> AssessmentRecommendation:
    """A recommendation of this (already scoped) assessment; 404 otherwise."""
    return get_object_or_404(assessment.recommendations, pk=pk)


def get_evidence_of(response: CriterionResponse, pk: int) -> EvidenceItem:
    """An evidence item held by this (already scoped) criterion response; 404 otherwise."""
    return get_object_or_404(response.evidence.all(), pk=pk)
