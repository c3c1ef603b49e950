"""Which records evidence can be attached to, and who may see it.

Evidence is reached only through the record that holds it (a criterion of an
assessment, later a peer review's self-assessment). Each holding app registers
a scoped getter, ``getter(user, pk, *, purpose)``, that returns the holder or
raises Http404, and the action that lets a user change the holder's evidence.
The download view asks the getter (purpose VIEW_RECORDS) before streaming a
byte; the evidence services ask it (with that action) before any write, so no
caller tells them whose evidence it is."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model
from django.http import Http404

from assurance.accounts.permissions import Action

_HOLDERS: dict[str, Callable[..., Model]] = {}
_CHANGE: dict[str, Action] = {}


def register_evidence_holder(
    model: type[Model], getter: Callable[..., Model], *, change_purpose: Action
) -> None:
    _HOLDERS[model._meta.label_lower] = getter
    _CHANGE[model._meta.label_lower] = change_purpose


def holder_getter(label: str) -> Callable[..., Model] | None:
    return _HOLDERS.get(label)


def may_change_evidence(user, holder_label: str, holder_id: int) -> bool:
    """Is the holder within the user's scope for changing its evidence?"""
    getter = _HOLDERS.get(holder_label)
    if getter is None:
        return False
    try:
        getter(user, holder_id, purpose=_CHANGE[holder_label])
    except Http404:
        return False
    return True
