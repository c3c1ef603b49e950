"""Sources handed over by issuing apps (see ``recommendations.intake``).

The register knows nothing of the issuer but the value it is given: this
module never imports another domain app, nor the package it belongs to."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history, update_change_reason

from assurance.accounts.models import User
from assurance.accounts.permissions import may_hand_over
from assurance.organisations.models import Organisation, Partnership

from ..intake import IssuedItem, IssuedSource
from ..models import ProgressEntry, Recommendation, RecommendationSource, SourceKind, SourceStatus
from ..models import Status as ItemStatus
from .closure import reopen

DROPPED_NOTE = "Superseded: this recommendation was withdrawn when the source was reissued."
CHANGED_REASON = "Changed when the source was reissued"
REOPENED_REASON = "Reopened because the source was reissued"


@transaction.atomic
def source_record_issue(*, actor: User, issued: IssuedSource) -> RecommendationSource | None:
    """Create or bring into line the register source of an issued record.
    Returns None when nothing was issued and nothing was held before."""
    if not may_hand_over(actor, issued.kind, issued.organisation_id):
        raise PermissionDenied
    errors = issued.problems()
    if issued.kind not in SourceKind.values:
        errors.append(f"{issued.kind!r} is not a kind of source the register knows.")
    if errors:
        raise ValidationError(errors)
    source = (
        RecommendationSource.objects.select_for_update()
        .filter(kind=issued.kind, origin_id=issued.origin_id)
        .first()
    )
    if source is None:
        return _first_issue(actor, issued) if issued.items else None
    _bring_into_line(source, issued.items, actor)
    return source


def _first_issue(actor: User, issued: IssuedSource) -> RecommendationSource:
    organisation = Organisation.objects.get(pk=issued.organisation_id)
    partnership = None
    if issued.partnership_id is not None:
        partnership = Partnership.objects.get(pk=issued.partnership_id)
        if not partnership.members.filter(pk=organisation.pk).exists():
            raise ValidationError(f"{organisation} is not a member of {partnership}.")
    source = RecommendationSource.objects.create(
        organisation=organisation,
        partnership=partnership,
        kind=issued.kind,
        origin_id=issued.origin_id,
        title=issued.title.strip(),
        made_by=issued.made_by.strip(),
        made_on=issued.made_on,
        reference=issued.reference.strip(),
        marking=issued.marking,
    )
    bulk_create_with_history(
        [_entry(source, item, item.number) for item in issued.items],
        Recommendation,
        default_user=actor,
    )
    return source


def _entry(source: RecommendationSource, item: IssuedItem, number: int) -> Recommendation:
    return Recommendation(
        source=source,
        number=str(number),
        origin_key=item.key,
        text=item.text.strip(),
        theme=item.theme.strip(),
        criterion_id=_criterion_id(item),
    )


def _criterion_id(item: IssuedItem) -> int | None:
    return item.criterion_ids[0] if item.criterion_ids else None


def _bring_into_line(source: RecommendationSource, items, actor: User) -> None:
    entries = list(source.recommendations.select_for_update())
    by_key = {e.origin_key: e for e in entries if e.origin_key}
    # Register numbers may be "2a" or "1.1"; an added item takes the next whole number.
    next_number = max((int(e.number) for e in entries if str(e.number).isdigit()), default=0) + 1
    changed = False
    for item in items:
        entry = by_key.get(item.key)
        if entry is None:
            _entry(source, item, next_number).save()
            next_number += 1
            changed = True
        elif _update(entry, item):
            changed = True
    issued_keys = {item.key for item in items}
    for entry in entries:
        if entry.origin_key not in issued_keys and entry.status != ItemStatus.SUPERSEDED:
            _supersede(entry, actor)
            changed = True
    if changed and source.status == SourceStatus.CLOSED:
        reopen(source, REOPENED_REASON)


def _update(entry: Recommendation, item: IssuedItem) -> bool:
    wanted = (item.text.strip(), item.theme.strip(), _criterion_id(item))
    if (entry.text, entry.theme, entry.criterion_id) == wanted:
        return False
    entry.text, entry.theme, entry.criterion_id = wanted
    entry.save(update_fields=["text", "theme", "criterion"])
    update_change_reason(entry, CHANGED_REASON)
    return True


def _supersede(entry: Recommendation, actor: User) -> None:
    ProgressEntry.objects.create(
        recommendation=entry,
        entry=DROPPED_NOTE,
        author=actor,
        status_from=entry.status,
        status_to=ItemStatus.SUPERSEDED,
    )
    entry.status = ItemStatus.SUPERSEDED
    entry.save(update_fields=["status"])
