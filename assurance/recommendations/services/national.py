"""National recommendations: published once, applied to chosen councils,
answered by each council in its own register source. Each council's source
is handed over through the intake (``recommendations.intake``), with the
council's NationalApplication as its origin."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from assurance.accounts.models import User
from assurance.accounts.permissions import Action, has_action
from assurance.organisations.models import COUNCIL_KINDS, Organisation, Region

from ..intake import IssuedItem, IssuedSource
from ..models import (
    Marking,
    NationalApplication,
    NationalRecommendation,
    NationalSource,
    SourceKind,
)
from .issued import source_record_issue


def councils_in_scope(*, nation: str = "", region: Region | None = None, kind: str = ""):
    """Every council, narrowed by nation, region and kind when given."""
    councils = Organisation.objects.filter(kind__in=COUNCIL_KINDS)
    if nation:
        councils = councils.filter(region__nation=nation)
    if region is not None:
        councils = councils.filter(region=region)
    if kind:
        councils = councils.filter(kind=kind)
    return councils.order_by("name")


@transaction.atomic
def national_source_publish(
    *,
    actor: User,
    title: str,
    made_by: str,
    made_on: date,
    recommendations: Sequence[tuple[int, str, str]],
    reference: str = "",
    marking: str = Marking.OFFICIAL,
    nation: str = "",
    region: Region | None = None,
    council_kind: str = "",
) -> NationalSource:
    """Publish national recommendations, each (number, text, theme), to every
    council in scope. All or nothing."""
    if not has_action(actor, Action.PUBLISH_NATIONAL_RECOMMENDATIONS):
        raise PermissionDenied
    errors = []
    if not title.strip():
        errors.append("Enter the title of the national review or report.")
    if not made_by.strip():
        errors.append("Enter the body that made the recommendations.")
    if not recommendations:
        errors.append("Add at least one recommendation.")
    councils = list(councils_in_scope(nation=nation, region=region, kind=council_kind))
    if not councils:
        errors.append("No council matches the nation, region and kind chosen.")
    if errors:
        raise ValidationError(errors)
    national = NationalSource.objects.create(
        title=title.strip(),
        made_by=made_by.strip(),
        made_on=made_on,
        reference=reference.strip(),
        marking=marking,
        nation=nation,
        region=region,
        council_kind=council_kind,
        published_by=actor,
    )
    items = [
        NationalRecommendation.objects.create(
            national_source=national, number=n, text=text.strip(), theme=theme.strip()
        )
        for n, text, theme in recommendations
    ]
    issued_items = tuple(
        IssuedItem(key=str(i.pk), number=i.number, text=i.text, theme=i.theme) for i in items
    )
    applications = bulk_create_with_history(
        [NationalApplication(national_source=national, organisation=c) for c in councils],
        NationalApplication,
        default_user=actor,
    )
    for application in applications:
        source_record_issue(
            actor=actor,
            issued=IssuedSource(
                kind=SourceKind.NATIONAL,
                origin_id=application.pk,
                organisation_id=application.organisation_id,
                title=national.title,
                made_by=national.made_by,
                made_on=national.made_on,
                reference=national.reference,
                marking=national.marking,
                items=issued_items,
            ),
        )
    return national
