"""Every read of assessments, scoped to the user through permissions.restrict.
Pages get everything they show in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from assurance.accounts.permissions import (
    Action,
    Stage,
    hidden_fields,
    restrict,
    restrict_unsigned_own_work,
)
from assurance.core.registry import letter_evidence_for
from assurance.evidence.models import EvidenceItem
from assurance.frameworks.models import Criterion, CrosswalkMapping, Descriptor, RatingLevel

from . import rules
from .letter import facts
from .models import (
    Assessment,
    AssessmentRecommendation,
    CriterionResponse,
    IssuedLetter,
    LetterDetails,
    SignatoryDefaults,
)
from .rules import Status

HOLDER_LOOKUPS = ("organisation", "partnership__members")


# A council's own self-assessment before it is signed off.
UNSIGNED_OWN = Q(council_owned=True) & ~Q(status=Status.SIGNED_OFF)


def visible_assessments(user, *, purpose: Action) -> QuerySet[Assessment]:
    qs = Assessment.objects.select_related(
        "organisation", "partnership", "framework_version__framework", "assessor", "assessing_body"
    )
    qs = restrict(qs, user, *HOLDER_LOOKUPS, purpose=purpose)
    return restrict_unsigned_own_work(qs, user, *HOLDER_LOOKUPS, unsigned=UNSIGNED_OWN)


@dataclass
class AssessmentFilters:
    q: str = ""
    period: str = ""
    status: str = ""


def assessment_list(user, filters: AssessmentFilters) -> QuerySet[Assessment]:
    """The assessments page, newest period first; paginate it."""
    qs = visible_assessments(user, purpose=Action.VIEW_RECORDS)
    if filters.q:
        qs = qs.filter(
            Q(organisation__name__icontains=filters.q) | Q(partnership__name__icontains=filters.q)
        )
    if filters.period:
        qs = qs.filter(period=filters.period)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by("-period", "organisation__name", "partnership__name", "pk")


def visible_periods(user, *, purpose: Action) -> list[str]:
    return list(
        visible_assessments(user, purpose=purpose)
        .order_by("-period")
        .values_list("period", flat=True)
        .distinct()
    )


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


@dataclass(frozen=True)
class PreviousScore:
    """One earlier criterion's final level, as the comparison shows it."""

    number: int
    label: str
    band: str
    band_label: str
    crosswalked: bool

    def __str__(self) -> str:
        return f"{self.label} (was criterion {self.number})" if self.crosswalked else self.label


@dataclass(frozen=True)
class PreviousScores:
    """The previous issued assessment's scores, keyed by *this* assessment's
    criterion ids (see rules.previous_issued and rules.criterion_sources)."""

    period: str = ""
    crosswalked: bool = False
    comparable: bool = False
    by_criterion: dict = field(default_factory=dict)

    def of(self, criterion_id: int) -> tuple[PreviousScore, ...]:
        return self.by_criterion.get(criterion_id, ())

    def movement(self, criterion_id: int, current_level) -> str:
        return rules.band_movement(
            [p.band for p in self.of(criterion_id)], current_level.band if current_level else None
        )


def _holder_filter(assessment: Assessment) -> Q:
    if assessment.organisation_id:
        return Q(organisation=assessment.organisation_id)
    return Q(partnership=assessment.partnership_id)


def _crosswalk_sources(previous: rules.IssuedRecord, assessment: Assessment, current_ids):
    same = previous.framework_version_id == assessment.framework_version_id
    if same:
        return rules.criterion_sources((), same_version=True, current_ids=current_ids), True
    pairs = CrosswalkMapping.objects.filter(
        crosswalk__source_version=previous.framework_version_id,
        crosswalk__target_version=assessment.framework_version_id,
    ).values_list("source_criterion_id", "target_criterion_id")
    forward = list(pairs)
    if forward:
        return rules.criterion_sources(forward, same_version=False, current_ids=current_ids), True
    backward = list(
        CrosswalkMapping.objects.filter(
            crosswalk__source_version=assessment.framework_version_id,
            crosswalk__target_version=previous.framework_version_id,
        ).values_list("source_criterion_id", "target_criterion_id")
    )
    sources = rules.criterion_sources(
        backward, same_version=False, current_ids=current_ids, previous_is_source=False
    )
    return sources, bool(backward)


