"""Extensions: the council asks for a new target date with a reason; the
source's approver (the body that made it, see rules.answering_action)
grants or refuses it. The original milestone is never overwritten: a grant
sets the revised milestone, which becomes the date in force."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assurance.accounts.models import User
from assurance.accounts.permissions import Action

from .. import rules
from ..models import Extension, ExtensionStatus, Recommendation
from ._common import _lock, _require, _require_answering, _require_open, _save


@transaction.atomic
def extension_request(
    *,
    actor: User,
    recommendation: Recommendation,
    requested_date: date | None,
    reason: str,
    expected_version: int | None = None,
) -> Extension:
    source = recommendation.source
    _require(actor, Action.RESPOND_RECOMMENDATIONS, source)
    _require_open(source)
    item = _lock(recommendation, expected_version)
    due = rules.date_in_force(item.milestone, item.revised_milestone)
    errors = rules.extension_errors(
        due=due, requested=requested_date, reason=reason, status=item.status, response=item.response
    )
    if item.extensions.filter(status=ExtensionStatus.PENDING).exists():
        errors.append("An extension has already been asked for and is awaiting a decision.")
    if errors:
        raise ValidationError(errors)
    extension = Extension.objects.create(
        recommendation=item,
        date_before=due,
        requested_date=requested_date,
        reason=reason.strip(),
        requested_by=actor,
    )
    _save(item, f"Extension to {requested_date:%d/%m/%Y} asked for")
    return extension


@transaction.atomic
def extension_decide(
    *, actor: User, extension: Extension, grant: bool, note: str = ""
) -> Extension:
    """Grant (the asked-for date comes into force) or refuse (a reason is
    needed; the date in force stays)."""
    item = extension.recommendation
    _require_answering(actor, item.source)
    _require_open(item.source)
    item = _lock(item, None)
    extension = Extension.objects.select_for_update().get(pk=extension.pk)
    if extension.status != ExtensionStatus.PENDING:
        raise ValidationError("This extension has already been decided.")
    if not grant and not rules.has_reason(note):
        raise ValidationError("Say why the extension is refused.")
    extension.status = ExtensionStatus.GRANTED if grant else ExtensionStatus.REFUSED
    extension.decided_by, extension.decided_at = actor, timezone.now()
    extension.decision_note = note.strip()
    extension.save()
    if grant:
        item.revised_milestone = extension.requested_date
        _save(item, f"Extension to {extension.requested_date:%d/%m/%Y} granted")
    return extension
