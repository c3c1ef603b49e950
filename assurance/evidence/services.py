"""Adding and removing evidence. The holding app decides first whether its
record may take evidence now (an issued assessment may not); these services
then check the actor's permission for the organisations concerned, validate
the file from its content, and store it under a generated name."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import models, transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from . import rules
from .models import EvidenceItem, EvidenceKind, Marking
from .registry import may_change_evidence


def _check_permission(actor, holder_label: str, holder_id: int) -> None:
    """The holding app's registered getter decides (registry.may_change_evidence)."""
    if not may_change_evidence(actor, holder_label, holder_id):
        raise PermissionDenied("You cannot add or remove evidence for this organisation.")


def _check_details(title: str, evidence_date: date | None, marking: str) -> None:
    errors = {}
    if not (title or "").strip():
        errors["title"] = "Enter a title for the evidence."
    if evidence_date is None:
        errors["evidence_date"] = "Enter the date of the evidence."
    if marking not in Marking.values:
        errors["marking"] = "Choose OFFICIAL or OFFICIAL-SENSITIVE."
    if errors:
        raise ValidationError(errors)


def _read(upload: UploadedFile) -> bytes:
    # Refuse before reading a byte more than the limit.
    if upload.size is not None and upload.size > rules.MAX_BYTES:
        raise ValidationError({"file": "The selected file must be smaller than 20 MB."})
    data = b"".join(upload.chunks())
    if len(data) > rules.MAX_BYTES:
        raise ValidationError({"file": "The selected file must be smaller than 20 MB."})
    return data


@transaction.atomic
def evidence_file_add(
    *,
    actor,
    holder: models.Model,
    organisation=None,
    title: str,
    evidence_date: date | None,
    marking: str,
    upload: UploadedFile,
) -> EvidenceItem:
    _check_permission(actor, holder._meta.label_lower, holder.pk)
    _check_details(title, evidence_date, marking)
    data = _read(upload)
    try:
        name = rules.check_filename(upload.name)
        kind = rules.check_upload(name, data)
    except rules.UploadRefused as refusal:
        raise ValidationError({"file": str(refusal)}) from refusal
    item = EvidenceItem(
        organisation=organisation,
        holder_type=ContentType.objects.get_for_model(holder),
        holder_id=holder.pk,
        title=title.strip(),
        evidence_date=evidence_date,
        marking=marking,
        kind=EvidenceKind.FILE,
        original_filename=name,
        size=len(data),
        content_type=kind.content_type,
        extension=kind.extensions[0],
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    item.file.save("upload", ContentFile(data), save=False)
    # If the row cannot be written, the stored file goes with it.
    try:
        item.save()
    except Exception:
        item.file.storage.delete(item.file.name)
        raise
    return item


@transaction.atomic
def evidence_link_add(
    *,
    actor,
    holder: models.Model,
    organisation=None,
    title: str,
    evidence_date: date | None,
    marking: str,
    url: str,
) -> EvidenceItem:
    _check_permission(actor, holder._meta.label_lower, holder.pk)
    _check_details(title, evidence_date, marking)
    url = (url or "").strip()
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError as error:
        raise ValidationError({"url": "Enter a web address starting with https://"}) from error
    return EvidenceItem.objects.create(
        organisation=organisation,
        holder_type=ContentType.objects.get_for_model(holder),
        holder_id=holder.pk,
        title=title.strip(),
        evidence_date=evidence_date,
        marking=marking,
        kind=EvidenceKind.LINK,
        url=url,
        uploaded_by=actor,
    )


@transaction.atomic
def evidence_remove(
    *,
    actor,
    item: EvidenceItem,
) -> None:
    holder_type = item.holder_type
    _check_permission(actor, f"{holder_type.app_label}.{holder_type.model}", item.holder_id)
    stored = item.file.name if item.is_file else ""
    storage = item.file.storage
    item._history_user = actor
    item.delete()
    # A copy made by carry_evidence (next cycle, or a council's own answers
    # taken as a proposal) shares its stored file: the file goes only with the last row naming it.
    if stored and not EvidenceItem.objects.filter(file=stored).exists():
        # Only once the row is gone for good: a rolled-back delete keeps its file.
        transaction.on_commit(lambda: storage.delete(stored))


# --- Carrying forward -----------------------------------------------------------
# Called only by a holding app's own service, which has already decided that
# the actor may open the new record (the evidence stays the organisation's:
# the copies keep its organisation, title, date, marking and stored file).


def carry_evidence(
    copies: Sequence[tuple[EvidenceItem, models.Model]],
    *,
    carried_by,
    reason: str,
    mark: bool = True,
) -> list[EvidenceItem]:
    """Copy each item onto its new holder in one bulk write with history,
    so nothing is uploaded twice: a file copy names the same stored file.
    ``mark`` flags the copies "carried forward, confirm or update" (last
    period's evidence); a council's own answers taken as an assessor's
    proposal are this period's and are not flagged."""
    if not copies:
        return []
    types = ContentType.objects.get_for_models(*{type(holder) for _, holder in copies})
    fields = [
        f.attname  # ids, not related objects: no query per item
        for f in EvidenceItem._meta.concrete_fields
        if f.name not in ("id", "holder_type", "holder_id", "uploaded_at", "carried_forward")
    ]
    made = []
    for item, holder in copies:
        copy = EvidenceItem(**{name: getattr(item, name) for name in fields})
        copy.holder_type, copy.holder_id = types[type(holder)], holder.pk
        copy.carried_forward = mark
        made.append(copy)
    return bulk_create_with_history(
        made, EvidenceItem, default_user=carried_by, default_change_reason=reason
    )


def confirm_carried_evidence(holder: models.Model, *, confirmed_by, reason: str) -> int:
    """The holder's people have checked what was carried: clear the marks.
    Called only by the holding app's service after its permission check."""
    items = list(
        EvidenceItem.objects.filter(
            holder_type=ContentType.objects.get_for_model(holder),
            holder_id=holder.pk,
            carried_forward=True,
        )
    )
    for item in items:
        item.carried_forward = False
    if items:
        bulk_update_with_history(
            items,
            EvidenceItem,
            ["carried_forward"],
            default_user=confirmed_by,
            default_change_reason=reason,
        )
    return len(items)
