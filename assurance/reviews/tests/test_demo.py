"""The demo: a completed Scottish review with its report issued and its
improvements in the host's register, a Home Office review at the on-site
stage, and the demo peer reviewer landing on the reviews they are on."""

from django.test import Client

from assurance.accounts import demo as accounts_demo
from assurance.accounts.models import User
from assurance.frameworks.loader import load_shipped
from assurance.organisations import demo as organisations_demo
from assurance.reviews import demo
from assurance.reviews.models import Review
from assurance.reviews.rules import ReviewStatus, StageKind, StageStatus
from assurance.reviews.selectors import findings_of


def test_demo_reviews(db):
    load_shipped()
    organisations_demo.seed()
    accounts_demo.seed()
    demo.seed()
    demo.seed()  # idempotent
    scottish, home_office = (
        Review.objects.get(review_type="scottish_peer_review"),
        Review.objects.get(review_type="home_office_peer_review"),
    )
    assert scottish.status == ReviewStatus.REPORT_ISSUED and scottish.reports.count() == 1
    improvements = [f for f in findings_of(scottish) if f.is_improvement]
    assert len(improvements) == 3
    assert all(f.entry.response != "pending" for f in improvements)
    on_site = home_office.stages.get(kind=StageKind.ON_SITE)
    assert on_site.status == StageStatus.IN_PROGRESS
    client = Client()
    client.force_login(User.objects.get(email="reviewer@tamsworth.example"))
    home = client.get("/").content.decode()
    assert scottish.title in home and home_office.title in home
    assert "You do not have a role" not in home
