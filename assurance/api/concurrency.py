"""Optimistic concurrency over HTTP: a record's ETag carries its ``version``;
an update must send it back in If-Match (428 without, 412 if it is old)."""

from __future__ import annotations

from rest_framework import status
from rest_framework.exceptions import APIException


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = "Send the record's ETag in an If-Match header: read the record first."
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "Someone else changed the record after you read it. Read it again and "
        "send its new ETag in If-Match."
    )
    default_code = "precondition_failed"


def etag(kind: str, pk: int, version: int) -> str:
    return f'"{kind}-{pk}-v{version}"'


def expected_version(request, kind: str, pk: int, current: int) -> int:
    """The version the client last read, from If-Match; refuses a missing or
    stale one before any write is attempted."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    if etag(kind, pk, current) not in tags:
        raise PreconditionFailed
    return current
