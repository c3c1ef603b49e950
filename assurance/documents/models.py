"""Abstract models for generated documents kept exactly as issued. No table
of its own: each issuing app keeps its own rows and migrations."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class IssuedDocument(models.Model):
    """One issued version of a document: who issued it and when, and the
    SHA-256 of both files (PDF and DOCX) so a copy can be checked against
    what was issued. The subclass holds the record it belongs to, the two
    files (each app stores them in its own folder) and its history; a unique
    (record, version_number) constraint there makes a second, concurrent
    issue fail."""

    version_number = models.PositiveIntegerField()
    pdf_sha256 = models.CharField(max_length=64)
    docx_sha256 = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField()

    class Meta:
        abstract = True
