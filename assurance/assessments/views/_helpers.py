from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError

from .. import selectors


def page(assessment, user, **extra) -> dict:
    """Context every assessment page shares: the record, its marking (shown in
    the banner by base.html) and what the user may do."""
    return {
        "assessment": assessment,
        "marking": assessment.marking,
        "may": selectors.abilities(user, assessment),
        "drafts_visible": selectors.drafts_visible(user, assessment),
        **extra,
    }


def rebind_after_conflict(request, bind, error):
    """After an optimistic-concurrency refusal: the person's own text stays in
    the form, and the hidden version moves on to the one they have now been
    shown, so that saving again is a deliberate choice. Returns (form, current)."""
    current = error.current
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = bind(data)
    form.is_valid()
    form.add_error(None, error)
    return form, current


def flash(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)
