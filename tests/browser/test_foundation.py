"""Signing in as each kind of user and finding what their role allows, in a
real browser, with an accessibility check on every page visited."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from assurance.accounts.demo import DEMO_PASSWORD
from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def visit(page, path: str) -> None:
    page.goto(path)
    assert_no_axe_violations(page)


def test_sign_in_page_and_public_pages_are_accessible(page, demo):
    visit(page, "/accounts/login/")
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
    expect(page.get_by_text("OFFICIAL").first).to_be_visible()
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    assert_no_axe_violations(page)
    visit(page, "/accessibility/")
    visit(page, "/privacy/")
    visit(page, "/accounts/password/reset/")


def test_council_lead_sees_own_council_and_its_history(page, login, demo):
    login(page, "lead@ashdown.example", DEMO_PASSWORD)
    assert_no_axe_violations(page)
    expect(page.get_by_role("heading", name="Your councils")).to_be_visible()
    expect(page.get_by_role("link", name="Ashdown County Council", exact=True)).to_be_visible()
    expect(page.get_by_text("London Borough of Eastwick")).to_have_count(0)
    page.get_by_role("link", name="Ashdown County Council", exact=True).click()
    assert_no_axe_violations(page)
    expect(page.get_by_role("heading", name="Ashdown County Council")).to_be_visible()
    page.get_by_role("link", name="History of changes").click()
    assert_no_axe_violations(page)
    expect(page.get_by_text("Created on")).to_be_visible()
    visit(page, "/accounts/profile/")
    expect(page.get_by_text("Council lead")).to_be_visible()
    visit(page, "/accounts/password/change/")


def test_lead_adds_a_colleague_with_error_then_success(page, login, demo):
    login(page, "lead@ashdown.example", DEMO_PASSWORD)
    page.get_by_role("link", name="Ashdown County Council", exact=True).click()
    page.get_by_role("link", name="People at Ashdown County Council").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Invite colleague").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Full name").fill("Jo Newcomer")
    page.get_by_label("Email address").fill("jo@ashdown.example")
    page.get_by_label("Council viewer").check()
    page.get_by_role("button", name="Invite colleague").click()
    expect(page.get_by_text("Jo Newcomer has been invited.")).to_be_visible()
    expect(page.get_by_role("cell", name="jo@ashdown.example")).to_be_visible()
    assert_no_axe_violations(page)


def test_another_councils_page_is_not_found_for_a_lead(page, login, demo):
    login(page, "lead@eastwick.example", DEMO_PASSWORD)
    page.goto("/organisations/")
    expect(page.get_by_role("link", name="Ashdown County Council", exact=True)).to_have_count(0)
    page.goto("/organisations/1/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    ("email", "heading"),
    [
        ("assessor@homeoffice.example", "Councils you assess"),
        ("analyst@homeoffice.example", "All organisations"),
        ("admin@service.example", "All organisations"),
    ],
)
def test_each_oversight_role_lands_on_a_home_page_for_its_work(page, login, demo, email, heading):
    login(page, email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert_no_axe_violations(page)
    visit(page, "/organisations/")


def test_peer_reviewer_is_told_what_they_cannot_see(page, login, demo):
    login(page, "reviewer@tamsworth.example", DEMO_PASSWORD)
    assert_no_axe_violations(page)
    page.goto("/organisations/")
    expect(page.get_by_role("heading", name="You do not have permission")).to_be_visible()
    assert_no_axe_violations(page)
