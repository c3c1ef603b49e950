"""The report: read on the page (the team at any time, everyone else who may
see the review once it is issued), written, issued, reopened, downloaded."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from assurance.accounts.permissions import Action, requires
from assurance.core.concurrency import StaleRecord, history_mark, move_mark_on
from assurance.core.forms import add_service_errors

from .. import selectors, services
from ..forms import IssueForm, ReopenForm, ReportTextForm
from ..report.context import build_report_context
from ..report.render import render_html
from ._helpers import failed, form_page, page


@requires(Action.VIEW_REVIEW)
def report(request, pk: int):
    review = selectors.get_review_for(request.user, pk, purpose=Action.VIEW_REVIEW)
    context = page(review, request.user)
    if not (context["may"].see_report or review.is_issued):
        raise Http404  # the host reads the report once it is issued, not before
    reports = selectors.reports_of(review)
    latest = reports[0] if reports and review.is_issued else None
    body = render_html(
        build_report_context(
            review,
            issued_on=latest.issued_at.date() if latest else None,
            version_number=latest.version_number if latest else None,
        )
    )
    context.update(body=body, reports=reports)
    return render(request, "reviews/report.html", context)


@requires(Action.WORK_ON_REVIEW)
def report_edit(request, pk: int):
    review = selectors.get_review_for(request.user, pk, purpose=Action.WORK_ON_REVIEW)
    form = ReportTextForm(
        request.POST or None,
        initial={
            "executive_summary": review.executive_summary,
            "background": review.background,
            "next_steps": review.next_steps,
            "seen_version": history_mark(review),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_text_save(actor=request.user, review=review, **form.cleaned_data)
        except StaleRecord as error:
            add_service_errors(form, error)
            move_mark_on(form, error.current)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Report text saved.")
            return redirect("reviews:report", pk)
    return render(
        request,
        "reviews/report_edit.html",
        page(
            review,
            request.user,
            form=form,
            failed_form=failed(form),
            **form_page("Write the report", "Save report text"),
        ),
    )


@requires(Action.WORK_ON_REVIEW)  # the team gate; the selector asks for MANAGE_REVIEW
def report_issue(request, pk: int):
    review = selectors.get_review_for(request.user, pk, purpose=Action.MANAGE_REVIEW)
    issued = len(selectors.reports_of(review))
    form = IssueForm(request.POST or None, initial={"version": issued})
    if request.method == "POST" and form.is_valid():
        try:
            issued_report = services.report_issue(
                actor=request.user, review=review, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Report issued (version {issued_report.version_number}). Its suggested "
                "improvements are in the host's register.",
            )
            return redirect("reviews:detail", pk)
    return render(
        request,
        "reviews/report_issue.html",
        page(
            review,
            request.user,
            form=form,
            failed_form=failed(form),
            **form_page("Issue the report", "Issue report"),
        ),
    )


@requires(Action.WORK_ON_REVIEW)  # the team gate; the selector asks for MANAGE_REVIEW
def report_reopen(request, pk: int):
    review = selectors.get_review_for(request.user, pk, purpose=Action.MANAGE_REVIEW)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_reopen(
                actor=request.user, review=review, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Report reopened. Issue it again when it is ready.")
            return redirect("reviews:detail", pk)
    return render(
        request,
        "reviews/report_reopen.html",
        page(
            review,
            request.user,
            form=form,
            failed_form=failed(form),
            **form_page("Reopen the report", "Reopen report", warning=True),
        ),
    )


@requires(Action.VIEW_REVIEW)
def report_download(request, pk: int, version: int, fmt: str):
    review = selectors.get_review_for(request.user, pk, purpose=Action.VIEW_REVIEW)
    if fmt not in ("pdf", "docx"):
        raise Http404
    issued = selectors.get_report_of(review, version)
    stored = issued.pdf if fmt == "pdf" else issued.docx
    response = FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"peer-review-report-{review.pk}-v{version}.{fmt}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
