"""Writes to the directory (regions, organisations, partnerships). Only
administrators (MANAGE_ORGANISATIONS) write here; the Django admin calls these
services rather than saving models itself."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from assurance.accounts.permissions import Action, has_action

from .models import Organisation, Partnership, Region


def _require(actor) -> None:
    if not has_action(actor, Action.MANAGE_ORGANISATIONS):
        raise PermissionDenied


def _save(actor, record: models.Model) -> None:
    _require(actor)
    record.full_clean()
    record._history_user = actor
    record.save()


def _delete(actor, record: models.Model) -> None:
    _require(actor)
    record._history_user = actor
    record.delete()


@transaction.atomic
def region_save(*, actor, region: Region) -> Region:
    _save(actor, region)
    return region


@transaction.atomic
def region_delete(*, actor, region: Region) -> None:
    _delete(actor, region)


@transaction.atomic
def organisation_save(*, actor, organisation: Organisation) -> Organisation:
    _save(actor, organisation)
    return organisation


@transaction.atomic
def organisation_delete(*, actor, organisation: Organisation) -> None:
    _delete(actor, organisation)


@transaction.atomic
def partnership_save(
    *, actor, partnership: Partnership, members: Iterable[Organisation] | None = None
) -> Partnership:
    """Save a partnership and, when given, set its member organisations."""
    _save(actor, partnership)
    if members is not None:
        partnership.members.set(members)
    return partnership


@transaction.atomic
def partnership_delete(*, actor, partnership: Partnership) -> None:
    _delete(actor, partnership)
