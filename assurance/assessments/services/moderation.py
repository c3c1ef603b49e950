from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assurance.accounts.permissions import Action
from assurance.frameworks.models import RatingLevel

from .. import rules
from ..models import Assessment
from ..rules import Event
from ._common import check_level, lock, require, save, step


def _check_moderator(actor, assessment: Assessment) -> None:
    scorers = [assessment.assessor_id, *assessment.responses.values_list("assessed_by", flat=True)]
    if not rules.may_moderate(actor.pk, scorers):
        raise PermissionDenied("You scored this assessment, so someone else must moderate it.")


@transaction.atomic
def moderation_agree(
    *,
    actor,
    assessment: Assessment,
    changes: Mapping[int, tuple[RatingLevel, str]] | None = None,
    note: str = "",
) -> Assessment:
    """Agree the scores. ``changes`` maps a criterion record's id to a
    different level and the reason for it; every other level stands."""
    assessment = lock(assessment)
    require(actor, Action.MODERATE_ASSESSMENT, assessment)
    _check_moderator(actor, assessment)
    new_status = step(assessment, Event.AGREE)
    changes = dict(changes or {})
    now = timezone.now()
    responses = list(assessment.responses.select_related("criterion", "assessed_level"))
    unknown = set(changes) - {r.pk for r in responses}
    if unknown:
        raise ValidationError(
            "A moderated level was given for a criterion that is not in this assessment."
        )
    errors = {}
    for response in responses:
        level, reason = changes.get(response.pk, (None, ""))
        if level is not None and response.assessed_level and level.pk != response.assessed_level.pk:
            check_level(level, response, f"level_{response.pk}")
            if not reason.strip():
                errors[f"comment_{response.pk}"] = (
                    f"Say why criterion {response.criterion.number} moves from "
                    f"{response.assessed_level} to {level}."
                )
    if errors:
        raise ValidationError(errors)
    for response in responses:
        level, reason = changes.get(response.pk, (None, ""))
        moved = (
            level is not None
            and response.assessed_level is not None
            and level.pk != response.assessed_level_id
        )
        response.moderated_level = level if moved else response.assessed_level
        response.moderation_comment = reason.strip() if moved else ""
        response.moderated_by, response.moderated_at = actor, now
        save(response, actor, f"Moderated: {reason.strip()}" if moved else "Moderated: agreed")
    assessment.status = new_status
    assessment.moderated_by, assessment.moderated_at = actor, now
    assessment.moderation_note = (note or "").strip()
    save(assessment, actor, "Moderation agreed")
    return assessment


@transaction.atomic
def moderation_return(
    *, actor, assessment: Assessment, comments: Mapping[int, str] | None = None, note: str = ""
) -> Assessment:
    """Send the scores back to the assessor with what to look at again."""
    assessment = lock(assessment)
    require(actor, Action.MODERATE_ASSESSMENT, assessment)
    _check_moderator(actor, assessment)
    new_status = step(assessment, Event.RETURN)
    comments = {pk: text.strip() for pk, text in (comments or {}).items() if text and text.strip()}
    if not comments and not (note or "").strip():
        raise ValidationError({"note": "Say what the assessor should look at again."})
    for response in assessment.responses.filter(pk__in=comments):
        response.moderation_comment = comments[response.pk]
        response.moderated_level = None
        response.moderated_by, response.moderated_at = actor, timezone.now()
        save(response, actor, "Returned by the moderator")
    assessment.status = new_status
    assessment.moderation_note = (note or "").strip()
    save(assessment, actor, f"Returned by the moderator: {(note or '').strip() or 'see comments'}")
    return assessment
