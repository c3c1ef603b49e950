"""Reads of evidence. An item is visible exactly when the record holding it
is: the holder's own scoped getter decides, so 404 alike for missing and
forbidden."""

from __future__ import annotations

from django.http import Http404

from assurance.accounts.permissions import Action

from .models import EvidenceItem
from .registry import holder_getter


def get_evidence_for(user, pk: int, *, purpose: Action) -> EvidenceItem:
    item = EvidenceItem.objects.select_related("holder_type").filter(pk=pk).first()
    if item is None:
        raise Http404
    getter = holder_getter(f"{item.holder_type.app_label}.{item.holder_type.model}")
    if getter is None:
        raise Http404
    getter(user, item.holder_id, purpose=purpose)  # Http404 when the holder is out of scope
    return item
