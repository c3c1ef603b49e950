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


# --- Service matrix: evidence held by a criterion of the self-assessment ------


def _service_entries():
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.access.services import Service, fresh

    from .. import services as s

    editors = roles(("council_lead", "council_contributor"), OWN_ONLY)

    def holder(w, t):
        return fresh(w, "assessment", t).responses.order_by("criterion__number").first()

    details = {"title": "Plan", "evidence_date": date(2022, 1, 1), "marking": "OFFICIAL"}
    return {
        "evidence.evidence_file_add": Service(
            lambda w, t, a: s.evidence_file_add(
                actor=a,
                holder=holder(w, t),
                upload=SimpleUploadedFile("a.csv", b"a,b\n1,2\n"),
                **details,
            ),
            editors,
        ),
        "evidence.evidence_link_add": Service(
            lambda w, t, a: s.evidence_link_add(
                actor=a, holder=holder(w, t), url="https://example.org", **details
            ),
            editors,
        ),
        "evidence.evidence_remove": Service(
            lambda w, t, a: s.evidence_remove(actor=a, item=fresh(w, "evidence", t)), editors
        ),
    }


SERVICES = _service_entries()
