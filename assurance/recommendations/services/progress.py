"""The progress log of a recommendation."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assurance.accounts.models import User
from assurance.accounts.permissions import Action

from ..models import ProgressEntry, Recommendation, Status, Verification
from ._common import _lock, _require, _require_open, _save


@transaction.atomic
def progress_add(
    *,
    actor: User,
    recommendation: Recommendation,
    entry: str,
    status: str | None = None,
    completed_on: date | None = None,
    worked_on: date | None = None,
    expected_version: int | None = None,
) -> ProgressEntry:
    """A dated progress note, optionally moving the recommendation's status."""
    source = recommendation.source
    _require(actor, Action.RECORD_PROGRESS, source)
    _require_open(source)
    recommendation = _lock(recommendation, expected_version)
    today = timezone.localdate()
    worked_on = worked_on or today
    new_status = status or recommendation.status
    errors = []
    if not entry.strip():
        errors.append("Describe the progress made.")
    if new_status not in Status.values:
        errors.append("Choose a status.")
    if worked_on > today:
        errors.append("The date of the work cannot be in the future.")
    if completed_on and completed_on > today:
        errors.append("The date completed cannot be in the future.")
    if completed_on and new_status != Status.COMPLETED:
        errors.append("Only give a date completed when the recommendation is completed.")
    if errors:
        raise ValidationError(errors)
    progress = ProgressEntry.objects.create(
        recommendation=recommendation,
        entry=entry.strip(),
        author=actor,
        worked_on=worked_on,
        status_from=recommendation.status,
        status_to=new_status,
    )
    if new_status == Status.COMPLETED:
        completed_on = completed_on or recommendation.completed_on or today
    else:
        completed_on = None
    if (recommendation.status, recommendation.completed_on) != (new_status, completed_on):
        recommendation.status, recommendation.completed_on = new_status, completed_on
        if new_status != Status.COMPLETED:
            # Work resumed: whatever was addressed or verified no longer stands.
            recommendation.verification = Verification.NONE
            recommendation.verified_by = recommendation.verified_at = None
        _save(recommendation)
        _answer_duplicates(actor, recommendation, progress)
    return progress


def _answer_duplicates(actor: User, answering: Recommendation, progress: ProgressEntry) -> None:
    """One action answers both: the duplicates in open sources take the new
    status, with a progress entry saying where the work was recorded."""
    note = (
        f"Answered through recommendation {answering.number} of “{answering.source.title}”: "
        f"{progress.entry}"
    )
    duplicates = answering.duplicates.select_for_update().filter(source__status="open")
    for duplicate in duplicates.exclude(status=answering.status):
        ProgressEntry.objects.create(
            recommendation=duplicate,
            entry=note,
            author=actor,
            worked_on=progress.worked_on,
            status_from=duplicate.status,
            status_to=answering.status,
        )
        duplicate.status, duplicate.completed_on = answering.status, answering.completed_on
        _save(duplicate, "Answered through a linked recommendation")
