"""A council lead records a meeting, a training figure and a policy review,
sees a quality check clear, and finds the records under the right criterion
of the self-assessment; the assessor sees them while scoring. Every page
visited passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from assurance.accounts.models import Membership, Role
from assurance.accounts.tests.factories import PASSWORD, UserFactory, assessor_for
from assurance.assessments.tests.factories import (
    complete_self_assessment,
    open_assessment,
    scored_version,
    submit,
)
from assurance.delivery import models as m
from assurance.delivery import rules
from assurance.organisations.tests.factories import OrganisationFactory, RegionFactory
from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser
TODAY = timezone.localdate()


@pytest.fixture
def setting(transactional_db):
    council = OrganisationFactory(name="Wyre Valley Council", region=RegionFactory(name="Vale"))
    lead = UserFactory(email="lead@wyre.example", full_name="Wyn Lead")
    Membership.objects.create(user=lead, organisation=council, role=Role.COUNCIL_LEAD)
    assessor = assessor_for(council)
    assessor.email = "assessor@example.org"
    assessor.save()
    version = scored_version(criteria=3)
    hints = [
        {"records": ["bodies", "meetings"]},
        {"records": ["training"], "mandated_coverage": 90},
        {"records": ["policies"]},
    ]
    for criterion, hint in zip(version.criteria.order_by("number"), hints, strict=True):
        criterion.delivery = hint
        criterion.save()
    assessment = open_assessment(
        assessor=assessor, version=version, organisation=council, period=rules.period_for(TODAY)
    )
    m.GovernanceBody.objects.create(
        organisation=council,
        name="Wyre Valley Prevent Board",
        kind="strategic_board",
        chair_role="Chief Executive",
        cadence_months=6,
    )
    m.Policy.objects.create(
        organisation=council,
        kind="venue_lettings",
        title="Hall hire conditions",
        owner="Estates",
        last_reviewed_on=TODAY - timedelta(days=800),
        next_review_on=TODAY - timedelta(days=30),
    )
    return council, lead, assessor, assessment


def _save(page: Page, message: str) -> None:
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(message)).to_be_visible()
    assert_no_axe_violations(page)


def test_records_clear_a_check_and_show_under_the_criterion(page: Page, login, setting):
    council, lead, assessor, assessment = setting
    login(page, lead.email, PASSWORD)
    page.goto("/delivery/")
    expect(page.get_by_role("heading", name="Delivery dashboard", exact=False)).to_be_visible()
    expect(page.locator('[data-check="policy_past_review"]')).to_be_visible()
    expect(page.locator('[data-check="body_meeting_overdue"]')).to_be_visible()
    assert_no_axe_violations(page)

    # A meeting
    page.get_by_role("link", name="Meetings", exact=True).click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Add a meeting").click()
    page.get_by_label("Body").select_option(label="Wyre Valley Prevent Board")
    page.get_by_label("Date of the meeting").fill(TODAY.strftime("%d/%m/%Y"))
    page.get_by_label("Held", exact=True).check()
    page.get_by_label("Police", exact=True).check()
    page.get_by_label("Health", exact=True).check()
    assert_no_axe_violations(page)
    _save(page, "The meeting is saved.")

    # A training figure, first with a count above its cohort
    page.goto(f"/delivery/council/{council.pk}/training/new/")
    page.get_by_label("Cohort", exact=True).fill("All council staff")
    page.get_by_label("E-learning").check()
    page.get_by_label("Mandated").check()
    page.get_by_label("Cohort size").fill("200")
    page.get_by_label("Number trained").fill("240")
    page.get_by_label("Figures as at").fill(TODAY.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "cannot be more than the cohort size"
    )
    assert_no_axe_violations(page)
    page.get_by_label("Number trained").fill("190")
    _save(page, "The training cohort is saved.")

    # A policy review
    page.goto(f"/delivery/council/{council.pk}/policies/")
    page.get_by_role("link", name="View policy 1").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Change this policy").click()
    page.get_by_label("Last reviewed").fill(TODAY.strftime("%d/%m/%Y"))
    page.get_by_label("Next review due").fill((TODAY + timedelta(days=365)).strftime("%d/%m/%Y"))
    _save(page, "The policy is saved.")

    page.goto(f"/delivery/council/{council.pk}/")
    expect(page.get_by_text("No quality check is open.")).to_be_visible()
    assert_no_axe_violations(page)

    # The records under the right criterion of the self-assessment
    criteria = list(assessment.framework_version.criteria.order_by("number"))
    page.goto(f"/assessments/{assessment.pk}/tasks/{criteria[1].pk}/")
    panel = page.locator("section.app-delivery-panel")
    expect(panel).to_contain_text("All council staff")
    expect(panel).not_to_contain_text("Hall hire conditions")
    assert_no_axe_violations(page)
    page.goto(f"/assessments/{assessment.pk}/tasks/{criteria[2].pk}/")
    expect(page.locator("section.app-delivery-panel")).to_contain_text("Hall hire conditions")

    # The assessor sees them while scoring
    complete_self_assessment(assessment, lead)
    submit(assessment, lead)
    page.context.clear_cookies()
    login(page, assessor.email, PASSWORD)
    page.goto(f"/assessments/{assessment.pk}/scores/{criteria[0].pk}/")
    panel = page.locator("section.app-delivery-panel")
    expect(panel).to_contain_text("Wyre Valley Prevent Board")
    assert_no_axe_violations(page)
    page.goto(f"/assessments/{assessment.pk}/scores/")
    expect(
        page.get_by_role("heading", name="Quality checks on the delivery records", exact=False)
    ).to_be_visible()
    assert_no_axe_violations(page)
