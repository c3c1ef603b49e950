"""The overdue rule in Python and in the database say the same thing, for
every combination that matters: a broken condition in either fails here."""

from datetime import date, timedelta
from itertools import product

import pytest

from assurance.recommendations import rules
from assurance.recommendations.models import Recommendation
from assurance.recommendations.selectors import overdue_q
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)
DATES = [None, TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=1)]


def test_database_and_python_agree_on_overdue():
    source = SourceFactory()
    cases = list(
        product(DATES, DATES, [rules.IN_PROGRESS, rules.COMPLETED], [rules.ACCEPTED, "rejected"])
    )
    for number, (milestone, revised, status, response) in enumerate(cases, start=1):
        RecommendationFactory(
            source=source,
            number=number,
            milestone=milestone,
            revised_milestone=revised,
            status=status,
            response=response,
            reason="Not for us" if response == "rejected" else "",
        )
    in_db = {
        int(n)
        for n in Recommendation.objects.filter(overdue_q(TODAY)).values_list("number", flat=True)
    }
    in_python = {
        n
        for n, (milestone, revised, status, response) in enumerate(cases, start=1)
        if rules.is_overdue(rules.date_in_force(milestone, revised), status, TODAY, response)
    }
    assert in_db == in_python
    assert in_python  # the table does hold overdue cases
