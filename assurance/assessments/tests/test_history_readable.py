"""An assessment's history reads as a person reads it: names, labels, UK dates."""

import pytest

from assurance.core.selectors import record_history

from .factories import complete_self_assessment, open_assessment, submit

pytestmark = pytest.mark.django_db


def test_history_shows_names_labels_and_uk_dates(council, lead, assessor, version):
    assessment = open_assessment(assessor=assessor, version=version, organisation=council)
    complete_self_assessment(assessment, lead)
    submit(assessment, lead)
    _, entries = record_history(lead, "assessments.assessment", assessment.pk)
    changes = {c.field: c for entry in entries for c in entry.changes}
    assert changes["Status"].old == "Self-assessment in progress"
    assert changes["Status"].new == "Self-assessment submitted"
    assert changes["Submitted by"].new == lead.full_name
    when = changes["Submitted at"].new
    assert when[0].isdigit() and "20" in when and "-" not in when  # "22 November 2026, 10:00"
    response = assessment.responses.order_by("criterion__number").first()
    _, entries = record_history(lead, "assessments.criterionresponse", response.pk)
    changes = {c.field: c for entry in entries for c in entry.changes}
    assert changes["Self level"].new == "3" and changes["Task status"].new == "Completed"
    assert "Self assessed by" in changes and changes["Self assessed by"].new == lead.full_name
