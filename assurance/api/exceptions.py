"""Refusals from the services become the API's answers: a ValidationError is
400 with the same messages the pages show (by field where one is to blame),
a stale save (code ``stale``) is 412, PermissionDenied 403, Http404 404."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from .concurrency import PreconditionFailed


def _errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == NON_FIELD_ERRORS else field): [
                message for e in errors for message in e.messages
            ]
            for field, errors in error.error_dict.items()
        }
    return {"non_field_errors": error.messages}


def _is_stale(error: ValidationError) -> bool:
    items = error.error_list if hasattr(error, "error_list") else []
    return any(getattr(e, "code", None) == "stale" for e in items)


def handle(exc, context):
    if isinstance(exc, ValidationError):
        if _is_stale(exc):
            exc = PreconditionFailed(" ".join(exc.messages))
        else:
            return Response(_errors(exc), status=400)
    return exception_handler(exc, context)
