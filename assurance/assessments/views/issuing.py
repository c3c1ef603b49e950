from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from assurance.accounts.permissions import Action, requires
from assurance.documents.responses import file_response
from assurance.ui.forms import run_service

from .. import selectors, services
from ..forms import ReopenForm
from ..letter import build_letter_context, render_html
from ..rules import Event, allowed
from ._helpers import flash, page


def _preview(assessment):
    letters = selectors.letters_of(assessment)
    latest = letters[0] if letters and assessment.is_issued else None
    context = build_letter_context(
        assessment,
        issued_on=timezone.localdate(latest.issued_at) if latest else timezone.localdate(),
        version_number=latest.version_number if latest else None,
    )
    return render_html(context)


@requires(Action.ISSUE_ASSESSMENT)
def assessment_issue(request, pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.ISSUE_ASSESSMENT)
    if request.method == "POST":
        try:
            letter = services.assessment_issue(actor=request.user, assessment=assessment)
        except ValidationError as error:
            flash(request, error)
            return redirect("assessments:issue", pk)
        messages.success(
            request,
            f"Letter issued (version {letter.version_number}). The assessment is now read-only.",
        )
        return redirect("assessments:detail", pk)
    return render(
        request,
        "assessments/issue_confirm.html",
        page(assessment, request.user, open=allowed(assessment.status, Event.ISSUE)),
    )


@requires(Action.REOPEN_ASSESSMENT)
def assessment_reopen(request, pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.REOPEN_ASSESSMENT)
    form = ReopenForm(request.POST or None)
    done = run_service(
        request,
        form,
        lambda data: services.assessment_reopen(
            actor=request.user, assessment=assessment, reason=data["reason"]
        ),
        success="Assessment reopened. The issued letter is kept; reissuing adds a new version.",
        then=("assessments:detail", pk),
    )
    if done:
        return done
    return render(
        request,
        "assessments/reopen.html",
        page(assessment, request.user, form=form, open=allowed(assessment.status, Event.REOPEN)),
    )


@requires(Action.VIEW_RECORDS)
def letter_preview(request, pk: int):
    """The letter as a web page, to those who may see its content now
    (permissions.hidden_fields: before issue, only the assessing side)."""
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    if not selectors.drafts_visible(request.user, assessment):
        raise Http404
    return render(
        request,
        "assessments/letter_preview.html",
        page(
            assessment,
            request.user,
            letter_html=_preview(assessment),
            letters=selectors.letters_of(assessment),
        ),
    )


@requires(Action.VIEW_RECORDS)
def letter_download(request, pk: int, version: int, fmt: str):
    """The stored bytes of an issued letter, exactly as issued."""
    if fmt not in ("pdf", "docx"):
        raise Http404
    letter = selectors.get_letter_for(request.user, pk, version, purpose=Action.VIEW_RECORDS)
    stored = getattr(letter, fmt)
    with stored.open("rb") as handle:
        content = handle.read()
    name = (
        f"assessment-letter-{letter.assessment.period.replace('/', '-')}-v{letter.version_number}"
    )
    return file_response(content, filename=name, extension=fmt)
