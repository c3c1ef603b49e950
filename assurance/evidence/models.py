"""Evidence a council offers for a record: a file it uploads or a link.

A reusable component: an item belongs to an organisation and is attached to
whatever record holds it (an assessment criterion now, a peer review later)
through a generic relation. Files live in the private storage, outside the
web root, under a generated name; the name the person chose is kept only for
display and download."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.db import models
from simple_history.models import HistoricalRecords

from assurance.core.marking import Marking


class EvidenceKind(models.TextChoices):
    FILE = "file", "File"
    LINK = "link", "Link"


def private_storage():
    return storages["private"]


def generated_name(instance, filename: str) -> str:
    # The chosen name never reaches the file system.
    return f"evidence/{uuid.uuid4().hex}"


class EvidenceItem(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
        help_text="Whose evidence it is; blank for evidence a partnership shares.",
    )
    holder_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    holder_id = models.PositiveBigIntegerField()
    holder = GenericForeignKey("holder_type", "holder_id")
    title = models.CharField(max_length=200)
    evidence_date = models.DateField("date")
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    kind = models.CharField(max_length=4, choices=EvidenceKind.choices)
    url = models.URLField(max_length=500, blank=True)
    file = models.FileField(storage=private_storage, upload_to=generated_name, blank=True)
    original_filename = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=120, blank=True)
    extension = models.CharField(max_length=8, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Copied from an earlier record (last period's) and not yet confirmed by
    # the holder's people; the holding app clears it (evidence_confirm_carried).
    carried_forward = models.BooleanField("carried forward, to confirm", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["evidence_date", "pk"]
        verbose_name = "evidence item"
        indexes = [models.Index(fields=["holder_type", "holder_id"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="link", url__gt="")
                    | (
                        models.Q(kind="file", size__gt=0)
                        & ~models.Q(sha256="")
                        & ~models.Q(file="")
                    )
                ),
                name="evidence_file_or_link_complete",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_file(self) -> bool:
        return self.kind == EvidenceKind.FILE
