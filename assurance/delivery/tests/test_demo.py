import pytest
from django.utils import timezone

from assurance.accounts import demo as accounts_demo
from assurance.delivery import demo, rules, selectors
from assurance.delivery.models import GovernanceBody
from assurance.frameworks.loader import load_shipped
from assurance.organisations import demo as organisations_demo
from assurance.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_gives_one_council_in_order_and_one_with_gaps():
    load_shipped()
    organisations_demo.seed()
    accounts_demo.seed()
    demo.seed()
    demo.seed()
    assert GovernanceBody.objects.count() == 5
    today = timezone.localdate()
    period = rules.period_for(today)
    analyst = accounts_demo.User.objects.get(email="analyst@homeoffice.example")
    full = Organisation.objects.get(name="Ashdown County Council")
    gaps = Organisation.objects.get(name="London Borough of Eastwick")
    board = selectors.dashboard(analyst, full, period, today)
    assert board.findings == []
    assert board.training and board.referrals.recorded
    codes = {f.code for f in selectors.dashboard(analyst, gaps, period, today).findings}
    assert {
        "body_meeting_overdue",
        "plan_review_overdue",
        "terms_not_reviewed",
        "assurance_statement_missing",
        "policy_past_review",
        "policy_without_review_date",
        "mandated_cohort_below_threshold",
        "action_overdue_without_update",
    } <= codes
