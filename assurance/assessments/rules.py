"""The rules of an assessment, as pure functions on plain values: its status
machine, what each stage needs before it may move on, who may moderate, and
what a level means for the duty. Tested without the database."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import TextChoices

from assurance.selfassessment.rules import TaskStatus, task_problems  # noqa: F401 (shared)


class Status(TextChoices):
    SELF_ASSESSMENT = "self_assessment", "Self-assessment in progress"
    SUBMITTED = "submitted", "Self-assessment submitted"
    SCORING = "scoring", "Being scored"
    AWAITING_MODERATION = "awaiting_moderation", "Awaiting moderation"
    RETURNED = "returned", "Returned by the moderator"
    MODERATED = "moderated", "Moderated"
    ISSUED = "issued", "Issued"
    REOPENED = "reopened", "Reopened"
    SIGNED_OFF = "signed_off", "Signed off by the council"


class Event(TextChoices):
    EDIT_SELF_ASSESSMENT = "edit_self_assessment", "change the self-assessment"
    SUBMIT = "submit", "submit the self-assessment"
    SCORE = "score", "score criteria or write the summary"
    READY = "ready", "mark the assessment ready for moderation"
    AGREE = "agree", "agree the scores"
    RETURN = "return", "return the assessment to the assessor"
    ISSUE = "issue", "issue the assessment"
    REOPEN = "reopen", "reopen the assessment"
    SIGN_OFF = "sign_off", "sign off the self-assessment"


S, E = Status, Event
_SCORING_STATES = (S.SUBMITTED, S.SCORING, S.RETURNED, S.REOPENED)

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.SELF_ASSESSMENT, E.EDIT_SELF_ASSESSMENT): S.SELF_ASSESSMENT,
    (S.SELF_ASSESSMENT, E.SUBMIT): S.SUBMITTED,
    **{(state, E.SCORE): S.SCORING for state in _SCORING_STATES},
    **{(state, E.READY): S.AWAITING_MODERATION for state in (S.SCORING, S.RETURNED, S.REOPENED)},
    (S.AWAITING_MODERATION, E.AGREE): S.MODERATED,
    (S.AWAITING_MODERATION, E.RETURN): S.RETURNED,
    (S.MODERATED, E.ISSUE): S.ISSUED,
    (S.ISSUED, E.REOPEN): S.REOPENED,
}

# A council's own self-assessment is completed and signed off by the council;
# it is never submitted to an assessor, scored, moderated or issued.
OWN_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.SELF_ASSESSMENT, E.EDIT_SELF_ASSESSMENT): S.SELF_ASSESSMENT,
    (S.SELF_ASSESSMENT, E.SIGN_OFF): S.SIGNED_OFF,
}


class TransitionRefused(ValueError):
    """The message says, in plain English, why the step cannot happen now."""


def _table(council_owned: bool) -> dict[tuple[str, str], str]:
    return OWN_TRANSITIONS if council_owned else TRANSITIONS


def allowed(status: str, event: str, *, council_owned: bool = False) -> bool:
    return (status, event) in _table(council_owned)


def transition(status: str, event: str, *, council_owned: bool = False) -> str:
    """The status after the event, or TransitionRefused."""
    try:
        return _table(council_owned)[(status, event)]
    except KeyError:
        raise TransitionRefused(refusal(status, event, council_owned=council_owned)) from None


def refusal(status: str, event: str, *, council_owned: bool = False) -> str:
    if council_owned and event not in (E.EDIT_SELF_ASSESSMENT, E.SIGN_OFF):
        return (
            f"You cannot {Event(event).label} here: this is the council's own "
            "self-assessment, which is signed off by the council and never issued as a letter."
        )
    if status == S.SIGNED_OFF:
        return "The council has signed off this self-assessment, so it can no longer change."
    if status == S.ISSUED:
        return (
            "This assessment has been issued and is read-only. "
            "Reopen it, giving a reason, to change it."
        )
    return (
        f"You cannot {Event(event).label} now: the assessment is “{Status(status).label.lower()}”."
    )


def is_read_only(status: str) -> bool:
    return status in (S.ISSUED, S.SIGNED_OFF)


# --- Periods -------------------------------------------------------------------

_PERIOD = re.compile(r"^(\d{4})/(\d{2})$")


def check_period(period: str) -> str:
    """A reporting year such as 2021/22: the second year follows the first."""
    match = _PERIOD.match((period or "").strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError("Enter the period as two consecutive years, for example 2021/22.")
    return match[0]


# --- What each stage needs -----------------------------------------------------


@dataclass(frozen=True)
class CriterionState:
    """Just enough of a criterion's record to decide whether a stage is done."""

    number: int
    title: str
    required: bool  # False for criteria assured through another process
    task_status: str = TaskStatus.NOT_STARTED
    narrative: str = ""
    self_level: int | None = None
    assessed_level: int | None = None
    rationale: str = ""


