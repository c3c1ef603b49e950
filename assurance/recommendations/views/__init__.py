"""Thin views: parse input, call one selector or service, render or redirect."""

from .documents import document, document_status
from .imports import import_template, source_import, source_import_confirm
from .national import national_detail, national_list, national_publish
from .progress import (
    extension_decide,
    extension_request,
    progress_add,
    recommendation_address,
    recommendation_detail,
    recommendation_link,
    recommendation_reopen,
    recommendation_respond,
    recommendation_verify,
)
from .register import register
from .scrutiny import scrutiny_pack, scrutiny_pack_download, scrutiny_pack_status
from .sources import (
    recommendation_add,
    source_close,
    source_create,
    source_detail,
    source_list,
    source_reopen,
    source_respond,
    source_verifier,
)

__all__ = [
    "scrutiny_pack",
    "scrutiny_pack_download",
    "scrutiny_pack_status",
    "national_detail",
    "national_list",
    "national_publish",
    "extension_decide",
    "extension_request",
    "recommendation_address",
    "recommendation_link",
    "recommendation_reopen",
    "recommendation_respond",
    "recommendation_verify",
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
    "source_verifier",
]
