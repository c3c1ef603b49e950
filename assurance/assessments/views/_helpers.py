from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from .. import selectors


def page(assessment, user, **extra) -> dict:
    """Context every assessment page shares: the record, its marking (shown in
    the banner by base.html) and what the user may do."""
    return {
        "assessment": assessment,
        "classification": assessment.classification,
        "may": selectors.abilities(user, assessment),
        **extra,
    }


def add_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def flash(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def back_to(assessment, name: str = "assessments:detail"):
    return redirect(name, assessment.pk)