def _listing(states: Iterable[CriterionState]) -> str:
    return "; ".join(f"{s.number}. {s.title}" for s in states)


def submission_problems(states: Sequence[CriterionState]) -> list[str]:
    missing = [s for s in states if s.required and s.task_status != TaskStatus.COMPLETED]
    if not missing:
        return []
    return [
        f"{len(missing)} criteri{'on is' if len(missing) == 1 else 'a are'} not completed: "
        f"{_listing(missing)}"
    ]


def readiness_problems(states: Sequence[CriterionState], *, summary: str) -> list[str]:
    problems = []
    unscored = [s for s in states if s.required and s.assessed_level is None]
    if unscored:
        problems.append(f"Score every criterion. Not scored yet: {_listing(unscored)}")
    unexplained = [s for s in states if s.assessed_level is not None and not s.rationale.strip()]
    if unexplained:
        problems.append(f"Give a rationale for: {_listing(unexplained)}")
    if not summary.strip():
        problems.append("Write the overall summary.")
    return problems


def may_moderate(moderator_id: int, scorer_ids: Iterable[int | None]) -> bool:
    """Nobody moderates scores they gave themselves."""
    return moderator_id not in {i for i in scorer_ids if i is not None}


# --- Scale ---------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    value: int
    label: str
    band: str  # not_met / partially_met / met / exceeded


def in_scale(value: int | None, levels: Iterable[Level]) -> bool:
    return value is not None and value in {level.value for level in levels}


def band_for(value: int, meets_duty_from: int | None) -> str:
    """Fallback banding where a scale gives no band: below the threshold is
    not met, the threshold itself is met, above it is exceeded."""
    if meets_duty_from is None or value == meets_duty_from:
        return "met"
    return "not_met" if value < meets_duty_from else "exceeded"


BAND_WORDS = {
    "not_met": "not met",
    "partially_met": "partly met",
    "met": "met",
    "exceeded": "exceeded",
}


def scale_sentence(levels: Sequence[Level]) -> str:
    """What the levels of a scale mean, worked out from the data: "Each
    criterion is scored from 1 to 5. A score of 1 or 2 means ..." on a numeric
    scale, "Each criterion is rated Red, Amber or Green. Red means ..." on a
    named one (no numbers are made up for named levels)."""
    if not levels:
        return ""
    ordered = sorted(levels, key=lambda level: level.value)
    if not all(level.label.strip().isdigit() for level in ordered):
        names = [level.label for level in ordered]
        listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
        meanings = "; ".join(
            f"{level.label} means the duty is {BAND_WORDS.get(level.band, level.band)}"
            for level in ordered
        )
        return f"Each criterion is rated {listed}. {meanings}."
    groups: dict[str, list[int]] = {}
    for level in ordered:
        groups.setdefault(level.band, []).append(level.value)
    clauses = [
        f"{_values(values)} means the duty is {BAND_WORDS.get(band, band)}"
        for band, values in groups.items()
    ]
    return (
        f"Each criterion is scored from {ordered[0].value} to {ordered[-1].value}. "
        f"A score of {'; '.join(clauses)}."
    )


