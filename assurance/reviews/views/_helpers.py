from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError

from .. import selectors


def page(review, user, **extra) -> dict:
    """Context every review page shares: the record, its marking (the banner in
    base.html shows it) and what the user may do on it."""
    return {
        "review": review,
        "marking": review.marking,
        "may": selectors.abilities(user, review),
        **extra,
    }


def flash(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def failed(*forms):
    return next((f for f in forms if f is not None and f.errors), None)


def form_page(heading: str, button: str, *, warning: bool = False) -> dict:
    """What the shared one-form page shows around its form."""
    return {
        "heading": heading,
        "button": button,
        "warning": warning,
        "back_name": "reviews:detail",
        "back_label": "Back to the review",
    }
