"""Everything the letter says, gathered once from the database into plain
frozen dataclasses. Renderers read only this."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from assurance.frameworks.models import Criterion, Crosswalk, Descriptor

from .. import rules
from ..models import Assessment, CriterionResponse


@dataclass(frozen=True)
class ScoreRow:
    number: int
    title: str
    level: int | None
    level_label: str
    band: str  # not_met / met / exceeded, or "" when not scored
    band_label: str


@dataclass(frozen=True)
class Feedback:
    number: int
    title: str
    level_text: str
    good_practice: str
    areas_for_development: str


@dataclass(frozen=True)
class RecommendationLine:
    number: int
    about: str
    text: str


@dataclass(frozen=True)
class DescriptorLine:
    value: int
    label: str
    text: str


@dataclass(frozen=True)
class AnnexCriterion:
    number: int
    title: str
    statement: str
    descriptors: tuple[DescriptorLine, ...]


@dataclass(frozen=True)
class ComparisonRow:
    number: int
    title: str
    previous: str
    current: str


@dataclass(frozen=True)
class LetterContext:
    title: str
    marking: str
    reference: str
    issued_on: date
    version_number: int | None
    addressee: str
    addressee_lines: tuple[str, ...]
    assessing_body: str
    signatory: str
    signatory_role: str
    period: str
    framework_title: str
    scale_sentence: str
    summary: str
    scores: tuple[ScoreRow, ...]
    feedback: tuple[Feedback, ...]
    recommendations: tuple[RecommendationLine, ...]
    annex: tuple[AnnexCriterion, ...]
    comparison: tuple[ComparisonRow, ...] = ()
    comparison_period: str = ""
    comparison_note: str = ""

    @property
    def is_draft(self) -> bool:
        return self.version_number is None

    @property
    def opening(self) -> str:
        return (
            f"This letter sets out our assessment of how {self.addressee} carried out the Prevent "
            f"duty in {self.period}, scored against {self.framework_title}. Scores were moderated "
            "against those of other authorities for consistency."
        )

    closing = (
        "We will work with you through the year on the areas for development and the "
        "recommendations above. Please contact us if you have any questions about this letter."
    )


NOT_SCORED = "Assured separately"


def _level_text(level) -> tuple[int | None, str, str, str]:
    if level is None:
        return None, NOT_SCORED, "", ""
    return level.value, str(level), level.band, level.get_band_display()


def _responses(assessment: Assessment) -> list[CriterionResponse]:
    return list(
        assessment.responses.select_related(
            "criterion", "assessed_level", "moderated_level"
        ).order_by("criterion__number")
    )


def _annex(assessment: Assessment) -> tuple[AnnexCriterion, ...]:
    criteria = Criterion.objects.filter(
        framework_version=assessment.framework_version_id
    ).prefetch_related(
        Prefetch(
            "descriptors",
            queryset=Descriptor.objects.select_related("level").order_by("level__value"),
        )
    )
    return tuple(
        AnnexCriterion(
            number=c.number,
            title=c.title,
            statement=c.statement,
            descriptors=tuple(
                DescriptorLine(d.level.value, str(d.level), d.text) for d in c.descriptors.all()
            ),
        )
        for c in criteria
    )


def _addressee(assessment: Assessment) -> tuple[str, tuple[str, ...]]:
    if assessment.organisation_id:
        organisation = assessment.organisation
        region = f"{organisation.region.name}" if organisation.region_id else ""
        return organisation.name, tuple(
            x for x in ("The Prevent lead", organisation.name, region) if x
        )
    partnership = assessment.partnership
    members = ", ".join(m.name for m in partnership.members.all())
    return partnership.name, ("The Prevent leads", partnership.name, members)


def build_letter_context(
    assessment: Assessment, *, issued_on: date, version_number: int | None = None
) -> LetterContext:
    version = assessment.framework_version
    levels = list(version.levels.all())
    responses = _responses(assessment)
    scores, feedback = [], []
    for r in responses:
        value, label, band, band_label = _level_text(r.final_level)
        scores.append(
            ScoreRow(r.criterion.number, r.criterion.title, value, label, band, band_label)
        )
        feedback.append(
            Feedback(
                r.criterion.number,
                r.criterion.title,
                f"Level {label}" if value is not None else NOT_SCORED,
                r.good_practice,
                r.areas_for_development,
            )
        )
    recommendations = tuple(
        RecommendationLine(
            rec.number,
            f"Criterion {rec.criterion.number}: {rec.criterion.title}"
            if rec.criterion
            else "General",
            rec.text,
        )
        for rec in assessment.recommendations.select_related("criterion")
    )
    addressee, lines = _addressee(assessment)
    comparison, comparison_period, comparison_note = _comparison(assessment, responses)
    return LetterContext(
        title=f"Assessment of the Prevent duty {assessment.period}: {addressee}",
        marking=assessment.marking,
        reference=f"PDA-{assessment.pk}-{assessment.period.replace('/', '-')}",
        issued_on=issued_on,
        version_number=version_number,
        addressee=addressee,
        addressee_lines=lines,
        assessing_body=assessment.assessing_body.name if assessment.assessing_body_id else "",
        signatory=assessment.assessor.full_name,
        signatory_role=assessment.assessor.job_title or "Assessor",
        period=assessment.period,
        framework_title=version.title,
        scale_sentence=rules.scale_sentence(
            [rules.Level(lv.value, lv.label, lv.band) for lv in levels]
        ),
        summary=assessment.summary,
        scores=tuple(scores),
        feedback=tuple(feedback),
        recommendations=recommendations,
        annex=_annex(assessment),
        comparison=comparison,
        comparison_period=comparison_period,
        comparison_note=comparison_note,
    )


def _previous_issued(assessment: Assessment) -> Assessment | None:
    holder = (
        {"organisation": assessment.organisation_id}
        if assessment.organisation_id
        else {"partnership": assessment.partnership_id}
    )
    return (
        Assessment.objects.filter(letters__isnull=False, period__lt=assessment.period, **holder)
        .select_related("framework_version")
        .order_by("-period")
        .first()
    )


def _criterion_map(previous: Assessment, current: Assessment) -> dict[int, list[int]] | None:
    """Current criterion id → the previous framework's criterion ids it continues."""
    if previous.framework_version_id == current.framework_version_id:
        return None  # same framework: criteria match one for one
    forward = Crosswalk.objects.filter(
        source_version=previous.framework_version_id, target_version=current.framework_version_id
    ).first()
    backward = Crosswalk.objects.filter(
        source_version=current.framework_version_id, target_version=previous.framework_version_id
    ).first()
    mapping: dict[int, list[int]] = {}
    if forward:
        for m in forward.mappings.all():
            mapping.setdefault(m.target_criterion_id, []).append(m.source_criterion_id)
    elif backward:
        for m in backward.mappings.all():
            mapping.setdefault(m.source_criterion_id, []).append(m.target_criterion_id)
    else:
        return {}
    return mapping