def previous_scores(assessment: Assessment) -> PreviousScores:
    """The scores of the previous issued assessment of the same council or
    partnership, mapped onto this assessment's criteria. The one definition
    of "the previous issued assessment" (rules.previous_issued); at most four
    queries."""
    issued = (
        Assessment.objects.filter(_holder_filter(assessment), letters__isnull=False)
        .exclude(pk=assessment.pk)
        .values_list("pk", "period", "framework_version_id")
        .distinct()
    )
    previous = rules.previous_issued(
        assessment.period, [rules.IssuedRecord(*row) for row in issued]
    )
    if previous is None:
        return PreviousScores()
    current_ids = list(
        Criterion.objects.filter(framework_version=assessment.framework_version_id).values_list(
            "pk", flat=True
        )
    )
    sources, comparable = _crosswalk_sources(previous, assessment, current_ids)
    crosswalked = previous.framework_version_id != assessment.framework_version_id
    earlier = {
        r.criterion_id: r
        for r in CriterionResponse.objects.filter(assessment=previous.pk).select_related(
            "criterion", "assessed_level", "moderated_level"
        )
    }
    by_criterion = {}
    for current_id, ids in sources.items():
        scores = tuple(
            PreviousScore(
                number=earlier[pk].criterion.number,
                label=str(earlier[pk].final_level),
                band=earlier[pk].final_level.band,
                band_label=earlier[pk].final_level.get_band_display(),
                crosswalked=crosswalked,
            )
            for pk in ids
            if pk in earlier and earlier[pk].final_level is not None
        )
        if scores:
            by_criterion[current_id] = scores
    return PreviousScores(
        period=previous.period,
        crosswalked=crosswalked,
        comparable=comparable,
        by_criterion=by_criterion,
    )


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


def distribution_names(user, assessment: Assessment) -> dict[int, dict[int, list[str]]]:
    """Criterion id → level value → the names of the councils counted at that
    level in ``level_distribution``, limited to those the user oversees
    (assessors their region, analysts all). One query."""
    rows = restrict(
        CriterionResponse.objects.filter(
            assessment__framework_version=assessment.framework_version_id,
            assessment__period=assessment.period,
            assessed_level__isnull=False,
        ),
        user,
        "assessment__organisation",
        "assessment__partnership__members",
        purpose=Action.VIEW_REGIONAL_OVERSIGHT,
    ).values_list(
        "criterion_id",
        "assessed_level__value",
        "moderated_level__value",
        "assessment__organisation__name",
        "assessment__partnership__name",
    )
    result: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for criterion_id, assessed, moderated, organisation, partnership in rows:
        result[criterion_id][moderated or assessed].append(organisation or partnership)
    return {k: {v: sorted(names) for v, names in levels.items()} for k, levels in result.items()}


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
    Status.SIGNED_OFF: "Export it for your committee",
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
    return [HomeRow(a, _council_next_step(a)) for a in rows]


def _council_next_step(assessment: Assessment) -> str:
    if assessment.council_owned and assessment.status == Status.SELF_ASSESSMENT:
        return "Complete the self-assessment and sign it off"
    return NEXT_STEP_COUNCIL[assessment.status]


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
    distribution: list[tuple[str, int]]  # (level name, number of assessments)
    total: int
    previous: tuple[PreviousScore, ...]
    movement: str
    previous_period: str


def moderation_rows(assessment: Assessment, levels: list[RatingLevel]) -> list[ModerationRow]:
    """Each criterion's three values beside the national distribution (3 queries)."""
    responses = list(
        _response_queryset().filter(assessment=assessment).order_by("criterion__number")
    )
    distribution = level_distribution(assessment)
    previous = previous_scores(assessment)
    rows = []
    for response in responses:
        counts = distribution.get(response.criterion_id, {})
        rows.append(
            ModerationRow(
                response=response,
                distribution=[(str(lv), counts.get(lv.value, 0)) for lv in levels],
                total=sum(counts.values()),
                previous=previous.of(response.criterion_id),
                movement=previous.movement(response.criterion_id, response.final_level),
                previous_period=previous.period,
            )
        )
    return rows


