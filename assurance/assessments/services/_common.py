"""Checks every assessment service makes, in the same order."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone

from assurance.accounts.permissions import Action, can_any

from .. import rules
from ..models import Assessment, CriterionResponse


def organisation_ids(assessment: Assessment) -> list[int]:
    """Whose permission counts: the council, or every member of the partnership."""
    if assessment.organisation_id:
        return [assessment.organisation_id]
    return list(assessment.partnership.members.values_list("pk", flat=True))


def require(actor, action: Action, assessment: Assessment) -> None:
    if not can_any(actor, action, organisation_ids(assessment)):
        raise PermissionDenied("You do not have permission to do that for this assessment.")


def lock(assessment: Assessment) -> Assessment:
    """The row as it is now, locked until the transaction ends (PostgreSQL)."""
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


def step(assessment: Assessment, event: str) -> str:
    try:
        return rules.transition(assessment.status, event, council_owned=assessment.council_owned)
    except rules.TransitionRefused as refused:
        raise ValidationError(str(refused)) from refused


def save(instance: models.Model, actor, reason: str = "") -> None:
    """Save with the actor and reason recorded in the history row."""
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.save()


class ConcurrentEdit(ValidationError):
    """Someone else saved the record after the form was opened."""

    def __init__(self, response: CriterionResponse):
        who = response.last_saved_by.full_name if response.last_saved_by else "someone else"
        when = (
            timezone.localtime(response.last_saved_at).strftime("%H:%M on %-d %B %Y")
            if response.last_saved_at
            else "an earlier time"
        )
        super().__init__(
            f"{who} saved this criterion at {when} while you were editing. Your changes have "
            "not been saved. Your text is still in the form: compare it with theirs, "
            "then save again."
        )
        self.current = response


def lock_response(response: CriterionResponse, expected_version: int | None) -> CriterionResponse:
    current = (
        CriterionResponse.objects.select_for_update(of=("self",))
        .select_related("last_saved_by", "criterion__framework_version")
        .get(pk=response.pk)
    )
    if expected_version is not None and int(expected_version) != current.version:
        raise ConcurrentEdit(current)
    return current


def mark_saved(response: CriterionResponse, actor) -> None:
    response.version += 1
    response.last_saved_by = actor
    response.last_saved_at = timezone.now()


def check_level(level, response: CriterionResponse, field: str) -> None:
    """A level must come from the scale of this criterion's framework version."""
    if level is not None and level.framework_version_id != response.criterion.framework_version_id:
        raise ValidationError({field: "Choose a level from this framework's scale."})


class StaleEdit(ValidationError):
    """Someone saved the assessment's shared text (the summary, a
    recommendation) after the form was opened: nothing is saved."""

    def __init__(self, what: str, record: models.Model):
        latest = record.history.order_by("-history_date").select_related("history_user").first()
        who = latest.history_user.full_name if latest and latest.history_user else "Someone else"
        when = (
            timezone.localtime(latest.history_date).strftime("%H:%M on %-d %B %Y")
            if latest
            else "an earlier time"
        )
        super().__init__(
            f"{who} saved {what} at {when} while you were editing. Your changes have not been "
            "saved. Your text is still in the form: compare it with theirs, then save again."
        )
        self.current = record


def check_version(record: models.Model, expected_version: int | None, what: str) -> None:
    if expected_version is not None and int(expected_version) != record.version:
        raise StaleEdit(what, record)
