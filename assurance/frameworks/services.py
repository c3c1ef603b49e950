"""Writes to frameworks. Frameworks are loaded only from files, through the
one loader; administrators upload them here, the command loads them as the
system."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from assurance.accounts.permissions import Action, can

from .loader import LoadResult, Source, load_sources
from .models import FrameworkVersion

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


def check_version_use(version: FrameworkVersion, *, use: str, organisations) -> None:
    """Refuse a framework version that does not apply to the councils' nation
    or may not be used this way (``use``: "assessment" or "peer_review").
    Raises ValidationError on the form's ``framework_version`` field."""
    from .rules import use_problem

    for organisation in organisations:
        region = getattr(organisation, "region", None)
        problem = use_problem(
            title=version.title,
            nations=version.nations,
            for_assessment=version.for_assessment,
            for_peer_review=version.for_peer_review,
            use=use,
            nation=region.nation if region else None,
        )
        if problem:
            raise ValidationError({"framework_version": problem})