def _comparison(
    assessment: Assessment, responses: list[CriterionResponse]
) -> tuple[tuple[ComparisonRow, ...], str, str]:
    previous = _previous_issued(assessment)
    if previous is None:
        return (), "", ""
    earlier = {
        r.criterion_id: r
        for r in previous.responses.select_related("criterion", "assessed_level", "moderated_level")
    }
    mapping = _criterion_map(previous, assessment)
    if mapping == {}:
        return (
            (),
            previous.period,
            (
                f"The framework changed after {previous.period} and no crosswalk maps its "
                "criteria, so scores are not compared."
            ),
        )
    rows = []
    for r in responses:
        sources = [r.criterion_id] if mapping is None else mapping.get(r.criterion_id, [])
        before = [earlier[s] for s in sources if s in earlier]
        previous_text = (
            "; ".join(_previous_text(b, mapping is not None) for b in before) or "No equivalent"
        )
        current = r.final_level
        rows.append(
            ComparisonRow(
                r.criterion.number,
                r.criterion.title,
                previous_text,
                str(current.value) if current else NOT_SCORED,
            )
        )
    note = (
        ""
        if mapping is None
        else (
            f"The framework changed after {previous.period}; earlier scores are shown against the "
            "criteria they map to, with the earlier criterion's number."
        )
    )
    return tuple(rows), previous.period, note


def _previous_text(response: CriterionResponse, crosswalked: bool) -> str:
    level = response.final_level
    value = str(level.value) if level else NOT_SCORED
    return f"{value} (was criterion {response.criterion.number})" if crosswalked else value
