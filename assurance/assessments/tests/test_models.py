"""What the database itself refuses, whatever the services do."""

import pytest
from django.db import IntegrityError, transaction

from assurance.assessments.models import Assessment, CriterionResponse

from .factories import level, open_assessment, scored_version


def test_a_level_from_another_scale_cannot_be_stored(version, council, assessor):
    assessment = open_assessment(assessor=assessor, version=version, organisation=council)
    response = assessment.responses.first()
    foreign = level(scored_version(criteria=1), 2)
    for field in ("self_level", "assessed_level", "moderated_level"):
        with pytest.raises(IntegrityError), transaction.atomic():
            CriterionResponse.objects.filter(pk=response.pk).update(**{field: foreign})
    CriterionResponse.objects.filter(pk=response.pk).update(assessed_level=level(version, 5))


def test_an_assessment_is_for_a_council_or_a_partnership_and_has_a_known_status(
    version, council, assessor
):
    assessment = open_assessment(assessor=assessor, version=version, organisation=council)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(organisation=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(status="approved")
