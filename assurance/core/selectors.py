from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Model
from django.utils import timezone

from assurance.accounts.permissions import hidden_fields

from .registry import history_getter

HIDDEN_FIELDS = frozenset({"password", "last_login"})


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    reason: str
    changes: list[Change]


_KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _describe(record, hidden: frozenset[str] = frozenset()) -> list[HistoryEntry]:
    """Turn simple-history rows into what changed, newest first, as a person
    reads it: field names, the names of linked records (one query per kind of
    record, not per change), choice labels, UK dates. Fields in ``hidden``
    (permissions.hidden_fields) never show: a change touching one loses its
    reason too, and a change touching only those is left out."""
    rows = list(record.history.select_related("history_user").order_by("-history_date", "-pk"))
    deltas, touched = [], []
    for index, row in enumerate(rows):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        changes = row.diff_against(previous).changes if previous is not None else []
        touched.append(any(c.field in hidden for c in changes))
        deltas.append([c for c in changes if c.field not in HIDDEN_FIELDS | hidden])
    names = _linked_names(record, [c for changes in deltas for c in changes])
    entries = []
    for row, delta, touched_hidden in zip(rows, deltas, touched, strict=True):
        if touched_hidden and not delta:
            continue
        changes = [
            Change(
                _field_label(record, change.field),
                _readable(record, change.field, change.old, names),
                _readable(record, change.field, change.new, names),
            )
            for change in delta
        ]
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=str(row.history_user) if row.history_user else "System",
                kind=_KINDS.get(row.history_type, row.history_type),
                reason="" if touched_hidden else (row.history_change_reason or ""),
                changes=changes,
            )
        )
    return entries


def _field_label(record: Model, name: str) -> str:
    try:
        return str(record._meta.get_field(name).verbose_name).capitalize()
    except Exception:  # noqa: BLE001 - m2m names and removed fields show as stored
        return name.replace("_", " ").capitalize()


def _field(record: Model, name: str):
    try:
        return record._meta.get_field(name)
    except Exception:  # noqa: BLE001 - m2m names and removed fields
        return None


def _linked_names(record: Model, changes) -> dict:
    """(related model, pk) → its name, for every foreign key value in the changes."""
    wanted: dict = {}
    for change in changes:
        field = _field(record, change.field)
        if field is not None and field.many_to_one:
            ids = wanted.setdefault(field.related_model, set())
            ids.update(v for v in (change.old, change.new) if v not in (None, ""))
    names = {}
    for model, ids in wanted.items():
        for pk, obj in model._default_manager.in_bulk(ids).items():
            names[(model, pk)] = str(obj)
    return names


def _readable(record: Model, name: str, value, names: dict) -> str:
    field = _field(record, name)
    if value is None or value == "" or field is None:
        return _show(value)
    if field.many_to_one:
        return names.get((field.related_model, value), "(a record since removed)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%-d %B %Y, %H:%M")
    if isinstance(value, date):
        return value.strftime("%-d %B %Y")
    return _show(value)


def _show(value) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def record_history(user, label: str, pk: int) -> tuple[Model | None, list[HistoryEntry]]:
    """The record (scoped through its app's own selector) and its history."""
    getter = history_getter(label)
    if getter is None:
        return None, []
    record = getter(user, pk)
    return record, _describe(record, hidden_fields(user, record, history=True))
