"""Verified closure: the council marks a recommendation addressed with
evidence; the body that made it verifies it or sends it back; a verified
recommendation can be reopened with a reason."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from assurance.accounts.models import User
from assurance.accounts.permissions import Action, council_people
from assurance.evidence import services as evidence
from assurance.evidence.selectors import evidence_for

from .. import rules
from ..models import ProgressEntry, Recommendation, RecommendationSource, Status, Verification
from ._common import _lock, _require, _require_answering, _require_open, _save


def _log(recommendation: Recommendation, actor: User, entry: str, status_from: str) -> None:
    ProgressEntry.objects.create(
        recommendation=recommendation,
        entry=entry,
        author=actor,
        worked_on=timezone.localdate(),
        status_from=status_from,
        status_to=recommendation.status,
    )


def _attach(actor, recommendation, *, title, url, upload, evidence_date) -> None:
    source = recommendation.source
    common = {
        "actor": actor,
        "holder": recommendation,
        "organisation": source.organisation,
        "title": title,
        "evidence_date": evidence_date or timezone.localdate(),
        "marking": source.marking,
    }
    if upload is not None:
        evidence.evidence_file_add(upload=upload, **common)
    if url:
        evidence.evidence_link_add(url=url, **common)


@transaction.atomic
def recommendation_address(
    *,
    actor: User,
    recommendation: Recommendation,
    statement: str,
    evidence_title: str = "",
    evidence_url: str = "",
    evidence_upload: UploadedFile | None = None,
    evidence_date: date | None = None,
    expected_version: int | None = None,
) -> Recommendation:
    """The council says the work is done and shows its evidence (a file, a
    link, or evidence already attached). The item is completed and awaits
    verification by the body that made it."""
    source = recommendation.source
    _require(actor, Action.RESPOND_RECOMMENDATIONS, source)
    _require_open(source)
    item = _lock(recommendation, expected_version)
    errors = []
    if refusal := rules.may_address(item.response, item.verification):
        errors.append(refusal)
    if not rules.has_reason(statement):
        errors.append("Say what was done to address the recommendation.")
    new_evidence = bool(evidence_url.strip()) or evidence_upload is not None
    if new_evidence and not evidence_title.strip():
        errors.append("Enter a title for the evidence.")
    if not new_evidence and not evidence_for(item).exists():
        errors.append("Add evidence: a file or a link showing the work was done.")
    if errors:
        raise ValidationError(errors)
    if new_evidence:
        _attach(
            actor,
            item,
            title=evidence_title,
            url=evidence_url.strip(),
            upload=evidence_upload,
            evidence_date=evidence_date,
        )
    status_from = item.status
    item.status = Status.COMPLETED
    item.completed_on = item.completed_on or timezone.localdate()
    item.verification = Verification.ADDRESSED
    item.addressed_by, item.addressed_at = actor, timezone.now()
    item.verified_by = item.verified_at = None
    _save(item, "Marked addressed")
    _log(item, actor, f"Addressed: {statement.strip()}", status_from)
    return item


@transaction.atomic
def recommendation_verify(
    *, actor: User, recommendation: Recommendation, note: str = ""
) -> Recommendation:
    """The body that made the recommendation confirms it has been addressed."""
    source = recommendation.source
    _require_answering(actor, source)
    _require_open(source)
    item = _lock(recommendation, None)
    if item.verification != Verification.ADDRESSED:
        raise ValidationError("Only a recommendation marked addressed can be verified.")
    item.verification = Verification.VERIFIED
    item.verified_by, item.verified_at = actor, timezone.now()
    _save(item, "Verified")
    _log(item, actor, f"Verified. {note.strip()}".strip(), item.status)
    return item


@transaction.atomic
def recommendation_send_back(
    *, actor: User, recommendation: Recommendation, reason: str
) -> Recommendation:
    """Not yet addressed in the view of the body that made it: back in progress."""
    source = recommendation.source
    _require_answering(actor, source)
    _require_open(source)
    item = _lock(recommendation, None)
    if item.verification != Verification.ADDRESSED:
        raise ValidationError("Only a recommendation marked addressed can be sent back.")
    if not rules.has_reason(reason):
        raise ValidationError("Say why the recommendation is being sent back.")
    return _back_in_progress(item, actor, Verification.SENT_BACK, f"Sent back: {reason.strip()}")


@transaction.atomic
def recommendation_reopen(
    *, actor: User, recommendation: Recommendation, reason: str
) -> Recommendation:
    """A verified recommendation found wanting after all: back in progress."""
    source = recommendation.source
    _require_answering(actor, source)
    _require_open(source)
    item = _lock(recommendation, None)
    if refusal := rules.may_reopen(item.verification):
        raise ValidationError(refusal)
    if not rules.has_reason(reason):
        raise ValidationError("Say why the recommendation is being reopened.")
    return _back_in_progress(item, actor, Verification.NONE, f"Reopened: {reason.strip()}")


def _back_in_progress(item: Recommendation, actor: User, verification: str, entry: str):
    status_from = item.status
    item.status, item.completed_on = Status.IN_PROGRESS, None
    item.verification = verification
    item.verified_by = item.verified_at = None
    _save(item, entry)
    _log(item, actor, entry, status_from)
    return item


@transaction.atomic
def source_verifier_set(
    *, actor: User, source: RecommendationSource, verifier: User | None
) -> RecommendationSource:
    """The council lead names who, besides its leads, verifies the addressed
    recommendations of one of the council's own sources and decides its
    extensions (or names no one). Only one of the council's own people."""
    _require(actor, Action.VERIFY_OWN_RECOMMENDATIONS, source)
    if not rules.names_own_verifier(source.kind):
        raise ValidationError(
            f"The recommendations of “{source.title}” are verified by the body that made "
            "them. The council cannot name a verifier for them."
        )
    if verifier is not None and not (
        council_people([source.organisation_id]).filter(pk=verifier.pk).exists()
    ):
        raise ValidationError({"verifier": "Choose one of the council's own people."})
    current = RecommendationSource.objects.select_for_update().get(pk=source.pk)
    if current.verifier_id == (verifier.pk if verifier else None):
        return current
    current.verifier = verifier
    current._history_user = actor
    current._change_reason = (
        f"Named verifier: {verifier.full_name}" if verifier else "Named verifier removed"
    )
    current.save()
    return current