def get_closing_recommendation(assessment: Assessment, pk: int) -> AssessmentRecommendation:
    """A recommendation of this (already scoped) assessment; 404 otherwise."""
    return get_object_or_404(assessment.recommendations, pk=pk)


def get_evidence_of(response: CriterionResponse, pk: int) -> EvidenceItem:
    """An evidence item held by this (already scoped) criterion response; 404 otherwise."""
    return get_object_or_404(response.evidence.all(), pk=pk)


# --- The letter ------------------------------------------------------------------


def _level_fact(level) -> facts.LevelFact | None:
    if level is None:
        return None
    return facts.LevelFact(level.value, str(level), level.band, level.get_band_display())


def _details_fact(assessment: Assessment) -> facts.DetailsFact:
    details = LetterDetails.objects.filter(assessment=assessment).first()
    if details is None:
        return facts.DetailsFact()
    return facts.DetailsFact(
        **{name: getattr(details, name) for name in facts.DetailsFact.__dataclass_fields__}
    )


def _peer_criteria(assessment: Assessment) -> frozenset[int]:
    """Criteria that another authority was scored on, same framework and period."""
    return frozenset(
        CriterionResponse.objects.filter(
            assessment__framework_version=assessment.framework_version_id,
            assessment__period=assessment.period,
            assessment__council_owned=False,
            assessed_level__isnull=False,
        )
        .exclude(assessment=assessment.pk)
        .values_list("criterion__number", flat=True)
        .distinct()
    )


def _annex_facts(version_id: int) -> tuple[facts.AnnexFact, ...]:
    criteria = Criterion.objects.filter(framework_version=version_id).prefetch_related(
        Prefetch(
            "descriptors",
            queryset=Descriptor.objects.select_related("level").order_by("level__value"),
        )
    )
    return tuple(
        facts.AnnexFact(
            c.number,
            c.title,
            c.statement,
            tuple(facts.DescriptorFact(str(d.level), d.text) for d in c.descriptors.all()),
        )
        for c in criteria
    )


def _holder_facts(assessment: Assessment) -> tuple[str, tuple[str, ...], str]:
    if assessment.organisation_id:
        organisation = assessment.organisation
        return organisation.name, (), organisation.postal_address
    members = tuple(m.name for m in assessment.partnership.members.order_by("name"))
    return assessment.partnership.name, members, assessment.partnership.postal_address


def letter_facts(assessment: Assessment) -> facts.LetterFacts:
    """Everything a letter says, read once for an assessment the caller has
    already scoped (get_assessment_for). The letter reads nothing else."""
    version = assessment.framework_version
    previous = previous_scores(assessment)
    responses = list(
        _response_queryset().filter(assessment=assessment).order_by("criterion__number")
    )
    cited = letter_evidence_for(
        holder_organisation_ids(assessment), assessment.period, [r.criterion_id for r in responses]
    )
    holder, members, address = _holder_facts(assessment)
    body = assessment.assessing_body
    return facts.LetterFacts(
        pk=assessment.pk,
        period=assessment.period,
        marking=assessment.marking,
        holder_name=holder,
        member_names=members,
        holder_address=address,
        assessing_body=body.name if body else "",
        assessing_body_address=body.postal_address if body else "",
        framework_title=version.title,
        levels=tuple(_level_fact(level) for level in version.levels.all()),
        caveats=tuple(version.letter_caveats or ()),
        summary=assessment.summary,
        responses=tuple(
            facts.ResponseFact(
                number=r.criterion.number,
                title=r.criterion.title,
                statement=r.criterion.statement,
                assured_separately=r.criterion.assured_separately,
                level=_level_fact(r.final_level),
                good_practice=r.good_practice,
                areas_for_development=r.areas_for_development,
                previous=previous.of(r.criterion_id),
                movement=previous.movement(r.criterion_id, r.final_level),
                records=cited.get(r.criterion_id, ()),
            )
            for r in responses
        ),
        recommendations=tuple(
            facts.RecommendationFact(
                rec.number,
                rec.criterion.number if rec.criterion else None,
                rec.criterion.title if rec.criterion else "",
                rec.text,
            )
            for rec in recommendations_of(assessment)
        ),
        annex=_annex_facts(version.pk),
        peer_criteria=_peer_criteria(assessment),
        previous_period=previous.period,
        previous_crosswalked=previous.crosswalked,
        previous_comparable=previous.comparable,
        details=_details_fact(assessment),
    )


