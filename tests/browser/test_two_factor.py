"""Two-factor authentication in a real browser: an analyst sets up an
authenticator app on first sign-in (QR code, key as text, a code, recovery
codes), then signs in again with a code. axe checks every page on the way."""

import base64
import re

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import PASSWORD, user_with_role
from assurance.accounts.tests.two_factor_support import current_code
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import enter_two_factor_code

pytestmark = pytest.mark.browser


def _password_step(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def test_setting_up_an_app_then_signing_in_with_a_code(page):
    analyst = user_with_role(Role.NATIONAL_ANALYST)
    _password_step(page, analyst.email)

    # Nothing else until two-factor authentication is set up.
    expect(page.get_by_role("heading", name="Set up an authenticator app")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto("/organisations/")
    expect(page.get_by_role("heading", name="Set up an authenticator app")).to_be_visible()

    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    page.get_by_text("I cannot scan the QR code").click()
    key = page.locator("#secret-key").inner_text().replace(" ", "")
    assert_no_axe_violations(page)

    page.get_by_label("Enter the 6-digit code the app shows").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("That code is not right")
    assert_no_axe_violations(page)

    code = f"{TOTP(base64.b32decode(key)).token():06d}"
    page.get_by_label("Enter the 6-digit code the app shows").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Two-factor authentication is set up")).to_be_visible()
    expect(page.locator(".pda-recovery-codes li")).to_have_count(10)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="I have saved my recovery codes").click()
    # On to the page they were trying to reach.
    expect(page.get_by_role("heading", name="Organisations", exact=True)).to_be_visible()

    # Signing in again asks for a code after the password.
    page.get_by_role("button", name="Sign out").first.click()
    _password_step(page, analyst.email)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("That code is not right")
    assert_no_axe_violations(page)
    page.wait_for_timeout(1100)  # django-otp waits a second after a wrong code
    enter_two_factor_code(page, current_code(analyst.totpdevice_set.get()))
    expect(page.get_by_role("heading", name="All organisations")).to_be_visible()

    page.goto("/accounts/two-factor/")
    expect(page.get_by_role("heading", name="Two-factor authentication")).to_be_visible()
    assert_no_axe_violations(page)
