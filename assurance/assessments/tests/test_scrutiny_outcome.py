"""The letter's outcome in the register's scrutiny pack."""

import pytest

from assurance.assessments import services
from assurance.assessments.scrutiny import letter_outcome

from .factories import complete_self_assessment, issue, open_assessment, score_all, submit

pytestmark = pytest.mark.django_db


def test_the_outcome_lists_each_criterion_with_its_band(
    version, council, lead, assessor, second_assessor, other_lead
):
    assessment = open_assessment(assessor=assessor, version=version, organisation=council)
    complete_self_assessment(assessment, lead)
    submit(assessment, lead)
    score_all(assessment, assessor)
    assert letter_outcome(lead, council, assessment.period) is None  # not issued yet
    services.assessment_ready_for_moderation(actor=assessor, assessment=assessment)
    services.moderation_agree(actor=second_assessor, assessment=assessment)
    issue(assessment, assessor)
    section = letter_outcome(lead, council, assessment.period)
    assert section.title == "The letter's outcome"
    assert len(section.rows) == version.criteria.count()
    assert letter_outcome(other_lead, council, assessment.period) is None
