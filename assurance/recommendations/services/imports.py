"""Recommendations imported from a council's spreadsheet."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from assurance.accounts.models import User
from assurance.accounts.permissions import Action

from .. import rules
from ..importing import ImportRow
from ..models import Recommendation, RecommendationSource
from ._common import _clean_numbered, _require, _require_open, _require_own_items


@transaction.atomic
def recommendations_import(
    *, actor: User, source: RecommendationSource, rows: Sequence[ImportRow]
) -> list[Recommendation]:
    """Create the previewed rows. Numbers are checked again: another import
    may have landed between preview and confirm."""
    _require(actor, Action.MANAGE_RECOMMENDATION_SOURCES, source)
    _require_open(source)
    _require_own_items(source)
    if not rows:
        raise ValidationError("There are no recommendations to import.")
    taken = set(
        RecommendationSource.objects.select_for_update()
        .get(pk=source.pk)
        .recommendations.values_list("number", flat=True)
    )
    clashes = sorted(row.number for row in rows if row.number in taken)
    if clashes:
        raise ValidationError(
            "Nothing was imported: these numbers are already used in this source: "
            + ", ".join(str(n) for n in clashes)
        )
    errors = _clean_numbered([(r.number, r.text, None) for r in rows])
    errors += [
        f"Recommendation {r.number}: a reason is needed."
        for r in rows
        if rules.reason_required(r.response) and not rules.has_reason(r.reason)
    ]
    if errors:
        raise ValidationError(errors)
    return bulk_create_with_history(
        [row.to_model(source) for row in rows], Recommendation, default_user=actor
    )