@dataclass(frozen=True)
class Contact:
    key: str
    name: str
    job_title: str
    organisation: str


def council_contacts(user, assessment: Assessment) -> list[Contact]:
    """The people with a role at the assessed council(s), to address a letter to."""
    from assurance.accounts.selectors import colleagues_of

    holders = (
        [assessment.organisation]
        if assessment.organisation_id
        else list(assessment.partnership.members.all())
    )
    contacts = []
    for organisation in holders:  # one council, or a partnership's few members
        for membership in colleagues_of(user, organisation):
            person = membership.user
            key = f"{organisation.pk}-{person.pk}"
            if person.is_active and key not in {c.key for c in contacts}:
                contacts.append(Contact(key, person.full_name, person.job_title, organisation.name))
    return contacts


def letter_initial(user, assessment: Assessment) -> dict:
    """Where the issue page starts: this assessment's details if it was issued
    before; else the signatory details this assessor last used for this
    assessing body, the addressee of this council's latest letter, and the
    council's (or partnership's) postal address. Blank where nothing is known."""
    details = LetterDetails.objects.filter(assessment=assessment).first()
    if details is not None:
        values = {name: getattr(details, name) for name in facts.DetailsFact.__dataclass_fields__}
        values["letter_date"] = timezone.localdate()
        return values
    values: dict = {"letter_date": timezone.localdate()}
    defaults = SignatoryDefaults.objects.filter(
        assessing_body=assessment.assessing_body_id, assessor=user
    ).first()
    if defaults is not None:
        for name in ("signatory_name", "signatory_job_title", "signatory_region"):
            values[name] = getattr(defaults, name)
        values["signatory_contact"], values["cc"] = defaults.signatory_contact, defaults.cc
    else:
        values["signatory_name"], values["signatory_job_title"] = user.full_name, user.job_title
    earlier = (
        LetterDetails.objects.filter(
            assessment__in=Assessment.objects.filter(_holder_filter(assessment))
        )
        .exclude(assessment=assessment)
        .order_by("-letter_date")
        .first()
    )
    if earlier is not None:
        for name in ("addressee_name", "addressee_job_title", "salutation"):
            values[name] = getattr(earlier, name)
    holder = assessment.organisation if assessment.organisation_id else assessment.partnership
    holder_address = holder.postal_address
    values["addressee_address"] = holder_address or (earlier.addressee_address if earlier else "")
    return values


# --- The next cycle ------------------------------------------------------------


def carry_source(assessment: Assessment) -> rules.EarlierRecord | None:
    """The earlier record this one would carry forward from (rules.carry_source):
    issued assessments of the same council or partnership, and for a council's
    own self-assessment its own earlier ones too. One query."""
    earlier = (
        Assessment.objects.filter(_holder_filter(assessment))
        .filter(Q(council_owned=False, letters__isnull=False) | Q(council_owned=True))
        .exclude(pk=assessment.pk)
        .values_list("pk", "period", "framework_version_id", "council_owned")
        .distinct()
    )
    return rules.carry_source(
        assessment.period,
        [rules.EarlierRecord(*row) for row in earlier],
        council_owned=assessment.council_owned,
    )


