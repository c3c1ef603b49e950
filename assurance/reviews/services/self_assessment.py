"""The host's self-assessment: the shared task rules and the shared evidence
services, applied to a review's criterion rows."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from assurance.accounts.permissions import Action, can_any
from assurance.evidence import services as evidence_services
from assurance.evidence.models import EvidenceItem
from assurance.selfassessment.rules import TaskStatus, task_problems

from ..models import Review, SelfAssessmentResponse
from ..selectors import host_ids
from ._common import lock, require_open, save


class ConcurrentEdit(ValidationError):
    """Someone else saved the criterion after the form was opened."""

    def __init__(self, response: SelfAssessmentResponse):
        who = response.self_assessed_by.full_name if response.self_assessed_by else "Someone"
        super().__init__(
            f"{who} saved this criterion while you were editing. Your changes have not been "
            "saved. Your text is still in the form: compare it with theirs, then save again."
        )
        self.current = response


def _require_host(actor, review: Review) -> Review:
    from django.core.exceptions import PermissionDenied

    review = lock(review)
    if not can_any(actor, Action.EDIT_SELF_ASSESSMENT, host_ids(review)):
        raise PermissionDenied("Only the host council completes the self-assessment.")
    require_open(review)
    return review


@transaction.atomic
def response_save(
    *,
    actor,
    response: SelfAssessmentResponse,
    expected_version: int | None,
    narrative: str,
    task_status: str,
) -> SelfAssessmentResponse:
    _require_host(actor, response.review)
    current = (
        SelfAssessmentResponse.objects.select_for_update(of=("self",))
        .select_related("self_assessed_by")
        .get(pk=response.pk)
    )
    if expected_version is not None and int(expected_version) != current.version:
        raise ConcurrentEdit(current)
    if task_status not in TaskStatus.values:
        raise ValidationError(
            {"task_status": "Choose whether this criterion is in progress or completed."}
        )
    problems = task_problems(
        narrative=narrative or "", level=None, status=task_status, is_scored=False
    )
    if problems:
        raise ValidationError(problems)
    current.narrative = (narrative or "").strip()
    current.task_status = task_status
    current.self_assessed_by, current.self_assessed_at = actor, timezone.now()
    current.version += 1
    save(current, actor)
    return current


def _evidence_target(actor, response: SelfAssessmentResponse) -> Review:
    return _require_host(actor, response.review)


@transaction.atomic
def response_evidence_file_add(
    *,
    actor,
    response: SelfAssessmentResponse,
    title: str,
    evidence_date: date | None,
    marking: str,
    upload: UploadedFile,
) -> EvidenceItem:
    review = _evidence_target(actor, response)
    return evidence_services.evidence_file_add(
        actor=actor,
        holder=response,
        organisation=review.organisation,
        title=title,
        evidence_date=evidence_date,
        marking=marking,
        upload=upload,
    )


@transaction.atomic
def response_evidence_link_add(
    *,
    actor,
    response: SelfAssessmentResponse,
    title: str,
    evidence_date: date | None,
    marking: str,
    url: str,
) -> EvidenceItem:
    review = _evidence_target(actor, response)
    return evidence_services.evidence_link_add(
        actor=actor,
        holder=response,
        organisation=review.organisation,
        title=title,
        evidence_date=evidence_date,
        marking=marking,
        url=url,
    )


@transaction.atomic
def response_evidence_remove(
    *, actor, response: SelfAssessmentResponse, item: EvidenceItem
) -> None:
    _evidence_target(actor, response)
    if (
        item.holder_id != response.pk
        or item.holder_type.model_class() is not SelfAssessmentResponse
    ):
        raise ValidationError("That evidence does not belong to this criterion.")
    evidence_services.evidence_remove(actor=actor, item=item)
