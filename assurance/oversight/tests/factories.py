"""Issued assessments made directly (not through the services), so that
tests can build a region or a nation of them quickly. The levels are real
rows of the version's scale, as the services would store them."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from assurance.assessments.models import Assessment, CriterionResponse
from assurance.assessments.rules import Status
from assurance.frameworks.models import RatingLevel


def issue(
    organisation,
    version,
    period: str,
    assessor,
    levels: list[int | None],
    *,
    self_levels: list[int | None] | None = None,
    moderated: list[int | None] | None = None,
    partnership=None,
) -> Assessment:
    scale = {lv.value: lv for lv in RatingLevel.objects.filter(framework_version=version)}
    assessment = Assessment.objects.create(
        organisation=None if partnership else organisation,
        partnership=partnership,
        framework_version=version,
        period=period,
        due_date=date(2022, 4, 30),
        assessor=assessor,
        status=Status.ISSUED,
        issued_by=assessor,
        issued_at=timezone.now(),
    )
    criteria = list(version.criteria.order_by("number"))
    CriterionResponse.objects.bulk_create(
        CriterionResponse(
            assessment=assessment,
            criterion=criterion,
            self_level=scale.get((self_levels or levels)[i]),
            assessed_level=scale.get(levels[i]),
            moderated_level=scale.get(moderated[i]) if moderated else None,
        )
        for i, criterion in enumerate(criteria)
    )
    return assessment
