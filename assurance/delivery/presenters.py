"""How a delivery record reads on a page and in an export: the same cells
for both, with counts suppressed for readers outside the council."""

from __future__ import annotations

from datetime import date

from django.db.models import Model

from assurance.core.marking import Marking

from . import suppression
from .forms import FIELDS
from .kinds import KINDS

COUNT_FIELDS = {
    "count",
    "discussed",
    "adopted",
    "closed",
    "reviewed_6_months",
    "reviewed_12_months",
}


def headings(slug: str) -> list[str]:
    model = KINDS[slug].model
    names = [str(model._meta.get_field(name).verbose_name) for name in FIELDS[slug]]
    return [n[:1].upper() + n[1:] for n in names]


def display(record: Model, name: str, *, exact: bool) -> str:
    value = getattr(record, name)
    if name == "sectors_attending":
        return ", ".join(record.sector_labels) or "None recorded"
    if name in COUNT_FIELDS and not exact:
        return suppression.single(value, exact=False).shown
    if hasattr(record, f"get_{name}_display"):
        return str(getattr(record, f"get_{name}_display")())
    if value is None or value == "":
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if hasattr(value, "all"):
        return ", ".join(str(v) for v in value.all()) or "None"
    return str(value)


def cells(record: Model, slug: str, *, exact: bool) -> list[str]:
    return [display(record, name, exact=exact) for name in FIELDS[slug]]


def is_sensitive(record: Model) -> bool:
    return getattr(record, "marking", "") == Marking.OFFICIAL_SENSITIVE


def marking_of(records) -> str:
    sensitive = any(is_sensitive(r) for r in records)
    return Marking.OFFICIAL_SENSITIVE if sensitive else Marking.OFFICIAL
