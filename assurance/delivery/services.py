"""Every write of delivery records: permission first, then the rules, then
one atomic save with history. Refusals are ValidationError (keyed by field
where one is to blame) or PermissionDenied."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from assurance.accounts.permissions import Action, can
from assurance.core.concurrency import check_history_mark
from assurance.organisations.models import Organisation

from . import rules
from .kinds import KINDS
from .models import (
    ActionUpdate,
    GovernanceBody,
    PartnershipPlan,
    PlanAction,
)

_PARENTS = {"plan": "plan", "body": "body", "panel": "panel", "board": "board"}
_UNIQUE = {
    "referrals": (
        ("period", "quarter", "sector"),
        "organisation",
        "Figures for this sector, quarter and year are already recorded: change them instead.",
    ),
    "channel-quarters": (
        ("panel", "period", "quarter"),
        None,
        "Figures for this quarter and year are already recorded: change them instead.",
    ),
    "actions": (("plan", "reference"), None, "Another action in this plan has this reference."),
}


def _check_may_edit(actor, organisation_id: int) -> None:
    if not can(actor, Action.EDIT_DELIVERY_RECORDS, organisation_id):
        raise PermissionDenied


def _check_belongs(values: dict, organisation_id: int) -> None:
    """Parents, risks and the like must be the same council's records."""
    for name in _PARENTS:
        parent = values.get(name)
        if parent is not None and parent.organisation_id != organisation_id:
            raise ValidationError({name: "Choose one of the council's own records."})
    for risk in values.get("risks") or []:
        if risk.organisation_id != organisation_id:
            raise ValidationError({"risks": "Choose the council's own risks."})


def _check_unique(slug: str, values: dict, organisation_id: int, record: Model | None) -> None:
    if slug not in _UNIQUE:
        return
    fields, org_field, message = _UNIQUE[slug]
    lookup = {f: values.get(f) for f in fields}
    if org_field:
        lookup[org_field] = organisation_id
    clash = KINDS[slug].model.objects.filter(**lookup)
    if record is not None:
        clash = clash.exclude(pk=record.pk)
    if clash.exists():
        raise ValidationError({fields[-1]: message})


def _validate(slug: str, values: dict, organisation_id: int, record=None) -> None:
    problems = rules.record_problems(values, timezone.localdate())
    if problems:
        raise ValidationError(problems)
    _check_belongs(values, organisation_id)
    _check_unique(slug, values, organisation_id, record)


def _assign(record: Model, values: dict) -> dict:
    many = {}
    for name, value in values.items():
        if name == "row":
            continue
        field = record._meta.get_field(name)
        if field.many_to_many:
            many[name] = value
        else:
            setattr(record, name, value)
    return many


def _save(record: Model, many: dict, actor, reason: str) -> Model:
    record._change_reason = reason
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as error:
        raise ValidationError(
            "The record clashes with one already saved. Check and try again."
        ) from error
    for name, value in many.items():
        getattr(record, name).set(value or [])
    return record


@transaction.atomic
def delivery_record_create(
    *, actor, slug: str, organisation: Organisation, values: dict[str, Any]
) -> Model:
    _check_may_edit(actor, organisation.pk)
    kind = KINDS[slug]
    _validate(slug, values, organisation.pk)
    record = kind.model()
    if not kind.parent:
        record.organisation = organisation
    many = _assign(record, values)
    return _save(record, many, actor, f"Created {kind.label}")


@transaction.atomic
def delivery_record_update(
    *, actor, slug: str, record: Model, values: dict[str, Any], seen_version: str | None = None
) -> Model:
    """Change a record; refused if someone saved it after the form showing
    ``seen_version`` (its history mark) was drawn."""
    kind = KINDS[slug]
    record = kind.model.objects.select_for_update().get(pk=record.pk)
    organisation_id = record.organisation_id
    _check_may_edit(actor, organisation_id)
    check_history_mark(record, seen_version, f"this {kind.label}")
    _validate(slug, values, organisation_id, record)
    many = _assign(record, values)
    return _save(record, many, actor, f"Changed {kind.label}")


@transaction.atomic
def action_update_add(*, actor, action: PlanAction, recorded_on: date, note: str) -> ActionUpdate:
    _check_may_edit(actor, action.plan.organisation_id)
    problems = rules.record_problems({"recorded_on": recorded_on}, timezone.localdate())
    if problems:
        raise ValidationError(problems)
    if not note.strip():
        raise ValidationError({"note": "Describe the progress made."})
    update = ActionUpdate(
        action=action, recorded_on=recorded_on, note=note.strip(), recorded_by=actor
    )
    update._change_reason = "Progress update"
    update.save()
    return update


@transaction.atomic
def delivery_rows_import(
    *, actor, slug: str, organisation: Organisation, rows: list[dict]
) -> list[Model]:
    """Save every previewed row, or none: any refusal rolls the whole file back."""
    _check_may_edit(actor, organisation.pk)
    if not rows:
        raise ValidationError("There are no rows to import.")
    parents = {
        "actions": ("plan", PartnershipPlan),
        "meetings": ("body", GovernanceBody),
    }
    created = []
    for row in rows:
        values = {k: v for k, v in row.items() if k != "row"}
        if slug in parents:
            name, model = parents[slug]
            values[name] = model.objects.filter(pk=values[name], organisation=organisation).first()
            if values[name] is None:
                raise ValidationError(f"Row {row['row']}: the {name} is not one of the council's.")
        try:
            created.append(
                delivery_record_create(
                    actor=actor, slug=slug, organisation=organisation, values=values
                )
            )
        except ValidationError as error:
            messages = "; ".join(error.messages)
            raise ValidationError(f"Row {row['row']}: {messages}") from error
    return created
