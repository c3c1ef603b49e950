"""Importing recommendations: upload, dry-run preview, confirm, templates."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.documents.responses import file_response

from .. import forms, importing, selectors, services

# --- Import -------------------------------------------------------------------

_SESSION_KEY = "recommendations_import"


@requires(Action.MANAGE_RECOMMENDATION_SOURCES)
def source_import(request, pk: int):
    source = selectors.get_source_for(
        request.user, pk, purpose=Action.MANAGE_RECOMMENDATION_SOURCES
    )
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        existing = dict(source.recommendations.values_list("number", "status"))
        result = importing.parse(upload.name, upload.read(), existing)
        if result.ok:
            request.session[_SESSION_KEY] = {
                "source": source.pk,
                "rows": [row.to_session() for row in result.rows],
            }
        else:
            request.session.pop(_SESSION_KEY, None)
    rows = result.rows if result else []
    return render(
        request,
        "recommendations/source_import.html",
        {
            "source": source,
            "form": form,
            "result": result,
            "new_rows": [r for r in rows if not r.is_update],
            "updated_rows": [r for r in rows if r.is_update and r.changes],
            "unchanged": sum(1 for r in rows if r.is_update and not r.changes),
        },
    )


@require_POST
@requires(Action.MANAGE_RECOMMENDATION_SOURCES)
def source_import_confirm(request, pk: int):
    source = selectors.get_source_for(
        request.user, pk, purpose=Action.MANAGE_RECOMMENDATION_SOURCES
    )
    stored = request.session.get(_SESSION_KEY) or {}
    if stored.get("source") != source.pk:
        messages.error(request, "Upload the file again: there is no preview to confirm.")
        return redirect("recommendations:source_import", pk=source.pk)
    rows = [importing.ImportRow.from_session(row) for row in stored["rows"]]
    try:
        created = services.recommendations_import(actor=request.user, source=source, rows=rows)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("recommendations:source_import", pk=source.pk)
    request.session.pop(_SESSION_KEY, None)
    messages.success(
        request,
        f"{len(created)} recommendation{'s' if len(created) != 1 else ''} imported or updated.",
    )
    return redirect("recommendations:source", pk=source.pk)


@requires(Action.MANAGE_RECOMMENDATION_SOURCES)
def import_template(request, extension: str):
    if extension == "csv":
        content = importing.template_csv()
    elif extension == "xlsx":
        content = importing.template_xlsx()
    else:
        raise Http404
    return file_response(content, filename="recommendations-template", extension=extension)
