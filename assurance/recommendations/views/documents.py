"""The response matrix and progress tracker downloads."""

from django.http import Http404

from assurance.accounts.audit import audit_download
from assurance.accounts.permissions import Action, requires
from assurance.documents.responses import file_response

from .. import documents, selectors

# --- Documents ----------------------------------------------------------------


@requires(Action.VIEW_RECORDS)
def document(request, pk: int, kind: str, extension: str):
    if kind not in documents.BUILDERS or extension not in documents.RENDERERS:
        raise Http404
    source = selectors.get_source_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    context = documents.BUILDERS[kind](source, selectors.source_recommendations(source))
    content = documents.RENDERERS[extension](context)
    audit_download(
        request,
        marking=source.marking,
        what=f"{kind} of “{source.title}” ({extension})",
        organisation=source.organisation,
    )
    return file_response(content, filename=context.filename, extension=extension)
