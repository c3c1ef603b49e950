from __future__ import annotations

import logging
from datetime import date
from smtplib import SMTPException

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from assurance.accounts.permissions import Action
from assurance.evidence import services as evidence_services
from assurance.evidence.models import EvidenceItem
from assurance.frameworks.models import RatingLevel
from assurance.ui.links import absolute_url

from .. import rules
from ..models import Assessment, CriterionResponse
from ..rules import Event, TaskStatus
from ._common import (
    check_level,
    lock,
    lock_response,
    mark_saved,
    require,
    save,
    step,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def criterion_response_save(
    *,
    actor,
    response: CriterionResponse,
    expected_version: int | None,
    narrative: str,
    self_level: RatingLevel | None,
    task_status: str,
) -> CriterionResponse:
    assessment = lock(response.assessment)
    require(actor, Action.EDIT_SELF_ASSESSMENT, assessment)
    step(assessment, Event.EDIT_SELF_ASSESSMENT)
    current = lock_response(response, expected_version)
    check_level(self_level, current, "self_level")
    if task_status not in TaskStatus.values:
        raise ValidationError(
            {"task_status": "Choose whether this criterion is in progress or completed."}
        )
    problems = rules.task_problems(
        narrative=narrative or "",
        level=self_level.value if self_level else None,
        status=task_status,
        is_scored=assessment.framework_version.is_scored,
    )
    if problems:
        raise ValidationError(problems)
    current.narrative = (narrative or "").strip()
    current.self_level = self_level
    current.task_status = task_status
    current.self_assessed_by, current.self_assessed_at = actor, timezone.now()
    # Saving the task is confirming what was carried forward into it, text
    # and evidence alike: the page shows both above the one Save button.
    confirmed = current.carried_forward
    current.carried_forward = False
    mark_saved(current, actor)
    save(current, actor, "Carried-forward draft confirmed" if confirmed else "")
    if confirmed:
        evidence_services.confirm_carried_evidence(
            current, confirmed_by=actor, reason="Carried-forward evidence confirmed"
        )
    return current


def _states(assessment: Assessment) -> list[rules.CriterionState]:
    rows = assessment.responses.select_related("criterion", "self_level", "assessed_level")
    return [
        rules.CriterionState(
            number=r.criterion.number,
            title=r.criterion.title,
            required=not r.criterion.assured_separately,
            task_status=r.task_status,
            narrative=r.narrative,
            self_level=r.self_level.value if r.self_level else None,
            assessed_level=r.assessed_level.value if r.assessed_level else None,
            rationale=r.rationale,
        )
        for r in rows
    ]


@transaction.atomic
def self_assessment_submit(*, actor, assessment: Assessment) -> Assessment:
    assessment = lock(assessment)
    require(actor, Action.SUBMIT_SELF_ASSESSMENT, assessment)
    new_status = step(assessment, Event.SUBMIT)
    problems = rules.submission_problems(_states(assessment))
    if problems:
        raise ValidationError(problems)
    assessment.status = new_status
    assessment.submitted_by, assessment.submitted_at = actor, timezone.now()
    assessment.assessor_notified_at = _tell_assessor(assessment, actor)
    save(assessment, actor, "Self-assessment submitted")
    return assessment


def _tell_assessor(assessment: Assessment, actor):
    """Email the assessor through the configured backend; the time it was
    sent, or None if it could not be (the page then does not claim it was)."""
    assessor = assessment.assessor
    if assessor is None or not assessor.email or not assessor.is_active:
        return None
    link = absolute_url("assessments:scores", assessment.pk)
    body = (
        f"{actor.full_name} has submitted the self-assessment of {assessment.assessed_name} "
        f"for {assessment.period}, ready for scoring.\n\n"
        f"Open it in Prevent Duty Assurance: {link}\n"
    )
    try:
        send_mail(
            f"Self-assessment submitted: {assessment.assessed_name} {assessment.period}",
            body,
            from_email=None,
            recipient_list=[assessor.email],
        )
    except (OSError, SMTPException):
        logger.warning("Could not email the assessor of assessment %s", assessment.pk)
        return None
    return timezone.now()


def _evidence_allowed(actor, response: CriterionResponse) -> Assessment:
    assessment = lock(response.assessment)
    require(actor, Action.EDIT_SELF_ASSESSMENT, assessment)
    step(assessment, Event.EDIT_SELF_ASSESSMENT)
    return assessment


@transaction.atomic
def criterion_evidence_file_add(
    *,
    actor,
    response: CriterionResponse,
    title: str,
    evidence_date: date | None,
    marking: str,
    upload: UploadedFile,
) -> EvidenceItem:
    assessment = _evidence_allowed(actor, response)
    return evidence_services.evidence_file_add(
        actor=actor,
        holder=response,
        organisation=assessment.organisation,
        title=title,
        evidence_date=evidence_date,
        marking=marking,
        upload=upload,
    )


@transaction.atomic
def criterion_evidence_link_add(
    *,
    actor,
    response: CriterionResponse,
    title: str,
    evidence_date: date | None,
    marking: str,
    url: str,
) -> EvidenceItem:
    assessment = _evidence_allowed(actor, response)
    return evidence_services.evidence_link_add(
        actor=actor,
        holder=response,
        organisation=assessment.organisation,
        title=title,
        evidence_date=evidence_date,
        marking=marking,
        url=url,
    )


@transaction.atomic
def criterion_evidence_remove(*, actor, response: CriterionResponse, item: EvidenceItem) -> None:
    _evidence_allowed(actor, response)
    if item.holder_id != response.pk or item.holder_type.model_class() is not CriterionResponse:
        raise ValidationError("That evidence does not belong to this criterion.")
    evidence_services.evidence_remove(actor=actor, item=item)
