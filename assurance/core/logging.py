"""Logging filters. Expected refusals (403) and missing pages (404) are
ordinary answers: they are logged as one line, never with a traceback, so
that real errors stand out."""

from __future__ import annotations

import logging

EXPECTED = frozenset({403, 404})


class ExpectedRefusalsWithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in EXPECTED:
            record.exc_info = None
            record.exc_text = None
        return True
