"""Writes to frameworks. Frameworks are loaded only from files, through the
one loader; administrators upload them here, the command loads them as the
system."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from assurance.accounts.permissions import Action, can

from .loader import LoadResult, Source, load_sources

MAX_UPLOAD_BYTES = 1_000_000


@transaction.atomic
def framework_file_load(*, actor, uploaded_file: UploadedFile) -> LoadResult:
    """Check and load one framework or crosswalk file. Raises ValidationError
    listing every problem; nothing is saved when there is any."""
    if not can(actor, Action.MANAGE_FRAMEWORKS, None):
        raise PermissionDenied
    if uploaded_file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"{uploaded_file.name}: the file is larger than 1 MB; framework files are much smaller."
        )
    content = b"".join(uploaded_file.chunks())
    result = load_sources([Source(uploaded_file.name, content)], actor=actor)
    if not result.ok:
        raise ValidationError(result.messages())
    return result
