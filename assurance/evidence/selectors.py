"""Reads of evidence. An item is visible exactly when the record holding it
is: the holder's own scoped getter decides, so 404 alike for missing and
forbidden."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.http import Http404

from assurance.accounts.permissions import Action

from .models import EvidenceItem
from .registry import holder_getter


def evidence_for(holder: Model) -> QuerySet[EvidenceItem]:
    """Evidence attached to one record (already checked by the caller)."""
    return EvidenceItem.objects.filter(
        holder_type=ContentType.objects.get_for_model(holder), holder_id=holder.pk
    ).select_related("uploaded_by")


def get_evidence_for(user, pk: int, *, purpose: Action) -> EvidenceItem:
    item = EvidenceItem.objects.select_related("holder_type").filter(pk=pk).first()
    if item is None:
        raise Http404
    getter = holder_getter(f"{item.holder_type.app_label}.{item.holder_type.model}")
    if getter is None:
        raise Http404
    getter(user, item.holder_id, purpose=purpose)  # Http404 when the holder is out of scope
    return item
