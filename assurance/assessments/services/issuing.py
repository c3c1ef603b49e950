from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from assurance.accounts.audit import audit_record
from assurance.accounts.models import AuditKind
from assurance.accounts.permissions import Action
from assurance.recommendations.intake import IssuedItem, IssuedSource
from assurance.recommendations.services import source_record_issue

from .. import rules
from ..letter import build_letter_context, render_docx, render_pdf
from ..models import Assessment, IssuedLetter, LetterDetails, SignatoryDefaults
from ..rules import Event
from ..selectors import issued_recommendations
from ._common import lock, require, save, step


@dataclass(frozen=True)
class LetterInput:
    """What the issue page asks for (see models.LetterDetails)."""

    letter_date: date | None
    addressee_name: str
    addressee_job_title: str
    addressee_address: str
    salutation: str
    signatory_name: str
    signatory_job_title: str
    signatory_contact: str
    signatory_region: str = ""
    cc: str = ""

    def cleaned(self) -> dict:
        return {
            key: (value.strip() if isinstance(value, str) else value)
            for key, value in asdict(self).items()
        }


SIGNATORY_FIELDS = (
    "signatory_name",
    "signatory_job_title",
    "signatory_region",
    "signatory_contact",
)


def _check_letter(assessment: Assessment, values: dict, today: date, *, recorded: bool) -> None:
    body = assessment.assessing_body
    problems = rules.letter_missing(
        values,
        body_name=body.name if body else "",
        body_address=body.postal_address if body else "",
    )
    # A letter recorded after the event (issued on paper) predates its moderation record.
    moderated_on = (
        timezone.localdate(assessment.moderated_at)
        if assessment.moderated_at and not recorded
        else None
    )
    date_problem = rules.letter_date_problem(
        values["letter_date"], today=today, moderated_on=moderated_on
    )
    if date_problem:
        problems["letter_date"] = date_problem
    if problems:
        raise ValidationError(problems)


def _remember(actor, assessment: Assessment, values: dict) -> None:
    details = LetterDetails.objects.filter(assessment=assessment).first() or LetterDetails(
        assessment=assessment
    )
    for key, value in values.items():
        setattr(details, key, value)
    save(details, actor)
    defaults = SignatoryDefaults.objects.filter(
        assessing_body=assessment.assessing_body_id, assessor=actor
    ).first() or SignatoryDefaults(assessing_body_id=assessment.assessing_body_id, assessor=actor)
    for key in (*SIGNATORY_FIELDS, "cc"):
        setattr(defaults, key, values[key])
    save(defaults, actor)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@transaction.atomic
def assessment_issue(
    *,
    actor,
    assessment: Assessment,
    letter: LetterInput,
    issued_at: datetime | None = None,
) -> IssuedLetter:
    """Check the letter has everything it needs (nothing is made up), remember
    the details (the signatory's per assessing body and assessor), generate
    the letter, keep both files as issued, and make the assessment read-only.
    ``issued_at`` is only for recording letters that were issued on paper
    before the service was used (the demo, data migrations); pages always
    issue now."""
    assessment = lock(assessment)
    require(actor, Action.ISSUE_ASSESSMENT, assessment)
    new_status = step(assessment, Event.ISSUE)
    now = issued_at or timezone.now()
    values = letter.cleaned()
    _check_letter(assessment, values, timezone.localdate(now), recorded=issued_at is not None)
    _remember(actor, assessment, values)
    assessment.status = new_status
    assessment.issued_by, assessment.issued_at = actor, now
    number = (assessment.letters.aggregate(n=Max("version_number"))["n"] or 0) + 1
    context = build_letter_context(assessment, version_number=number)
    pdf, docx = render_pdf(context), render_docx(context)
    stem = f"{context.file_stem}-v{number}"
    letter = IssuedLetter(
        assessment=assessment,
        version_number=number,
        pdf_sha256=_sha256(pdf),
        docx_sha256=_sha256(docx),
        issued_by=actor,
        issued_at=now,
    )
    letter.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    letter.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    save(letter, actor)
    save(assessment, actor, f"Issued (letter version {number})")
    # The closing recommendations go into the council's register for a response.
    source_record_issue(actor=actor, issued=_handover(assessment, values["letter_date"]))
    return letter


def _handover(assessment: Assessment, letter_date: date) -> IssuedSource:
    """What the council's register takes on from this issue (see recommendations.intake)."""
    return IssuedSource(
        kind="assessment",
        origin_id=assessment.pk,
        organisation_id=_responding_council_id(assessment),
        partnership_id=assessment.partnership_id,
        title=f"Assessment {assessment.period}: {assessment.framework_version.framework.title}",
        made_by=str(assessment.assessing_body or assessment.assessor),
        made_on=letter_date,  # the date the letter carries
        reference=f"Assessment letter, {assessment.period}",
        marking=assessment.marking,
        items=tuple(
            IssuedItem(
                key=str(item.pk),
                number=item.number,
                text=item.text,
                criterion_ids=(item.criterion_id,) if item.criterion_id else (),
            )
            for item in issued_recommendations(assessment)
        ),
    )


def _responding_council_id(assessment: Assessment) -> int:
    """A partnership's letter is answered by its first member council (by
    name); the other members read it through the partnership."""
    if assessment.organisation_id:
        return assessment.organisation_id
    return assessment.partnership.members.order_by("name").values_list("pk", flat=True)[0]


@transaction.atomic
def assessment_reopen(*, actor, assessment: Assessment, reason: str) -> Assessment:
    assessment = lock(assessment)
    require(actor, Action.REOPEN_ASSESSMENT, assessment)
    new_status = step(assessment, Event.REOPEN)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the issued assessment is being reopened."})
    assessment.status = new_status
    assessment.reopen_reason = reason.strip()
    save(assessment, actor, f"Reopened: {reason.strip()}")
    audit_record(
        kind=AuditKind.REOPENED,
        summary=f"Reopened issued assessment {assessment}: {reason.strip()}",
        actor=actor,
        organisation=assessment.organisation,
    )
    return assessment
