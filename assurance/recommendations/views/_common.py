"""Shared helpers of the register's views."""

from django.core.exceptions import ValidationError


def errors_to_form(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, in the error summary."""
    for message in error.messages:
        form.add_error(None, message)
