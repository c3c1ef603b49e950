"""The response matrix and progress tracker downloads. The task worker builds
them (services.documents); a request for one that is not ready yet goes to a
status page that is checked again until it is."""

from django.http import Http404
from django.shortcuts import redirect, render

from assurance.accounts.audit import audit_download
from assurance.accounts.permissions import Action, requires
from assurance.documents.responses import file_response

from .. import documents, selectors, services

# --- Documents ----------------------------------------------------------------


@requires(Action.VIEW_RECORDS)
def document(request, pk: int, kind: str, extension: str):
    if kind not in documents.BUILDERS or extension not in documents.RENDERERS:
        raise Http404
    source = selectors.get_source_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    fingerprint = selectors.source_fingerprint(source)
    built = selectors.current_document(source, kind, extension, fingerprint)
    if built is None or built.status == "failed":
        built = services.source_document_request(
            actor=request.user,
            source=source,
            kind=kind,
            extension=extension,
            fingerprint=fingerprint,
        )
    if not built.is_ready:
        return redirect("recommendations:document_status", pk=built.pk)
    with built.file.open("rb") as handle:
        content = handle.read()
    audit_download(
        request,
        marking=source.marking,
        what=f"{kind} of “{source.title}” ({extension})",
        organisation=source.organisation,
    )
    return file_response(content, filename=built.filename, extension=extension)


@requires(Action.VIEW_RECORDS)
def document_status(request, pk: int):
    built = selectors.get_document_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    return render(
        request,
        "recommendations/document_status.html",
        {"document": built, "source": built.source, "marking": built.source.marking},
    )
