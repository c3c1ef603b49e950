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


def flash(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)
