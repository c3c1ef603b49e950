"""A council lead responds to a scrutiny review, records progress, is refused
closure while an item is open (and told why), completes it and closes the
review. Every page visited passes axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from assurance.accounts.models import Membership, Role
from assurance.accounts.tests.factories import PASSWORD, UserFactory
from assurance.organisations.tests.factories import OrganisationFactory
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory
from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def review(transactional_db):
    council = OrganisationFactory(name="Tamsworth City Council")
    lead = UserFactory(email="lead@tamsworth.example", full_name="Tam Lead")
    Membership.objects.create(user=lead, organisation=council, role=Role.COUNCIL_LEAD)
    source = SourceFactory(organisation=council, title="Prevent scrutiny review 2026")
    texts = [
        "Brief every councillor on the Prevent duty each year.",
        "Start Prevent projects in every primary school.",
        "Report progress on schools work to the panel at the year end.",
    ]
    for number, text in enumerate(texts, start=1):
        RecommendationFactory(source=source, number=number, text=text)
    return source, lead


def _add_progress(page: Page, number: int, entry: str, status: str) -> None:
    """From the source page: open a recommendation, add progress, come back."""
    page.get_by_role("link", name=re.compile(rf"^{_TEXTS[number]}")).click()
    assert_no_axe_violations(page)
    page.get_by_label("Progress", exact=True).fill(entry)
    page.get_by_label(status, exact=True).check()
    page.get_by_role("button", name="Add progress").click()
    expect(page.get_by_text("The progress has been recorded.")).to_be_visible()
    expect(page.get_by_text(entry)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Back to Prevent scrutiny review 2026").click()


_TEXTS = {
    1: "Brief every councillor",
    2: "Start Prevent projects",
    3: "Report progress on schools",
}


def test_respond_progress_refused_close_then_close(page: Page, login, review):
    source, lead = review
    login(page, lead.email, PASSWORD)

    page.goto("/recommendations/")
    expect(page.get_by_role("heading", name="Recommendations register")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(f"/recommendations/sources/{source.pk}/")
    assert_no_axe_violations(page)

    # Respond to the whole source at once.
    page.get_by_role("link", name="Respond to all recommendations").click()
    assert_no_axe_violations(page)
    for number in (1, 2, 3):
        page.get_by_label(f"Lead for recommendation {number}").fill("Head of Community Safety")
        page.get_by_label(f"Milestone for recommendation {number}").fill("31/03/2027")
        page.get_by_label(f"Response to recommendation {number}").select_option("accepted")
    page.get_by_label("Response to recommendation 2").select_option("rejected")
    page.get_by_role("button", name="Save responses").click()
    # A rejection without a reason is refused, with the problem summarised.
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Give a reason why recommendation 2 is rejected."
    )
    assert_no_axe_violations(page)
    page.get_by_label("Reason for recommendation 2").fill(
        "Cohesion work suits primary pupils better; staff are trained through safeguarding."
    )
    page.get_by_role("button", name="Save responses").click()
    expect(page.get_by_text("The responses on this page have been saved.")).to_be_visible()
    assert_no_axe_violations(page)

    # Progress on recommendation 1; recommendation 3 not started yet.
    _add_progress(page, 1, "Briefings booked for June and July.", "In progress")

    # Closing is refused, and the page says what blocks it.
    page.get_by_label("Closing statement").fill("The panel agreed every recommendation is done.")
    page.get_by_role("button", name="Close source").click()
    expect(page).to_have_title(re.compile("^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Recommendation 1 is in progress.")
    expect(summary).to_contain_text("Recommendation 3 has not been started.")
    expect(page.locator("#closure-blockers")).to_contain_text("Recommendation 1 is in progress")
    assert_no_axe_violations(page)

    # Complete the open items, then close.
    _add_progress(page, 1, "All councillors briefed.", "Completed")
    _add_progress(page, 3, "Report presented to the panel in March.", "Completed")
    expect(
        page.get_by_text("Every recommendation is completed, superseded, or rejected")
    ).to_be_visible()
    page.get_by_label("Closing statement").fill("The panel agreed every recommendation is done.")
    page.get_by_role("button", name="Close source").click()
    expect(page.get_by_text("has been closed.")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text(
        "The panel agreed every recommendation is done."
    )
    expect(page.get_by_role("button", name="Reopen source")).to_be_visible()
    assert_no_axe_violations(page)
