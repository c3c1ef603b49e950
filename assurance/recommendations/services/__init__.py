"""Every write to the register, one module per sub-domain. Each service
checks permission first, then the rules, and saves all or nothing."""

from .assessments import source_record_assessment
from .closure import source_close, source_reopen
from .imports import recommendations_import
from .progress import progress_add
from .responses import ResponseInput, source_respond
from .sources import recommendation_add, source_create

__all__ = [
    "ResponseInput",
    "progress_add",
    "recommendation_add",
    "recommendations_import",
    "source_close",
    "source_create",
    "source_record_assessment",
    "source_reopen",
    "source_respond",
]
