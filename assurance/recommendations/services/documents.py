"""Large documents (tracker, response matrix, scrutiny pack) built by the
task worker and cached until what they show changes, so that no web worker
spends seconds on a 400-row PDF."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from assurance.accounts.models import User
from assurance.accounts.permissions import Action, restrict
from assurance.organisations.models import Organisation

from ..models import DocumentStatus, RecommendationSource, ScrutinyPackDocument, SourceDocument

SOURCE_LOOKUPS = ("organisation", "partnership__members")


@transaction.atomic
def source_document_request(
    *, actor: User, source: RecommendationSource, kind: str, extension: str, fingerprint: str
) -> SourceDocument:
    """The document for the source as it is now: the cached one, or a new one
    queued for the worker (earlier versions of it are removed)."""
    visible = RecommendationSource.objects.filter(pk=source.pk)
    if not restrict(visible, actor, *SOURCE_LOOKUPS, purpose=Action.VIEW_RECORDS).exists():
        raise PermissionDenied
    document, created = SourceDocument.objects.get_or_create(
        source=source, kind=kind, extension=extension, fingerprint=fingerprint
    )
    if created or document.status == DocumentStatus.FAILED:
        from ..tasks import build_source_document

        _replace_and_queue(
            document,
            SourceDocument.objects.filter(source=source, kind=kind, extension=extension),
            build_source_document,
        )
    return document


def _replace_and_queue(document, versions, task) -> None:
    """Remove the other versions of a cached document (files too) and queue
    this one for the worker."""
    for old in versions.exclude(pk=document.pk):
        if old.file:
            old.file.delete(save=False)
        old.delete()
    document.status, document.step, document.error = DocumentStatus.QUEUED, "", ""
    document.save()
    task.enqueue(document.pk)
    document.refresh_from_db()  # the immediate backend (tests) has built it already


def source_document_build(*, document_id: int) -> SourceDocument:
    """Run by the worker as the system. Each step is saved at once, so the
    status page shows progress."""
    from .. import documents, selectors

    document = SourceDocument.objects.select_related("source__organisation").get(pk=document_id)
    if document.status == DocumentStatus.READY:
        return document
    _step(document, DocumentStatus.BUILDING, "Reading the recommendations")
    try:
        items = selectors.source_recommendations(document.source)
        context = documents.BUILDERS[document.kind](document.source, items)
        _step(document, DocumentStatus.BUILDING, f"Laying out {len(items)} recommendations")
        content = documents.RENDERERS[document.extension](context)
        document.file.save(
            f"{uuid.uuid4().hex}.{document.extension}", ContentFile(content), save=False
        )
        document.filename = context.filename
        document.finished_at = timezone.now()
        _step(document, DocumentStatus.READY, "Ready")
    except Exception as error:  # recorded for the status page, then re-raised for the log
        document.error = f"{type(error).__name__}"
        _step(document, DocumentStatus.FAILED, "Could not be built")
        raise
    return document


def _step(document: SourceDocument | ScrutinyPackDocument, status: str, step: str) -> None:
    document.status, document.step = status, step
    document.save()


@transaction.atomic
def scrutiny_pack_request(
    *, actor: User, organisation: Organisation, period: str, extension: str, fingerprint: str
) -> ScrutinyPackDocument:
    """The actor's scrutiny pack of the council for the period as it is now:
    the cached one, or a new one queued for the worker (the actor's earlier
    versions of it are removed)."""
    from assurance.organisations.selectors import visible_organisations

    visible = visible_organisations(actor, purpose=Action.VIEW_RECORDS)
    if not visible.filter(pk=organisation.pk).exists():
        raise PermissionDenied
    document, created = ScrutinyPackDocument.objects.get_or_create(
        organisation=organisation,
        period=period,
        extension=extension,
        requested_by=actor,
        fingerprint=fingerprint,
    )
    if created or document.status == DocumentStatus.FAILED:
        from ..tasks import build_scrutiny_pack

        _replace_and_queue(
            document,
            ScrutinyPackDocument.objects.filter(
                organisation=organisation, period=period, extension=extension, requested_by=actor
            ),
            build_scrutiny_pack,
        )
    return document


def scrutiny_pack_build(*, document_id: int) -> ScrutinyPackDocument:
    """Run by the worker, reading as the person who asked (the pack shows
    what they may see). Each step is saved at once for the status page."""
    from .. import scrutiny, selectors

    document = ScrutinyPackDocument.objects.select_related("organisation", "requested_by").get(
        pk=document_id
    )
    if document.status == DocumentStatus.READY:
        return document
    _step(document, DocumentStatus.BUILDING, "Reading the register")
    try:
        user, organisation = document.requested_by, document.organisation
        items = selectors.scrutiny_items(
            user, organisation.pk, *scrutiny.period_bounds(document.period)
        )
        national = [i for i in items if i.source.kind == "national"]
        pack = scrutiny.build_pack(
            user, organisation, document.period, items, national, timezone.localdate()
        )
        _step(document, DocumentStatus.BUILDING, f"Laying out {len(items)} recommendations")
        content = scrutiny.RENDERERS[document.extension](pack)
        document.file.save(
            f"{uuid.uuid4().hex}.{document.extension}", ContentFile(content), save=False
        )
        document.filename = pack.filename
        document.finished_at = timezone.now()
        _step(document, DocumentStatus.READY, "Ready")
    except Exception as error:  # recorded for the status page, then re-raised for the log
        document.error = f"{type(error).__name__}"
        _step(document, DocumentStatus.FAILED, "Could not be built")
        raise
    return document
