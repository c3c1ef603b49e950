"""The facts a letter is written from, as plain frozen values. One selector
(selectors.letter_facts) gathers them from every app; the letter's wording
(context.compose) is a pure function of them, unit-tested without the
database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class LevelFact:
    value: int
    label: str
    band: str
    band_label: str


@dataclass(frozen=True)
class ResponseFact:
    number: int
    title: str
    statement: str
    assured_separately: bool
    level: LevelFact | None
    good_practice: str
    areas_for_development: str
    previous: tuple = ()  # selectors.PreviousScore values, through the crosswalk
    movement: str = ""
    records: tuple[str, ...] = ()  # delivery records cited (core.registry.letter_evidence_for)


@dataclass(frozen=True)
class RecommendationFact:
    number: int
    criterion_number: int | None
    criterion_title: str
    text: str


@dataclass(frozen=True)
class DescriptorFact:
    label: str
    text: str


@dataclass(frozen=True)
class AnnexFact:
    number: int
    title: str
    statement: str
    descriptors: tuple[DescriptorFact, ...]


@dataclass(frozen=True)
class DetailsFact:
    """What the issue page asked for (models.LetterDetails), or blanks."""

    letter_date: date | None = None
    addressee_name: str = ""
    addressee_job_title: str = ""
    addressee_address: str = ""
    cc: str = ""
    salutation: str = ""
    signatory_name: str = ""
    signatory_job_title: str = ""
    signatory_region: str = ""
    signatory_contact: str = ""

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class LetterFacts:
    pk: int
    period: str
    marking: str
    holder_name: str
    member_names: tuple[str, ...]  # a partnership's councils; empty for one council
    holder_address: str
    assessing_body: str
    assessing_body_address: str
    framework_title: str
    levels: tuple[LevelFact, ...]
    caveats: tuple[str, ...]
    summary: str
    responses: tuple[ResponseFact, ...]
    recommendations: tuple[RecommendationFact, ...]
    annex: tuple[AnnexFact, ...]
    peer_criteria: frozenset[int] = frozenset()  # numbers other authorities were scored on
    previous_period: str = ""
    previous_crosswalked: bool = False
    previous_comparable: bool = False
    details: DetailsFact = field(default_factory=DetailsFact)
