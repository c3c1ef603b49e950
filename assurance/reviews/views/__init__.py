from .report import report, report_download, report_edit, report_issue, report_reopen
from .review import (
    declaration,
    review_detail,
    review_list,
    review_set_up,
    stage_edit,
    team_add,
    team_remove,
)
from .self_assessment import (
    evidence_file_add,
    evidence_link_add,
    evidence_remove,
    self_assessment,
    self_assessment_task,
)
from .team_work import (
    enquiries,
    finding_remove,
    findings,
    participant_add,
    programme,
    session_detail,
)

__all__ = [
    "declaration",
    "enquiries",
    "evidence_file_add",
    "evidence_link_add",
    "evidence_remove",
    "finding_remove",
    "findings",
    "participant_add",
    "programme",
    "report",
    "report_download",
    "report_edit",
    "report_issue",
    "report_reopen",
    "review_detail",
    "review_list",
    "review_set_up",
    "self_assessment",
    "self_assessment_task",
    "session_detail",
    "stage_edit",
    "team_add",
    "team_remove",
]
