from django.http import FileResponse, Http404

from assurance.accounts.audit import audit_download
from assurance.accounts.permissions import Action, signed_in

from . import selectors


@signed_in
def evidence_download(request, pk: int):
    """Stream a stored file: only to those who may see the record holding it,
    always as an attachment, never sniffed or rendered inline."""
    item = selectors.get_evidence_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    if not item.is_file:
        raise Http404
    audit_download(request, marking=item.marking, what=f"evidence “{item.title}”")
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_filename,
        content_type=item.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
