"""Sources and their recommendations, recorded by hand or by an issuer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from assurance.accounts.models import User
from assurance.accounts.permissions import Action, may_record_source
from assurance.organisations.models import Organisation, Partnership

from .. import rules
from ..models import Marking, Recommendation, RecommendationSource, SourceKind
from ._common import _clean_numbered, _require, _require_open, _require_own_items


@transaction.atomic
def source_create(
    *,
    actor: User,
    organisation: Organisation,
    kind: str,
    title: str,
    made_by: str,
    made_on: date,
    reference: str = "",
    partnership: Partnership | None = None,
    marking: str = Marking.OFFICIAL,
    recommendations: Sequence[tuple[int, str, object | None]] = (),
) -> RecommendationSource:
    """Record a source and (optionally) its recommendations, each given as
    (number, text, criterion or None). Other apps call this when they issue."""
    if not may_record_source(actor, organisation.pk):
        raise PermissionDenied
    errors = []
    if kind not in SourceKind.values:
        errors.append("Choose what kind of review made the recommendations.")
    if not title.strip():
        errors.append("Enter the title of the review.")
    if not made_by.strip():
        errors.append("Enter the body that made the recommendations.")
    if partnership is not None and not partnership.members.filter(pk=organisation.pk).exists():
        errors.append(f"{organisation} is not a member of {partnership}.")
    errors += _clean_numbered(recommendations)
    if errors:
        raise ValidationError(errors)
    source = RecommendationSource.objects.create(
        organisation=organisation,
        partnership=partnership,
        kind=kind,
        title=title.strip(),
        made_by=made_by.strip(),
        made_on=made_on,
        reference=reference.strip(),
        marking=marking,
    )
    bulk_create_with_history(
        [
            Recommendation(
                source=source, number=rules.clean_number(n), text=text.strip(), criterion=criterion
            )
            for n, text, criterion in recommendations
        ],
        Recommendation,
        default_user=actor,
    )
    return source


@transaction.atomic
def recommendation_add(
    *,
    actor: User,
    source: RecommendationSource,
    number: str | int,
    text: str,
    theme: str = "",
    criterion=None,
) -> Recommendation:
    _require(actor, Action.MANAGE_RECOMMENDATION_SOURCES, source)
    _require_open(source)
    _require_own_items(source)
    errors = _clean_numbered([(number, text, criterion)])
    number = rules.clean_number(number) or str(number)
    if source.recommendations.filter(number=number).exists():
        errors.append(f"There is already a recommendation {number} in this source.")
    if errors:
        raise ValidationError(errors)
    return Recommendation.objects.create(
        source=source, number=number, text=text.strip(), theme=theme.strip(), criterion=criterion
    )
