"""The team's pages: key lines of enquiry, the programme and its notes,
findings. Only the review team reaches them (404 for anyone else)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assurance.accounts.permissions import Action, requires
from assurance.core.concurrency import history_mark
from assurance.ui.forms import run_service

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
    done = request.method == "POST" and run_service(
        request,
        form,
        lambda data: services.enquiry_add(
            actor=request.user,
            review=review,
            question=data["question"],
            criteria=form.chosen_criteria(),
            evidence=form.chosen_evidence(),
        ),
        success=lambda enquiry: f"Line of enquiry {enquiry.number} added.",
        then=("reviews:enquiries", pk),
    )
    if done:
        return done
    context.update(enquiries=selectors.enquiries_of(review), form=form, failed_form=failed(form))
    return render(request, "reviews/enquiries.html", context)


@requires(Action.WORK_ON_REVIEW)
def programme(request, pk: int):
    review = _team_review(request, pk)
    form = SessionForm(request.POST or None)
    done = request.method == "POST" and run_service(
        request,
        form,
        lambda data: services.session_add(actor=request.user, review=review, **data),
        success=lambda session: f"Session “{session.title}” added. Now add who takes part.",
        then=lambda session: ("reviews:session", pk, session.pk),
    )
    return done or render(
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
    done = run_service(
        request,
        form,
        lambda data: services.session_notes_save(
            actor=request.user,
            session=session,
            notes=data["notes"],
            marking=data["marking"],
            seen_version=data["seen_version"],
        ),
        success="Notes saved.",
        then=("reviews:session", pk, session_pk),
    )
    if done:
        return done
    return _session_page(request, review, session, notes_form=form)


@require_POST
@requires(Action.WORK_ON_REVIEW)
def participant_add(request, pk: int, session_pk: int):
    review = _team_review(request, pk)
    session = selectors.get_session_of(review, session_pk)
    form = ParticipantForm(request.POST)
    done = run_service(
        request,
        form,
        lambda data: services.participant_add(actor=request.user, session=session, **data),
        success="Participant added.",
        then=("reviews:session", pk, session_pk),
    )
    if done:
        return done
    return _session_page(request, review, session, participant_form=form)


@requires(Action.WORK_ON_REVIEW)
def findings(request, pk: int):
    review = _team_review(request, pk)
    groups = selectors.groups_of(review)
    form = FindingForm(request.POST or None, groups=groups, criteria=selectors.criteria_of(review))
    done = request.method == "POST" and run_service(
        request,
        form,
        lambda data: services.finding_add(
            actor=request.user,
            review=review,
            kind=data["kind"],
            text=data["text"],
            group=form.chosen_group(),
            criteria=form.chosen_criteria(),
        ),
        success="Finding added.",
        then=("reviews:findings", pk),
    )
    return done or render(
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