def carry_plan(previous_version_id: int, current_version_id: int) -> rules.CarryPlan | None:
    """Last period's criteria mapped onto this period's (rules.carry_plan),
    through a crosswalk either way when the version changed; None when no
    crosswalk joins the two versions. At most four queries."""
    ids = defaultdict(list)
    for pk, version_id in Criterion.objects.filter(
        framework_version__in=(previous_version_id, current_version_id)
    ).values_list("pk", "framework_version_id"):
        ids[version_id].append(pk)
    same = previous_version_id == current_version_id
    if same:
        return rules.carry_plan(
            (), same_version=True, current_ids=ids[current_version_id], previous_ids=()
        )
    for source, target, forward in (
        (previous_version_id, current_version_id, True),
        (current_version_id, previous_version_id, False),
    ):
        rows = list(
            CrosswalkMapping.objects.filter(
                crosswalk__source_version=source, crosswalk__target_version=target
            ).values_list("source_criterion_id", "target_criterion_id", "relation")
        )
        if rows:
            return rules.carry_plan(
                rows,
                same_version=False,
                current_ids=ids[current_version_id],
                previous_ids=ids[previous_version_id],
                previous_is_source=forward,
            )
    return None


@dataclass(frozen=True)
class EarlierCriterion:
    """Last period's answer to one criterion, as the "what changed" panel shows it."""

    number: int
    title: str
    narrative: str
    level: RatingLevel | None


@dataclass(frozen=True)
class CarriedChanges:
    """What changed since the record this one carried forward from."""

    period: str = ""
    was_own: bool = False
    framework_changed: bool = False
    previous_framework: str = ""
    change: str = ""
    change_label: str = ""
    earlier: tuple[EarlierCriterion, ...] = ()
    new: tuple[Criterion, ...] = ()
    merged: tuple[Criterion, ...] = ()
    removed: tuple[Criterion, ...] = ()

    @property
    def exists(self) -> bool:
        return bool(self.period)


def _earlier_level(source: Assessment, response: CriterionResponse):
    """A council's own record: its rating. An assessment: the final level,
    only while it stands issued (a reopened one's levels are drafts again,
    seen by the assessing side only)."""
    if source.council_owned:
        return response.self_level
    return response.final_level if source.is_issued else None


def _earlier_answers(source: Assessment, criterion_ids) -> dict[int, EarlierCriterion]:
    return {
        r.criterion_id: EarlierCriterion(
            number=r.criterion.number,
            title=r.criterion.title,
            narrative=r.narrative,
            level=_earlier_level(source, r),
        )
        for r in CriterionResponse.objects.filter(
            assessment=source.pk, criterion_id__in=criterion_ids
        ).select_related("criterion", "self_level", "assessed_level", "moderated_level")
    }


def carried_changes(assessment: Assessment, criterion_id: int | None = None) -> CarriedChanges:
    """For a record started from an earlier one: what changed since then,
    for the whole record (new, merged and removed criteria) or, given a
    criterion, that criterion's earlier level and narrative. A fixed number
    of queries."""
    if not assessment.carried_from_id:
        return CarriedChanges()
    source = (
        Assessment.objects.select_related("framework_version")
        .filter(pk=assessment.carried_from_id)
        .first()
    )
    if source is None:
        return CarriedChanges()
    plan = carry_plan(source.framework_version_id, assessment.framework_version_id)
    common = {
        "period": source.period,
        "was_own": source.council_owned,
        "framework_changed": source.framework_version_id != assessment.framework_version_id,
        "previous_framework": source.framework_version.title,
    }
    if plan is None:
        return CarriedChanges(**common)
    if criterion_id is not None:
        sources = plan.sources(criterion_id)
        answers = _earlier_answers(source, sources)
        change = plan.change(criterion_id)
        return CarriedChanges(
            **common,
            change=change,
            change_label=rules.Change(change).label,
            earlier=tuple(answers[pk] for pk in sources if pk in answers),
        )
    changed = {
        kind: [pk for pk, (_ids, change) in plan.by_criterion.items() if change == kind]
        for kind in (rules.Change.NEW, rules.Change.MERGED)
    }
    criteria = Criterion.objects.filter(
        pk__in=[*changed[rules.Change.NEW], *changed[rules.Change.MERGED], *plan.removed]
    ).order_by("number")
    found = list(criteria)
    return CarriedChanges(
        **common,
        new=tuple(c for c in found if c.pk in changed[rules.Change.NEW]),
        merged=tuple(c for c in found if c.pk in changed[rules.Change.MERGED]),
        removed=tuple(c for c in found if c.pk in plan.removed),
    )
