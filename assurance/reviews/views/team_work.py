"""The team's pages: key lines of enquiry, the programme and its notes,
findings. Only the review team reaches them (404 for anyone else)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.core.concurrency import StaleRecord, history_mark, move_mark_on
from assurance.core.forms import add_service_errors

from .. import selectors, services
from ..forms import EnquiryForm, FindingForm, NotesForm, ParticipantForm, SessionForm
from ._helpers import failed, flash, page


def _team_review(request, pk):
    return selectors.get_review_for(request.user, pk, purpose=Action.WORK_ON_REVIEW)


@requires(Action.WORK_ON_REVIEW)
def enquiries(request, pk: int):
    review = _team_review(request, pk)
    context = page(review, request.user)
    evidence = selectors.review_evidence(review) if context["may"].see_evidence else []
    form = EnquiryForm(
        request.POST or None, criteria=selectors.criteria_of(review), evidence=evidence
    )
    if request.method == "POST" and form.is_valid():
        try:
            enquiry = services.enquiry_add(
                actor=request.user,
                review=review,
                question=form.cleaned_data["question"],
                criteria=form.chosen_criteria(),
                evidence=form.chosen_evidence(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Line of enquiry {enquiry.number} added.")
            return redirect("reviews:enquiries", pk)
    context.update(enquiries=selectors.enquiries_of(review), form=form, failed_form=failed(form))
    return render(request, "reviews/enquiries.html", context)


@requires(Action.WORK_ON_REVIEW)
def programme(request, pk: int):
    review = _team_review(request, pk)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_add(actor=request.user, review=review, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Session “{session.title}” added. Now add who takes part.")
            return redirect("reviews:session", pk, session.pk)
    return render(
        request,
        "reviews/programme.html",
        page(
            review,
            request.user,
            sessions=selectors.sessions_of(review),
            form=form,
            failed_form=failed(form),
        ),
    )


def _session_page(request, review, session, *, notes_form=None, participant_form=None):
    notes_form = notes_form or NotesForm(
        initial={
            "notes": session.notes,
            "marking": session.notes_marking,
            "seen_version": history_mark(session),
        }
    )
    participant_form = participant_form or ParticipantForm()
    context = page(
        review,
        request.user,
        session=session,
        notes_form=notes_form,
        participant_form=participant_form,
        failed_form=failed(notes_form, participant_form),
    )
    # The page carries the stricter of the review's and the notes' markings.
    if session.notes_marking != "OFFICIAL":
        context["marking"] = session.notes_marking
    return render(request, "reviews/session.html", context)


@requires(Action.WORK_ON_REVIEW)
def session_detail(request, pk: int, session_pk: int):
    review = _team_review(request, pk)
    session = selectors.get_session_of(review, session_pk)
    if request.method != "POST":
        return _session_page(request, review, session)
    form = NotesForm(request.POST)
    if form.is_valid():
        try:
            services.session_notes_save(
                actor=request.user,
                session=session,
                notes=form.cleaned_data["notes"],
                marking=form.cleaned_data["marking"],
                seen_version=form.cleaned_data["seen_version"],
            )
        except StaleRecord as error:
            add_service_errors(form, error)
            move_mark_on(form, error.current)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Notes saved.")
            return redirect("reviews:session", pk, session_pk)
    return _session_page(request, review, session, notes_form=form)


@require_POST
@requires(Action.WORK_ON_REVIEW)
def participant_add(request, pk: int, session_pk: int):
    review = _team_review(request, pk)
    session = selectors.get_session_of(review, session_pk)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        try:
            services.participant_add(actor=request.user, session=session, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Participant added.")
            return redirect("reviews:session", pk, session_pk)
    return _session_page(request, review, session, participant_form=form)


@requires(Action.WORK_ON_REVIEW)
def findings(request, pk: int):
    review = _team_review(request, pk)
    groups = selectors.groups_of(review)
    form = FindingForm(request.POST or None, groups=groups, criteria=selectors.criteria_of(review))
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_add(
                actor=request.user,
                review=review,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                group=form.chosen_group(),
                criteria=form.chosen_criteria(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Finding added.")
            return redirect("reviews:findings", pk)
    return render(
        request,
        "reviews/findings.html",
        page(
            review,
            request.user,
            findings=selectors.findings_of(review),
            has_groups=bool(groups),
            form=form,
            failed_form=failed(form),
        ),
    )


@require_POST
@requires(Action.WORK_ON_REVIEW)
def finding_remove(request, pk: int, finding_pk: int):
    review = _team_review(request, pk)
    finding = selectors.get_finding_of(review, finding_pk)
    try:
        services.finding_remove(actor=request.user, finding=finding)
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(request, "Finding removed.")
    return redirect("reviews:findings", pk)
