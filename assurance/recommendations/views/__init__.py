"""Thin views: parse input, call one selector or service, render or redirect."""

from .documents import document, document_status
from .imports import import_template, source_import, source_import_confirm
from .progress import progress_add, recommendation_detail
from .register import register
from .sources import (
    recommendation_add,
    source_close,
    source_create,
    source_detail,
    source_list,
    source_reopen,
    source_respond,
)

__all__ = [
    "document",
    "document_status",
    "import_template",
    "progress_add",
    "recommendation_add",
    "recommendation_detail",
    "register",
    "source_close",
    "source_create",
    "source_detail",
    "source_import",
    "source_import_confirm",
    "source_list",
    "source_reopen",
    "source_respond",
]
