"""Expected 403s and 404s are logged without a traceback."""

import logging

from assurance.core.logging import ExpectedRefusalsWithoutTraceback


def _record(status: int) -> logging.LogRecord:
    try:
        raise PermissionError("refused")
    except PermissionError:
        import sys

        record = logging.LogRecord(
            "django.request", logging.WARNING, "", 0, "x", (), sys.exc_info()
        )
    record.status_code = status
    return record


def test_refusals_and_missing_pages_lose_their_traceback():
    keep = ExpectedRefusalsWithoutTraceback()
    for status in (403, 404):
        record = _record(status)
        assert keep.filter(record) and record.exc_info is None


def test_server_errors_keep_their_traceback():
    record = _record(500)
    assert ExpectedRefusalsWithoutTraceback().filter(record) and record.exc_info is not None
