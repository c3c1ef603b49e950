"""Signing in with an organisation's own account, in a real browser, against
a real OpenID Connect provider started on 127.0.0.1 (tests/oidc/provider.mjs):
first-time linking, a later sign-in, an unverified email refused, and signing
out of both. axe checks every page of the service on the way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from assurance.accounts.models import AuditEvent, AuditKind
from assurance.accounts.tests.factories import UserFactory
from assurance.sso.models import ExternalIdentity, IdentityProvider
from tests.browser.axe import assert_no_axe_violations
from tests.oidc.fixtures import LEAD_EMAIL, running_provider

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def provider(live_server):
    with running_provider([live_server.url]) as running:
        yield running


@pytest.fixture
def council_sign_in(provider, transactional_db):
    return IdentityProvider.objects.create(
        name="Sso Council account",
        issuer=provider.issuer,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        email_domains=provider.domain,
    )


def sign_in_with_organisation(page, account: str, email: str = LEAD_EMAIL) -> None:
    page.goto("/accounts/login/")
    page.get_by_role("link", name="sign in with your organisation's account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sign in with your organisation's account"
    )
    assert_no_axe_violations(page)
    page.get_by_label("Work email address").fill(email)
    page.get_by_role("button", name="Continue").click()
    # At the provider: its own sign-in page.
    expect(page.get_by_role("heading", name="Sign in to the test provider")).to_be_visible()
    page.get_by_label("Test account").select_option(account)
    page.get_by_label("Password").fill("anything")
    page.get_by_role("button", name="Sign in to the test provider").click()


def test_first_sign_in_links_then_sign_out_ends_both_sessions(page, council_sign_in):
    lead = UserFactory(email=LEAD_EMAIL, full_name="Lee Lead")

    sign_in_with_organisation(page, "verified-lead")

    expect(page.get_by_text("Your Sso Council account account is now linked")).to_be_visible()
    assert_no_axe_violations(page)
    assert ExternalIdentity.objects.filter(user=lead).count() == 1
    assert AuditEvent.objects.filter(
        kind=AuditKind.SIGN_IN, actor=lead, summary="Signed in through Sso Council account"
    ).exists()

    page.get_by_role("button", name="Sign out").click()
    # The provider asks whether to end its session too, then sends the person back.
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.goto("/accounts/profile/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    # Signed out at the provider too: it asks again, and the link is reused.
    sign_in_with_organisation(page, "verified-lead")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Sign in")
    expect(page.get_by_text("is now linked")).to_have_count(0)
    page.goto("/accounts/profile/")
    expect(page.get_by_text(LEAD_EMAIL)).to_be_visible()
    assert ExternalIdentity.objects.count() == 1


def test_an_unverified_email_is_refused(page, council_sign_in):
    UserFactory(email=LEAD_EMAIL, full_name="Lee Lead")

    sign_in_with_organisation(page, "unverified-lead")

    expect(page.get_by_role("heading", name="Your email address is not verified")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto("/accounts/profile/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert not ExternalIdentity.objects.exists()


def test_an_email_without_an_account_is_refused(page, council_sign_in):
    sign_in_with_organisation(page, "stranger", email="stranger@sso-council.example")

    expect(page.get_by_role("heading", name="There is no account for you yet")).to_be_visible()
    assert_no_axe_violations(page)


def test_an_address_with_no_provider_gets_a_clear_error(page, council_sign_in):
    page.goto("/sso/")
    page.get_by_label("Work email address").fill("ann@nowhere.example")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("does not have its own sign-in")
    assert_no_axe_violations(page)
