"""The team's work: key lines of enquiry, the on-site programme and its
notes, and findings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from assurance.accounts.permissions import Action
from assurance.core.concurrency import check_history_mark
from assurance.core.marking import Marking
from assurance.evidence.models import EvidenceItem
from assurance.frameworks.models import Criterion, CriterionGroup

from .. import rules
from ..models import Finding, LineOfEnquiry, Participant, Review, Session
from ..selectors import review_evidence
from ._common import lock, require, require_evidence_access, require_open, save


def _own_criteria(review: Review, criteria: Sequence[Criterion]) -> None:
    if any(c.framework_version_id != review.framework_version_id for c in criteria):
        raise ValidationError({"criteria": "Choose criteria from this review's framework."})


@transaction.atomic
def enquiry_add(
    *,
    actor,
    review: Review,
    question: str,
    criteria: Sequence[Criterion],
    evidence: Sequence[EvidenceItem] = (),
) -> LineOfEnquiry:
    review = lock(review)
    require(actor, Action.WORK_ON_REVIEW, review)
    require_open(review)
    if evidence:
        require_evidence_access(actor, review)
    errors = {}
    if not (question or "").strip():
        errors["question"] = "Enter the line of enquiry."
    if not criteria:
        errors["criteria"] = "Choose at least one criterion the line of enquiry explores."
    if errors:
        raise ValidationError(errors)
    _own_criteria(review, criteria)
    allowed = {item.pk for item in review_evidence(review)}
    if any(item.pk not in allowed for item in evidence):
        raise ValidationError({"evidence": "Choose evidence the host has given for this review."})
    number = (review.enquiries.aggregate(n=Max("number"))["n"] or 0) + 1
    enquiry = LineOfEnquiry(review=review, number=number, question=question.strip())
    enquiry.created_by = actor
    save(enquiry, actor)
    enquiry.criteria.set(criteria)
    enquiry.evidence.set(evidence)
    return enquiry


@transaction.atomic
def session_add(
    *,
    actor,
    review: Review,
    title: str,
    held_on: date | None,
    starts_at: time | None,
    format: str,  # noqa: A002 - the session's format, as on the form
) -> Session:
    review = lock(review)
    require(actor, Action.WORK_ON_REVIEW, review)
    require_open(review)
    errors = {}
    if not (title or "").strip():
        errors["title"] = "Enter what the session is about."
    if held_on is None:
        errors["held_on"] = "Enter the date of the session."
    if starts_at is None:
        errors["starts_at"] = "Enter the time the session starts."
    if format not in rules.SessionFormat.values:
        errors["format"] = "Choose in person, online or both."
    if errors:
        raise ValidationError(errors)
    session = Session(
        review=review, title=title.strip(), held_on=held_on, starts_at=starts_at, format=format
    )
    save(session, actor)
    return session


@transaction.atomic
def participant_add(*, actor, session: Session, job_title: str, agency: str) -> Participant:
    review = lock(session.review)
    require(actor, Action.WORK_ON_REVIEW, review)
    require_open(review)
    errors = {}
    if not (job_title or "").strip():
        errors["job_title"] = "Enter the job title (not the person's name)."
    if not (agency or "").strip():
        errors["agency"] = "Enter the agency they represent."
    if errors:
        raise ValidationError(errors)
    participant = Participant(session=session, job_title=job_title.strip(), agency=agency.strip())
    save(participant, actor)
    return participant


@transaction.atomic
def session_notes_save(
    *, actor, session: Session, notes: str, marking: str, seen_version: str | None = None
) -> Session:
    """Save the team's notes of a session; refused if they were saved after
    the form showing ``seen_version`` (the session's history mark) was drawn."""
    review = lock(session.review)
    require(actor, Action.WORK_ON_REVIEW, review)
    require_open(review)
    if marking not in Marking.values:
        raise ValidationError({"marking": "Choose OFFICIAL or OFFICIAL-SENSITIVE."})
    session = Session.objects.select_for_update().get(pk=session.pk)
    check_history_mark(session, seen_version, "the notes of this session")
    session.notes, session.notes_marking = (notes or "").strip(), marking
    save(session, actor, "Notes saved")
    return session


@transaction.atomic
def finding_add(
    *,
    actor,
    review: Review,
    kind: str,
    text: str,
    group: CriterionGroup | None,
    criteria: Sequence[Criterion] = (),
) -> Finding:
    review = lock(review)
    require(actor, Action.WORK_ON_REVIEW, review)
    require_open(review)
    has_groups = review.framework_version.groups.exists()
    problems = rules.finding_problems(
        kind=kind,
        text=text,
        has_groups=has_groups,
        group_id=group.pk if group else None,
        criterion_ids=[c.pk for c in criteria],
    )
    if problems:
        raise ValidationError(problems)
    if group is not None and group.framework_version_id != review.framework_version_id:
        raise ValidationError({"group": "Choose a delivery area of this review's framework."})
    _own_criteria(review, criteria)
    finding = Finding(review=review, kind=kind, text=text.strip(), group=group, created_by=actor)
    save(finding, actor)
    finding.criteria.set(criteria)
    return finding


@transaction.atomic
def finding_remove(*, actor, finding: Finding) -> None:
    review = lock(finding.review)
    require(actor, Action.WORK_ON_REVIEW, review)
    require_open(review)
    finding._history_user = actor
    finding.delete()