def _values(values: list[int]) -> str:
    if len(values) == 1:
        return str(values[0])
    if len(values) == 2:
        return f"{values[0]} or {values[1]}"
    return f"{values[0]} to {values[-1]}"


# --- The previous issued assessment, and comparing with it ------------------------
#
# One definition, used by the scoring and moderation pages and by the letter:
# the previous issued assessment of a council (or partnership) is the one with
# the latest period before this one among those with at least one issued
# letter, whatever framework version it was assessed against. Its scores are
# compared criterion by criterion: under the same version one for one, under
# another version only through a crosswalk between the two versions (either
# direction), and never by raw numbers, which mean different things on
# different scales: by band (not met, partly met, met, exceeded).


@dataclass(frozen=True)
class IssuedRecord:
    """Just enough of an issued assessment to choose the previous one."""

    pk: int
    period: str
    framework_version_id: int


def previous_issued(period: str, issued: Iterable[IssuedRecord]) -> IssuedRecord | None:
    """The latest issued record of a strictly earlier period, or None. Periods
    are "YYYY/YY", so their text order is their time order."""
    earlier = [record for record in issued if record.period < period]
    return max(earlier, key=lambda record: record.period, default=None)


def criterion_sources(
    pairs: Iterable[tuple[int, int]],
    *,
    same_version: bool,
    current_ids: Iterable[int],
    previous_is_source: bool = True,
) -> dict[int, tuple[int, ...]]:
    """Current criterion id → the previous assessment's criterion ids it continues.

    Same version: each criterion continues itself. Otherwise ``pairs`` are a
    crosswalk's (source criterion id, target criterion id) pairs, and
    ``previous_is_source`` says whether the crosswalk runs from the previous
    version to the current one (else it runs the other way). No pairs means
    no criterion can be compared."""
    if same_version:
        return {pk: (pk,) for pk in current_ids}
    found: dict[int, list[int]] = {}
    for source, target in pairs:
        current, earlier = (target, source) if previous_is_source else (source, target)
        found.setdefault(current, []).append(earlier)
    return {pk: tuple(ids) for pk, ids in found.items()}


BAND_RANK = {"not_met": 0, "partially_met": 1, "met": 2, "exceeded": 3}


class Movement(TextChoices):
    UP = "up", "Improved"
    SAME = "same", "No change"
    DOWN = "down", "Fell"
    UNKNOWN = "", "Not compared"


def band_movement(previous_bands: Sequence[str | None], current_band: str | None) -> str:
    """How the band moved. Where a criterion continues several earlier ones
    (a merged criterion), it is compared with the weakest of them."""
    known = [BAND_RANK[b] for b in previous_bands if b in BAND_RANK]
    if not known or current_band not in BAND_RANK:
        return Movement.UNKNOWN
    before, now = min(known), BAND_RANK[current_band]
    if now > before:
        return Movement.UP
    if now < before:
        return Movement.DOWN
    return Movement.SAME


# --- The next cycle ------------------------------------------------------------
# Opening a new period may start from last period's narratives and evidence,
# carried onto this period's criteria (through the crosswalk when the
# framework version changed). What is carried is a draft to confirm: never a
# completed task, never a level.


@dataclass(frozen=True)
class EarlierRecord:
    """Just enough of an earlier assessment or self-assessment to choose the
    one a new record carries forward from."""

    pk: int
    period: str
    framework_version_id: int
    council_owned: bool = False


def carry_source(
    period: str, earlier: Iterable[EarlierRecord], *, council_owned: bool
) -> EarlierRecord | None:
    """The record a new one carries forward from, or None. An assessment
    carries from the previous issued assessment (callers pass issued ones
    only, so this is rules.previous_issued); a council's own self-assessment
    also from its own earlier ones, preferring its own within one period."""
    candidates = [r for r in earlier if r.period < period]
    if not council_owned:
        candidates = [r for r in candidates if not r.council_owned]
    return max(
        candidates,
        key=lambda r: (r.period, r.council_owned == council_owned, r.pk),
        default=None,
    )


