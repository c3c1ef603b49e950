from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Model

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
    """Turn simple-history rows into what changed, newest first. Fields in
    ``hidden`` (permissions.hidden_fields) never show: a change touching one
    loses its reason too, and a change touching only those is left out."""
    rows = list(record.history.select_related("history_user").order_by("-history_date", "-pk"))
    entries = []
    for index, row in enumerate(rows):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        changes, touched_hidden = [], False
        if previous is not None:
            delta = row.diff_against(previous)
            for change in delta.changes:
                if change.field in hidden:
                    touched_hidden = True
                if change.field in HIDDEN_FIELDS or change.field in hidden:
                    continue
                label = _field_label(record, change.field)
                changes.append(Change(label, _show(change.old), _show(change.new)))
        if touched_hidden and not changes:
            continue
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
