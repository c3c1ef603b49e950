from .issuing import assessment_issue, assessment_reopen, letter_download, letter_preview
from .lists import assessment_detail, assessment_list, assessment_open, own_export, own_start
from .moderation import assessment_moderate
from .scoring import (
    assessment_ready,
    assessment_summary,
    criterion_score,
    recommendation_add,
    recommendation_edit,
    recommendation_remove,
    scoring_overview,
)
from .self_assessment import (
    evidence_file_add,
    evidence_link_add,
    evidence_remove,
    self_assessment_submit,
    self_assessment_task,
)

__all__ = [
    "assessment_detail",
    "assessment_issue",
    "assessment_list",
    "assessment_moderate",
    "assessment_open",
    "assessment_ready",
    "assessment_reopen",
    "assessment_summary",
    "criterion_score",
    "evidence_file_add",
    "evidence_link_add",
    "evidence_remove",
    "letter_download",
    "letter_preview",
    "own_export",
    "own_start",
    "recommendation_add",
    "recommendation_edit",
    "recommendation_remove",
    "scoring_overview",
    "self_assessment_submit",
    "self_assessment_task",
]