def period_start(period: str) -> date:
    """A reporting year runs April to March: "2025/26" starts 1 April 2025."""
    return date(int(check_period(period)[:4]), 4, 1)


def is_stale(evidence_date: date | None, period: str) -> bool:
    """Evidence dated before the period began: still offered, but to be checked."""
    return evidence_date is not None and evidence_date < period_start(period)


class Change(TextChoices):
    """How a criterion relates to last period's (see carry_plan)."""

    SAME = "same", "Unchanged"
    EQUIVALENT = "equivalent", "Carried over from an earlier version"
    PARTIAL = "partial", "Partly covered by an earlier criterion"
    MERGED = "merged", "Merges earlier criteria"
    SPLIT = "split", "Split from an earlier criterion"
    NEW = "new", "New in this framework version"


@dataclass(frozen=True)
class CarryPlan:
    """This period's criterion id → (last period's criterion ids, Change),
    and last period's criteria that no longer appear."""

    by_criterion: dict[int, tuple[tuple[int, ...], str]]
    removed: tuple[int, ...] = ()

    def sources(self, criterion_id: int) -> tuple[int, ...]:
        return self.by_criterion.get(criterion_id, ((), Change.NEW))[0]

    def change(self, criterion_id: int) -> str:
        return self.by_criterion.get(criterion_id, ((), Change.NEW))[1]


def carry_plan(
    mappings: Iterable[tuple[int, int, str]],
    *,
    same_version: bool,
    current_ids: Iterable[int],
    previous_ids: Iterable[int],
    previous_is_source: bool = True,
) -> CarryPlan:
    """Map last period's criteria onto this period's. Same version: each
    criterion continues itself. Otherwise ``mappings`` are a crosswalk's
    (source id, target id, relation) rows, in either direction (see
    criterion_sources). The change is judged from the shape of the mapping,
    so it reads the same whichever way the crosswalk runs: several earlier
    criteria into one is a merge, one into several a split."""
    current_ids, previous_ids = list(current_ids), list(previous_ids)
    if same_version:
        return CarryPlan({pk: ((pk,), Change.SAME) for pk in current_ids})
    rows = [
        (target, source, relation) if previous_is_source else (source, target, relation)
        for source, target, relation in mappings
    ]
    current_set, previous_set = set(current_ids), set(previous_ids)
    rows = [r for r in rows if r[0] in current_set and r[1] in previous_set]
    sources: dict[int, list[int]] = {}
    relations: dict[int, set[str]] = {}
    fan_out: dict[int, int] = {}
    for current, earlier, relation in rows:
        sources.setdefault(current, []).append(earlier)
        relations.setdefault(current, set()).add(relation)
        fan_out[earlier] = fan_out.get(earlier, 0) + 1
    plan = {}
    for current in current_ids:
        ids = tuple(sorted(set(sources.get(current, ()))))
        if not ids:
            plan[current] = ((), Change.NEW)
        elif len(ids) > 1:
            plan[current] = (ids, Change.MERGED)
        elif fan_out[ids[0]] > 1:
            plan[current] = (ids, Change.SPLIT)
        elif "partial" in relations[current]:
            plan[current] = (ids, Change.PARTIAL)
        else:
            plan[current] = (ids, Change.EQUIVALENT)
    removed = tuple(pk for pk in previous_ids if pk not in fan_out)
    return CarryPlan(plan, removed)


def carried_narrative(parts: Sequence[tuple[int, str]], *, label_sources: bool) -> str:
    """The starting text from last period's narratives ((criterion number,
    text) pairs). Several earlier criteria (a merge) each keep a heading
    naming the criterion they came from; blank ones are left out."""
    kept = [(number, text.strip()) for number, text in parts if text and text.strip()]
    if not label_sources:
        return "\n\n".join(text for _, text in kept)
    return "\n\n".join(f"From last period's criterion {n}:\n{text}" for n, text in kept)


