from django.http import Http404
from django.shortcuts import render

from assurance.accounts.audit import audit_download
from assurance.accounts.permissions import Action, requires
from assurance.accounts.reauthentication import recent_sign_in_required
from assurance.documents.responses import file_response
from assurance.ui.forms import run_service

from .. import rules, selectors, services
from ..forms import LetterForm, ReopenForm
from ..letter import build_letter_context, render_html
from ..rules import Event, allowed
from ._helpers import page


def _preview(assessment):
    letters = selectors.letters_of(assessment)
    latest = letters[0] if letters and assessment.is_issued else None
    context = build_letter_context(
        assessment, version_number=latest.version_number if latest else None
    )
    return render_html(context)


@requires(Action.ISSUE_ASSESSMENT)
@recent_sign_in_required
def assessment_issue(request, pk: int):
    """Ask for what the letter needs, say what is missing, then issue."""
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.ISSUE_ASSESSMENT)
    contacts = selectors.council_contacts(request.user, assessment)
    initial = selectors.letter_initial(request.user, assessment)
    form = LetterForm(request.POST or None, initial=initial, contacts=contacts)
    done = request.method == "POST" and run_service(
        request,
        form,
        lambda data: services.assessment_issue(
            actor=request.user, assessment=assessment, letter=form.letter_input()
        ),
        success=lambda letter: (
            f"Letter issued (version {letter.version_number}). The assessment is now read-only."
        ),
        then=("assessments:detail", pk),
    )
    if done:
        return done
    missing = rules.letter_missing(
        initial,
        body_name=assessment.assessing_body.name if assessment.assessing_body_id else "",
        body_address=assessment.assessing_body.postal_address
        if assessment.assessing_body_id
        else "",
    )
    return render(
        request,
        "assessments/issue_confirm.html",
        page(
            assessment,
            request.user,
            form=form,
            missing=list(missing.values()) if request.method != "POST" else [],
            open=allowed(assessment.status, Event.ISSUE),
        ),
    )


@requires(Action.REOPEN_ASSESSMENT)
@recent_sign_in_required
def assessment_reopen(request, pk: int):
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.REOPEN_ASSESSMENT)
    form = ReopenForm(request.POST or None)
    done = request.method == "POST" and run_service(
        request,
        form,
        lambda data: services.assessment_reopen(
            actor=request.user, assessment=assessment, reason=data["reason"]
        ),
        success="Assessment reopened. The issued letter is kept; reissuing adds a new version.",
        then=("assessments:detail", pk),
    )
    return done or render(
        request,
        "assessments/reopen.html",
        page(assessment, request.user, form=form, open=allowed(assessment.status, Event.REOPEN)),
    )


@requires(Action.VIEW_RECORDS)
def letter_preview(request, pk: int):
    """The letter as a web page, to those who may see its content now
    (permissions.hidden_fields: before issue, only the assessing side)."""
    assessment = selectors.get_assessment_for(request.user, pk, purpose=Action.VIEW_RECORDS)
    if assessment.council_owned or not selectors.drafts_visible(request.user, assessment):
        raise Http404  # a council's own self-assessment never has a letter
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
    audit_download(
        request,
        marking=letter.assessment.marking,
        what=f"letter v{letter.version_number} of {letter.assessment} ({fmt})",
        organisation=letter.assessment.organisation,
    )
    with stored.open("rb") as handle:
        content = handle.read()
    assessment = letter.assessment
    name = rules.file_stem(
        "assessment letter", assessment.assessed_name, assessment.period, letter.version_number
    )
    return file_response(content, filename=name, extension=fmt)
