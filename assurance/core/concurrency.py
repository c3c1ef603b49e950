"""Optimistic concurrency for records without a ``version`` column: the form
carries the id of the record's latest history row when it was drawn (the
mark the admin's forms already use, ``ui.admin_concurrency.history_mark``),
and the service compares it again, under the row lock, before it writes.
Every domain model keeps history, so no migration is needed."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from assurance.ui.admin_concurrency import FIELD, history_mark

__all__ = [
    "FIELD",
    "StaleRecord",
    "check_history_mark",
    "history_mark",
    "mark_field",
    "move_mark_on",
]


class StaleRecord(ValidationError):
    """Someone else saved the record after the form was drawn."""

    def __init__(self, what: str, record: models.Model):
        latest = record.history.order_by("-history_id").first()
        who = (latest.history_user if latest else None) or "Someone else"
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


def check_history_mark(record: models.Model, seen: str | None, what: str) -> None:
    """Refuse the save if the record changed since the form showed ``seen``
    (None or empty skips the check: a caller that drew no form)."""
    if seen and seen != history_mark(record):
        raise StaleRecord(what, record)


def mark_field() -> forms.Field:
    return forms.CharField(widget=forms.HiddenInput, required=False)


def move_mark_on(form: forms.BaseForm, record: models.Model) -> None:
    """After a stale save: the person's text stays, the mark moves on, so
    saving again (having compared) overwrites knowingly."""
    data = form.data.copy()
    data[form.add_prefix(FIELD)] = history_mark(record)
    form.data = data
