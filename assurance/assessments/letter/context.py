"""Everything the letter says, composed from LetterFacts into plain frozen
dataclasses. Renderers read only this; compose() is pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assurance.frameworks import rules as scale_rules

from .. import rules
from .facts import LetterFacts


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
    statement: str
    level_text: str
    good_practice: str
    areas_for_development: str
    records: tuple[str, ...] = ()  # the council's delivery records cited; none: no heading


@dataclass(frozen=True)
class RecommendationLine:
    number: int
    about: str
    text: str


@dataclass(frozen=True)
class DescriptorLine:
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
    movement: str


@dataclass(frozen=True)
class LetterContext:
    title: str
    marking: str
    reference: str
    issued_on: date | None
    version_number: int | None
    addressee: str
    addressee_lines: tuple[str, ...]
    cc_lines: tuple[str, ...]
    salutation: str
    assessing_body: str
    assessing_body_lines: tuple[str, ...]
    signatory: str
    signatory_lines: tuple[str, ...]
    period: str
    framework_title: str
    scale_sentence: str
    caveats: tuple[str, ...]
    opening: str
    closing: str
    summary: str
    show_band: bool
    scores: tuple[ScoreRow, ...]
    feedback: tuple[Feedback, ...]
    recommendations: tuple[RecommendationLine, ...]
    annex: tuple[AnnexCriterion, ...]
    file_stem: str
    missing: tuple[str, ...] = ()
    comparison: tuple[ComparisonRow, ...] = ()
    comparison_period: str = ""
    comparison_note: str = ""
    records_heading: str = "Records the council keeps"

    @property
    def is_draft(self) -> bool:
        return self.version_number is None


NOT_SCORED = "Assured separately"
MISSING = "[not yet given]"


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def _addressee_lines(facts: LetterFacts) -> tuple[str, ...]:
    d = facts.details
    lines = [d.addressee_name, d.addressee_job_title, facts.holder_name]
    if facts.member_names:
        lines.append(", ".join(facts.member_names))
    lines.extend(_lines(d.addressee_address))
    return tuple(line or MISSING for line in lines)


def _signatory_lines(facts: LetterFacts) -> tuple[str, ...]:
    d = facts.details
    lines = [d.signatory_job_title or MISSING]
    if d.signatory_region:
        lines.append(d.signatory_region)
    lines.append(facts.assessing_body or MISSING)
    lines.extend(_lines(d.signatory_contact) or (MISSING,))
    return tuple(lines)


def _scores(facts: LetterFacts) -> tuple[ScoreRow, ...]:
    return tuple(
        ScoreRow(r.number, r.title, r.level.value, r.level.label, r.level.band, r.level.band_label)
        if r.level
        else ScoreRow(r.number, r.title, None, NOT_SCORED, "", "")
        for r in facts.responses
    )


def _feedback(facts: LetterFacts) -> tuple[Feedback, ...]:
    return tuple(
        Feedback(
            r.number,
            r.title,
            r.statement,
            scale_rules.level_with_band(r.level.label, r.level.band_label)
            if r.level
            else NOT_SCORED,
            r.good_practice,
            r.areas_for_development,
            r.records,
        )
        for r in facts.responses
    )


def records_heading(facts: LetterFacts) -> str:
    """Above the delivery records cited under a criterion."""
    return "Records the councils keep" if facts.member_names else "Records the council keeps"


def _recommendations(facts: LetterFacts) -> tuple[RecommendationLine, ...]:
    return tuple(
        RecommendationLine(
            rec.number,
            f"Criterion {rec.criterion_number}: {rec.criterion_title}"
            if rec.criterion_number
            else "General",
            rec.text,
        )
        for rec in facts.recommendations
    )


def _comparison(facts: LetterFacts) -> tuple[tuple[ComparisonRow, ...], str]:
    if not facts.previous_period:
        return (), ""
    if not facts.previous_comparable:
        return (), (
            f"The framework changed after {facts.previous_period} and no crosswalk maps its "
            "criteria, so results are not compared."
        )
    rows = tuple(
        ComparisonRow(
            r.number,
            r.title,
            "; ".join(str(p) for p in r.previous) or "No equivalent",
            r.level.label if r.level else NOT_SCORED,
            rules.Movement(r.movement).label if r.previous else "",
        )
        for r in facts.responses
    )
    note = (
        f"The framework changed after {facts.previous_period}; earlier results are shown "
        "against the criteria they map to, with the earlier criterion's number, and compared "
        "by what they mean for the duty (not met, met, exceeded), not by their numbers."
        if facts.previous_crosswalked
        else ""
    )
    return rows, note


def compose(
    facts: LetterFacts, *, issued_on: date | None = None, version_number: int | None = None
) -> LetterContext:
    """The letter's content. ``issued_on`` defaults to the date chosen on the
    issue page; a draft without one shows that the date is still to be given."""
    d = facts.details
    has_recommendations = bool(facts.recommendations)
    scored = [r.number for r in facts.responses if r.level is not None]
    comparison, note = _comparison(facts)
    levels = [rules.Level(lv.value, lv.label, lv.band) for lv in facts.levels]
    opening = (
        f"This letter sets out our assessment of how {facts.holder_name} carried out the "
        f"Prevent duty in {facts.period}, against {facts.framework_title}. "
        + rules.moderation_sentence(scored, facts.peer_criteria)
    ).strip()
    missing = rules.letter_missing(
        d.as_dict(), body_name=facts.assessing_body, body_address=facts.assessing_body_address
    )
    return LetterContext(
        title=f"Assessment of the Prevent duty {facts.period}: {facts.holder_name}",
        marking=facts.marking,
        reference=f"PDA-{facts.pk}-{facts.period.replace('/', '-')}",
        issued_on=issued_on or d.letter_date,
        version_number=version_number,
        addressee=facts.holder_name,
        addressee_lines=_addressee_lines(facts),
        cc_lines=_lines(d.cc),
        salutation=f"{d.salutation}," if d.salutation else f"{MISSING},",
        assessing_body=facts.assessing_body,
        assessing_body_lines=(facts.assessing_body or MISSING,)
        + (_lines(facts.assessing_body_address) or (MISSING,)),
        signatory=d.signatory_name or MISSING,
        signatory_lines=_signatory_lines(facts),
        period=facts.period,
        framework_title=facts.framework_title,
        scale_sentence=rules.scale_sentence(levels),
        caveats=facts.caveats,
        opening=opening,
        closing=rules.closing_sentence(has_recommendations=has_recommendations),
        summary=facts.summary,
        show_band=scale_rules.band_column_needed(facts.levels),
        scores=_scores(facts),
        feedback=_feedback(facts),
        recommendations=_recommendations(facts),
        annex=tuple(
            AnnexCriterion(
                a.number,
                a.title,
                a.statement,
                tuple(DescriptorLine(x.label, x.text) for x in a.descriptors),
            )
            for a in facts.annex
        ),
        file_stem=rules.file_stem("assessment letter", facts.holder_name, facts.period),
        missing=tuple(missing.values()),
        comparison=comparison,
        comparison_period=facts.previous_period,
        comparison_note=note,
        records_heading=records_heading(facts),
    )


def build_letter_context(
    assessment, *, issued_on: date | None = None, version_number: int | None = None
) -> LetterContext:
    """The letter of an (already scoped) assessment, from selectors.letter_facts."""
    from ..selectors import letter_facts

    return compose(letter_facts(assessment), issued_on=issued_on, version_number=version_number)
