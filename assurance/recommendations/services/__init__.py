"""Every write to the register, one module per sub-domain. Each service
checks permission first, then the rules, and saves all or nothing."""

from .closure import source_close, source_reopen
from .documents import (
    scrutiny_pack_build,
    scrutiny_pack_request,
    source_document_build,
    source_document_request,
)
from .duplicates import recommendation_link, recommendation_unlink
from .extensions import extension_decide, extension_request
from .imports import recommendations_import
from .issued import source_record_issue
from .national import national_source_publish
from .progress import progress_add
from .responses import CONFLICT, ResponseInput, recommendation_respond, source_respond
from .sources import recommendation_add, source_create
from .verification import (
    recommendation_address,
    recommendation_reopen,
    recommendation_send_back,
    recommendation_verify,
    source_verifier_set,
)

__all__ = [
    "CONFLICT",
    "ResponseInput",
    "extension_decide",
    "extension_request",
    "national_source_publish",
    "progress_add",
    "recommendation_add",
    "recommendation_address",
    "recommendation_link",
    "recommendation_unlink",
    "recommendation_reopen",
    "recommendation_respond",
    "recommendation_send_back",
    "recommendation_verify",
    "recommendations_import",
    "scrutiny_pack_build",
    "scrutiny_pack_request",
    "source_close",
    "source_create",
    "source_document_build",
    "source_document_request",
    "source_record_issue",
    "source_reopen",
    "source_verifier_set",
    "source_respond",
]
