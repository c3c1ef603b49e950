"""Recommendations imported from a council's spreadsheet."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from assurance.accounts.models import User
from assurance.accounts.permissions import Action

from .. import rules
from ..importing import ImportRow
from ..models import ProgressEntry, Recommendation, RecommendationSource
from ._common import _clean_numbered, _require, _require_open, _require_own_items


@transaction.atomic
def recommendations_import(
    *, actor: User, source: RecommendationSource, rows: Sequence[ImportRow]
) -> list[Recommendation]:
    """Apply the previewed rows: create the new numbers, and for numbers
    already in the source record the progress and status change the file
    gives. Numbers are checked again: the source may have changed between
    preview and confirm. Returns the recommendations created or changed."""
    _require(actor, Action.MANAGE_RECOMMENDATION_SOURCES, source)
    _require_open(source)
    _require_own_items(source)
    if not rows:
        raise ValidationError("There are no recommendations to import.")
    current = {
        r.number: r
        for r in RecommendationSource.objects.select_for_update()
        .get(pk=source.pk)
        .recommendations.select_for_update()
    }
    new = [row for row in rows if not row.is_update]
    updates = [row for row in rows if row.is_update]
    clashes = sorted(row.number for row in new if row.number in current)
    stale = sorted(
        row.number
        for row in updates
        if row.number not in current or current[row.number].status != row.current_status
    )
    if clashes or stale:
        raise ValidationError(
            "Nothing was imported: the source changed since the preview "
            f"(numbers {', '.join(str(n) for n in clashes + stale)}). Upload the file again."
        )
    errors = _clean_numbered([(r.number, r.text, None) for r in rows])
    errors += [
        f"Recommendation {r.number}: a reason is needed."
        for r in new
        if rules.reason_required(r.response) and not rules.has_reason(r.reason)
    ]
    if errors:
        raise ValidationError(errors)
    created = bulk_create_with_history(
        [row.to_model(source) for row in new], Recommendation, default_user=actor
    )
    by_number = {r.number: r for r in created}
    for row in new:
        if row.progress:
            _log(actor, by_number[row.number], row.progress, rules.NOT_STARTED, row.status)
    changed = []
    for row in updates:
        if row.changes:
            _update(actor, current[row.number], row)
            changed.append(current[row.number])
    return list(created) + changed


def _log(actor, item, entry: str, status_from: str, status_to: str) -> None:
    ProgressEntry.objects.create(
        recommendation=item,
        entry=entry,
        author=actor,
        worked_on=timezone.localdate(),
        status_from=status_from,
        status_to=status_to,
    )


def _update(actor, item: Recommendation, row: ImportRow) -> None:
    entry = row.progress or f"Status set to {row.status_label.lower()} by an import."
    _log(actor, item, entry, item.status, row.status)
    if item.status != row.status:
        item.status = row.status
        if row.status == rules.COMPLETED:
            item.completed_on = row.completed_on or item.completed_on or timezone.localdate()
        else:
            item.completed_on = None
        item.version += 1
        item._change_reason = "Updated by an import"
        item.save()
