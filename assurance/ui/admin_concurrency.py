"""Optimistic concurrency for the Django admin, where administrators edit
shared records (organisations, regions, partnerships, users, roles).

The form carries the id of the record's latest history row when it was
opened; saving checks it again, and if someone else saved in between, the
save is refused with a message and nothing is lost silently. Every domain
model keeps history, so no version column is needed."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

FIELD = "seen_version"


def history_mark(instance) -> str:
    latest = instance.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return str(latest or "")


def _field() -> forms.Field:
    return forms.CharField(widget=forms.HiddenInput, required=False)


class OptimisticFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault(FIELD, history_mark(self.instance))

    def clean(self):
        data = super().clean()
        seen = self.data.get(self.add_prefix(FIELD), "")
        if self.instance.pk and seen and seen != history_mark(self.instance):
            latest = self.instance.history.order_by("-history_id").first()
            who = latest.history_user or "someone else"
            when = latest.history_date.strftime("%H:%M on %-d %B %Y")
            raise ValidationError(
                f"{who} saved this record at {when}, after you opened it. Your changes have "
                "not been saved: open the record again to see theirs, then make yours."
            )
        return data


def optimistic(form: type) -> type:
    """``form`` with the hidden version field and the check."""
    if issubclass(form, OptimisticFormMixin):
        return form
    return type(f"Optimistic{form.__name__}", (OptimisticFormMixin, form), {FIELD: _field()})


class OptimisticConcurrencyAdmin:
    """Mix into a ModelAdmin (before the admin base class)."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and not any(FIELD in f[1].get("fields", ()) for f in fieldsets):
            fieldsets.append((None, {"fields": [FIELD], "classes": ["hidden"]}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            kwargs["form"] = optimistic(kwargs.get("form", self.form))
        return super().get_form(request, obj, change=change, **kwargs)
