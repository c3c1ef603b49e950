"""A lead addresses a letter's recommendation with evidence, the assessor
sends it back, the lead asks for an extension, the assessor grants it, the
lead addresses it again and the assessor verifies it. Axe on every page."""

import pytest
from playwright.sync_api import Page, expect

from assurance.accounts.models import Membership, Role
from assurance.accounts.tests.factories import PASSWORD, UserFactory, assessor_for
from assurance.organisations.tests.factories import OrganisationFactory
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory
from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def item(transactional_db):
    council = OrganisationFactory(name="Tamsworth City Council")
    lead = UserFactory(email="lead@tamsworth.example", full_name="Tam Lead")
    Membership.objects.create(user=lead, organisation=council, role=Role.COUNCIL_LEAD)
    assessor = assessor_for(council)
    source = SourceFactory(organisation=council, kind="assessment", title="Assessment 2026")
    recommendation = RecommendationFactory(
        source=source,
        number=1,
        text="Publish the partnership plan.",
        response="accepted",
        status="in_progress",
        milestone="2026-01-31",
    )
    return recommendation, lead, assessor


def _as(page: Page, login, user, url: str) -> None:
    page.context.clear_cookies()
    login(page, user.email, PASSWORD)
    page.goto(url)
    assert_no_axe_violations(page)


def test_address_send_back_extend_verify(page: Page, login, item):
    recommendation, lead, assessor = item
    url = f"/recommendations/{recommendation.pk}/"

    _as(page, login, lead, url)
    expect(page.get_by_text("Overdue", exact=True)).to_be_visible()
    page.get_by_label("What was done").fill("The plan went to the board.")
    page.get_by_label("Title of the evidence").fill("Board paper")
    page.get_by_label("Web address of the evidence (optional)").fill("https://example.org/plan")
    page.get_by_role("button", name="Mark as addressed").click()
    expect(page.get_by_text("awaits verification")).to_be_visible()
    expect(page.get_by_role("link", name="Board paper")).to_be_visible()
    assert_no_axe_violations(page)

    _as(page, login, assessor, url)
    page.get_by_label("No, send it back").check()
    page.get_by_label("Reason or note").fill("The plan is not yet published.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Sent back", exact=True)).to_be_visible()
    assert_no_axe_violations(page)

    _as(page, login, lead, url)
    page.get_by_label("New target date").fill("30/06/2099")
    page.get_by_label("Why is more time needed?").fill("The board meets in June.")
    page.get_by_role("button", name="Ask for an extension").click()
    expect(page.get_by_text("The extension has been asked for.")).to_be_visible()
    assert_no_axe_violations(page)

    _as(page, login, assessor, url)
    page.get_by_label("Grant the new date").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("extended; originally 31 Jan 2026")).to_be_visible()
    expect(page.get_by_text("Overdue", exact=True)).to_have_count(0)
    assert_no_axe_violations(page)

    _as(page, login, lead, url)
    page.get_by_label("What was done").fill("The plan is published on the website.")
    page.get_by_role("button", name="Mark as addressed").click()
    expect(page.get_by_text("awaits verification")).to_be_visible()

    _as(page, login, assessor, url)
    page.get_by_label("Yes, verify it").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("strong.govuk-tag", has_text="Verified")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_scrutiny_pack_downloads_with_its_sections(page: Page, login, item):
    from io import BytesIO

    from docx import Document

    recommendation, lead, _assessor = item
    council = recommendation.source.organisation
    _as(page, login, lead, "/recommendations/scrutiny-pack/")
    page.get_by_label("Council").select_option(str(council.pk))
    page.get_by_label("Period").fill("2025/26")
    page.get_by_role("button", name="Show the downloads").click()
    assert_no_axe_violations(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the scrutiny pack (Word)").click()
    text = "\n".join(p.text for p in Document(BytesIO(info.value.path().read_bytes())).paragraphs)
    for heading in ("Response matrix", "Tracker: overdue", "National recommendations"):
        assert heading in text
