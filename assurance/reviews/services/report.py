"""The report: the team's own words, issuing (frozen files with SHA-256,
improvements into the host's register) and reopening with a reason."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from assurance.accounts.permissions import Action
from assurance.core.concurrency import check_history_mark

from .. import rules
from ..models import IssuedReport, Review
from ..register import improvements_to_register
from ..report.context import build_report_context
from ..report.render import render_docx, render_pdf
from ..rules import FindingKind, ReviewStatus
from ._common import lock, require, require_open, save

ISSUED_MEANWHILE = (
    "Someone else issued this report a moment ago, so it was not issued twice. "
    "The issued version is shown on the review page."
)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@transaction.atomic
def report_text_save(
    *,
    actor,
    review: Review,
    executive_summary: str,
    background: str,
    next_steps: str,
    seen_version: str | None = None,
) -> Review:
    """Save the report's own text; refused if the review was saved after the
    form showing ``seen_version`` (its history mark) was drawn."""
    review = lock(review)
    require(actor, Action.WORK_ON_REVIEW, review)
    require_open(review)
    check_history_mark(review, seen_version, "the review")
    review.executive_summary = (executive_summary or "").strip()
    review.background = (background or "").strip()
    review.next_steps = (next_steps or "").strip()
    save(review, actor, "Report text saved")
    return review


def report_issue(*, actor, review: Review, expected_version: int | None = None) -> IssuedReport:
    """Issue the report. Two people issuing at once: the second is told it
    has just been issued and nothing of theirs is saved. ``expected_version``
    is the number of reports the person saw when they pressed the button."""
    try:
        with transaction.atomic():
            return _issue(actor, review, expected_version)
    except IntegrityError as error:
        # The unique (review, version) refused a second report of the same number.
        raise ValidationError(ISSUED_MEANWHILE) from error


def _issue(actor, review: Review, expected_version: int | None) -> IssuedReport:
    review = lock(review)
    require(actor, Action.MANAGE_REVIEW, review)
    issued_before = review.reports.aggregate(n=Max("version_number"))["n"] or 0
    if expected_version is not None and expected_version != issued_before:
        raise ValidationError(ISSUED_MEANWHILE)
    problems = rules.issue_problems(
        status=review.status,
        findings=review.findings.count(),
        executive_summary=review.executive_summary,
    )
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    number = issued_before + 1
    context = build_report_context(review, issued_on=timezone.localdate(now), version_number=number)
    pdf, docx = render_pdf(context), render_docx(context)
    report = IssuedReport(
        review=review,
        version_number=number,
        pdf_sha256=_sha256(pdf),
        docx_sha256=_sha256(docx),
        issued_by=actor,
        issued_at=now,
    )
    stem = f"review-{review.pk}-v{number}"
    report.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    report.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    try:
        save(report, actor)
    except Exception:
        report.pdf.storage.delete(report.pdf.name)
        report.docx.storage.delete(report.docx.name)
        raise
    review.status = ReviewStatus.REPORT_ISSUED
    review.reopen_reason = ""
    save(review, actor, f"Report issued (version {number})")
    improvements = list(
        review.findings.filter(kind=FindingKind.IMPROVEMENT)
        .select_related("group")
        .prefetch_related("criteria")
        .order_by("group__position", "pk")
    )
    improvements_to_register(actor=actor, review=review, improvements=improvements)
    return report


@transaction.atomic
def report_reopen(*, actor, review: Review, reason: str) -> Review:
    review = lock(review)
    require(actor, Action.MANAGE_REVIEW, review)
    if review.status != ReviewStatus.REPORT_ISSUED:
        raise ValidationError("Only an issued report can be reopened.")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the issued report is being reopened."})
    review.status = ReviewStatus.REOPENED
    review.reopen_reason = reason.strip()
    save(review, actor, f"Report reopened: {reason.strip()}"[:100])
    return review
