"""The field-visibility rule applied to what the API returns: the fields
``permissions.hidden_fields`` names are given as null (or, for a record made
only of draft fields, left out), so draft work never reaches a caller off the
assessing side. The rule itself lives in permissions.py; this only applies it."""

from __future__ import annotations

from collections.abc import Iterable

from assurance.accounts.permissions import hidden_fields


def blank_hidden(data: dict, hidden: Iterable[str]) -> dict:
    for name in hidden:
        if name in data:
            data[name] = None
    return data


def hidden_for(user, records: list) -> frozenset[str]:
    """Parts of one record share its stage: asked once for the first of them."""
    return hidden_fields(user, records[0]) if records else frozenset()