def carried_status(narrative: str) -> str:
    """Carried text is a draft: in progress with text, not started without;
    never completed until someone confirms it."""
    return TaskStatus.IN_PROGRESS if narrative.strip() else TaskStatus.NOT_STARTED


# --- The letter ----------------------------------------------------------------


def letter_date_problem(chosen, *, today, moderated_on) -> str:
    """A letter is dated today or earlier, but not before the scores were moderated."""
    if chosen is None:
        return "Enter the date the letter carries."
    if chosen > today:
        return "The letter cannot be dated in the future."
    if moderated_on is not None and chosen < moderated_on:
        return (
            "The letter cannot be dated before the scores were moderated on "
            f"{moderated_on.strftime('%-d %B %Y')}."
        )
    return ""


LETTER_NEEDS = {
    "addressee_name": "the addressee's name",
    "addressee_job_title": "the addressee's job title",
    "addressee_address": "the postal address the letter goes to",
    "salutation": "the salutation (for example “Dear Ms Okafor”)",
    "signatory_name": "the signatory's name",
    "signatory_job_title": "the signatory's job title",
    "signatory_contact": "the signatory's contact details",
}


def letter_missing(details: dict, *, body_name: str, body_address: str) -> dict[str, str]:
    """What a letter still lacks (field → message). Nothing is made up to fill a gap."""
    missing = {
        field: f"Enter {words}."
        for field, words in LETTER_NEEDS.items()
        if not str(details.get(field) or "").strip()
    }
    if not body_name.strip():
        missing["assessing_body"] = (
            "The assessment has no assessing body to head the letter: ask an administrator "
            "to give the assessor a role at their assessing body."
        )
    elif not body_address.strip():
        missing["assessing_body"] = (
            f"{body_name} has no postal address to head the letter: ask an administrator "
            "to add it to the organisation."
        )
    return missing


def moderation_sentence(scored: Sequence[int], with_peers: Iterable[int]) -> str:
    """What the letter may say about moderation: "against other authorities"
    only for criteria that other authorities were scored on for the period."""
    peers = [n for n in scored if n in set(with_peers)]
    if not scored:
        return ""
    if len(peers) == len(scored):
        return "Scores were moderated against those of other authorities for consistency."
    if not peers:
        return (
            "Scores were moderated for consistency. No other authority had been scored "
            "against these criteria for the period, so none could be compared."
        )
    numbers = ", ".join(str(n) for n in peers)
    return (
        f"Scores were moderated for consistency, and for criteria {numbers} against those "
        "of other authorities; no other authority had been scored on the others."
    )


def closing_sentence(*, has_recommendations: bool) -> str:
    if has_recommendations:
        return (
            "We will work with you through the year on the areas for development and the "
            "recommendations above. Please contact us if you have any questions about this letter."
        )
    return (
        "We will work with you through the year on the areas for development. "
        "Please contact us if you have any questions about this letter."
    )


def file_stem(kind: str, holder: str, period: str, version: int | None = None) -> str:
    """A file name people can file: "assessment-letter-ourshire-council-2021-22-v1"."""
    words = re.sub(r"[^a-z0-9]+", "-", f"{kind} {holder} {period}".lower()).strip("-")
    return f"{words}-v{version}" if version else words


def rating_counts(levels: Sequence[Level], values: Iterable[int | None]) -> str:
    """ "7 Green, 3 Amber": how many criteria at each level, highest first,
    leaving out levels nobody reached."""
    tally: dict[int, int] = {}
    for value in values:
        if value is not None:
            tally[value] = tally.get(value, 0) + 1
    ordered = sorted(levels, key=lambda level: level.value, reverse=True)
    return ", ".join(f"{tally[lv.value]} {lv.label}" for lv in ordered if tally.get(lv.value))
