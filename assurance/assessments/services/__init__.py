"""Every write to an assessment. Each service checks the actor's permission
for the assessed organisation (any member, for a partnership), then the
status machine in rules.py, then the input; nothing is half-saved."""

from .issuing import LetterInput, assessment_issue, assessment_reopen
from .moderation import moderation_agree, moderation_return
from .opening import assessment_open
from .own import own_self_assessment_sign_off, own_self_assessment_start
from .scoring import (
    assessment_ready_for_moderation,
    assessment_summary_page_save,
    assessment_summary_save,
    criterion_score_save,
    recommendation_add,
    recommendation_remove,
    recommendation_update,
)
from .self_assessment import (
    criterion_evidence_file_add,
    criterion_evidence_link_add,
    criterion_evidence_remove,
    criterion_response_save,
    self_assessment_submit,
)

__all__ = [
    "LetterInput",
    "assessment_issue",
    "assessment_open",
    "assessment_ready_for_moderation",
    "assessment_reopen",
    "assessment_summary_page_save",
    "assessment_summary_save",
    "criterion_evidence_file_add",
    "criterion_evidence_link_add",
    "criterion_evidence_remove",
    "criterion_response_save",
    "criterion_score_save",
    "moderation_agree",
    "moderation_return",
    "own_self_assessment_sign_off",
    "own_self_assessment_start",
    "recommendation_add",
    "recommendation_remove",
    "recommendation_update",
    "self_assessment_submit",
]
