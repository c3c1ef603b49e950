from django.core.files.base import ContentFile
from django.urls import reverse

from assurance.evidence.models import EvidenceItem
from tests.access.matrix import BOTH, COUNCIL, OWN_ONLY, Entry, roles


def file_evidence_like(link: EvidenceItem) -> EvidenceItem:
    item = EvidenceItem(
        holder_type=link.holder_type,
        holder_id=link.holder_id,
        organisation=link.organisation,
        title="Attendance figures",
        evidence_date=link.evidence_date,
        kind="file",
        original_filename="attendance.csv",
        size=8,
        content_type="text/csv",
        extension="csv",
        sha256="a" * 64,
        uploaded_by=link.uploaded_by,
    )
    item.file.save("x", ContentFile(b"a,b\n1,2\n"), save=False)
    item.save()
    return item


# The records come from the first app that holds evidence: assessments'
# build(world) adds "evidence_file" with file_evidence_like() below.

ENTRIES = {
    # Evidence is visible exactly when its holder is; other roles get 404, not
    # 403, because the view is open to any signed-in user (peer reviewers will
    # download evidence of the reviews they are on).
    "evidence:download": Entry(
        url=lambda w, t: reverse("evidence:download", args=[w.obj("evidence_file", t).pk]),
        allowed=roles((*COUNCIL, "assessor"), OWN_ONLY, national_analyst=BOTH),
        overrides={"peer_reviewer": 404, "administrator": 404},
    ),
}
