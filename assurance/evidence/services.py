"""Adding and removing evidence. The holding app decides first whether its
record may take evidence now (an issued assessment may not); these services
then check the actor's permission for the organisations concerned, validate
the file from its content, and store it under a generated name."""

from __future__ import annotations

import hashlib
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import models, transaction

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


def evidence_links_copy(
    items: list[EvidenceItem], *, holders: dict[int, models.Model], copied_by
) -> list[EvidenceItem]:
    """The same evidence offered again for other records: a new item per
    holder pointing at the same stored file or web address, so nothing is
    uploaded twice. ``holders`` maps a source item's holder id to the record
    that takes the copy. Not a service of its own: it runs inside a service
    that has already decided its actor may write those records (an assessor
    starting an assessment from the council's own self-assessment)."""
    copies = []
    for item in items:
        holder = holders.get(item.holder_id)
        if holder is None:
            continue
        copy = EvidenceItem(
            **{
                field.attname: getattr(item, field.attname)
                for field in EvidenceItem._meta.concrete_fields
                if field.attname not in {"id", "holder_type_id", "holder_id", "uploaded_at"}
            },
            holder_type=ContentType.objects.get_for_model(holder),
            holder_id=holder.pk,
        )
        copy._history_user = copied_by
        copy.save()
        copies.append(copy)
    return copies


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
    # A copy made for another record (evidence_links_copy) shares the file.
    if stored and not EvidenceItem.objects.filter(file=stored).exists():
        # Only once the row is gone for good: a rolled-back delete keeps its file.
        transaction.on_commit(lambda: storage.delete(stored))
