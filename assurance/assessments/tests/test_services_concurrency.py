"""Two people saving the summary or a recommendation at once: the second is
refused, nothing is wiped, and the message says who saved."""

import pytest
from django.core.exceptions import ValidationError

from assurance.accounts.tests.factories import assessor_for
from assurance.assessments import services

from .factories import complete_self_assessment, open_assessment, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoring(council, lead, assessor, version):
    assessment = open_assessment(assessor=assessor, version=version, organisation=council)
    complete_self_assessment(assessment, lead)
    submit(assessment, lead)
    return assessment


def test_a_stale_summary_save_is_refused_and_keeps_the_first(scoring, assessor, council):
    colleague = assessor_for(council)
    opened_at = scoring.version
    services.assessment_summary_save(
        actor=assessor, assessment=scoring, summary="First.", expected_version=opened_at
    )
    with pytest.raises(ValidationError, match=assessor.full_name) as refused:
        services.assessment_summary_save(
            actor=colleague, assessment=scoring, summary="Second.", expected_version=opened_at
        )
    assert refused.value.current.summary == "First."
    scoring.refresh_from_db()
    assert scoring.summary == "First."


def test_a_stale_recommendation_edit_is_refused(scoring, assessor, council):
    colleague = assessor_for(council)
    rec = services.recommendation_add(actor=assessor, assessment=scoring, text="Write a plan.")
    services.recommendation_update(
        actor=assessor, recommendation=rec, expected_version=1, text="Write and test a plan."
    )
    with pytest.raises(ValidationError, match="recommendation 1"):
        services.recommendation_update(
            actor=colleague, recommendation=rec, expected_version=1, text="Something else."
        )
    rec.refresh_from_db()
    assert rec.text == "Write and test a plan." and rec.version == 2


def test_the_summary_page_saves_both_or_neither(scoring, assessor):
    with pytest.raises(ValidationError):
        services.assessment_summary_page_save(
            actor=assessor,
            assessment=scoring,
            summary="A summary.",
            summary_version=scoring.version + 5,
            recommendation="A recommendation.",
        )
    assert not scoring.recommendations.exists()
    done = services.assessment_summary_page_save(
        actor=assessor,
        assessment=scoring,
        summary="A summary.",
        summary_version=scoring.version,
        recommendation="A recommendation.",
    )
    assert done == "Summary saved. Recommendation 1 added."
