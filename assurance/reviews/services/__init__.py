"""Every write to a peer review. Each service checks permission first
(through the permissions chokepoint), then the rules, and saves all or
nothing. Modules by sub-domain; import from here."""

from .report import report_issue, report_reopen, report_text_save
from .review import (
    declaration_make,
    review_set_up,
    stage_update,
    team_member_add,
    team_member_remove,
)
from .self_assessment import (
    response_evidence_file_add,
    response_evidence_link_add,
    response_evidence_remove,
    response_save,
)
from .team_work import (
    enquiry_add,
    finding_add,
    finding_remove,
    participant_add,
    session_add,
    session_notes_save,
)

__all__ = [
    "declaration_make",
    "enquiry_add",
    "finding_add",
    "finding_remove",
    "participant_add",
    "report_issue",
    "report_reopen",
    "report_text_save",
    "response_evidence_file_add",
    "response_evidence_link_add",
    "response_evidence_remove",
    "response_save",
    "review_set_up",
    "session_add",
    "session_notes_save",
    "stage_update",
    "team_member_add",
    "team_member_remove",
]
