"""Signing in through a real OpenID Connect provider (tests/oidc/provider.mjs,
started on 127.0.0.1), with Django's test client on our side and `requests`
playing the person's browser at the provider."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY

from assurance.accounts.models import AuditEvent, AuditKind, Membership, User
from assurance.accounts.tests.factories import UserFactory
from assurance.sso.models import ExternalIdentity, IdentityProvider
from tests.oidc.fixtures import LEAD_EMAIL, provider_settings

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-1"


@pytest.fixture
def lead(db):
    return UserFactory(email=LEAD_EMAIL, full_name="Lee Lead", password=PASSWORD)


@pytest.fixture
def configured(oidc_provider, settings):
    """The provider configured by an operator, in settings."""
    settings.OIDC_PROVIDERS = [provider_settings(oidc_provider)]
    return oidc_provider


def at_provider(response, account: str) -> str:
    """Follow the provider's redirects as a browser would, sign in as the
    test account on its page, and return where it sends the person back."""
    browser = requests.Session()
    url = response["Location"]
    for _ in range(10):
        if url.startswith("http://testserver"):
            return url
        answer = browser.get(url, allow_redirects=False, timeout=10)
        if answer.status_code == 200 and "/interaction/" in url:
            answer = browser.post(
                url, data={"account": account, "password": "x"}, allow_redirects=False, timeout=10
            )
        assert answer.status_code in (302, 303), answer.text[:500]
        url = requests.compat.urljoin(url, answer.headers["Location"])
    raise AssertionError("the provider never sent the person back")


def sign_in_as(client, account: str, email: str = LEAD_EMAIL):
    started = client.post("/sso/", {"email": email})
    assert started.status_code == 302, started.content.decode()[:2000]
    back = urlsplit(at_provider(started, account))
    return client.get(f"{back.path}?{back.query}")


def test_first_sign_in_links_the_account_with_the_verified_email(client, configured, lead):
    response = sign_in_as(client, "verified-lead")

    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(lead.pk)
    identity = ExternalIdentity.objects.get()
    assert (identity.user, identity.issuer, identity.subject) == (
        lead,
        configured.issuer,
        "verified-lead",
    )
    home = client.get("/")
    assert "is now linked to this service" in home.content.decode()
    # The provider's authentication methods reach the session (the second factor uses them).
    assert client.session["sso_amr"] == ["pwd", "mfa"]
    event = AuditEvent.objects.get(kind=AuditKind.SIGN_IN)
    assert event.actor == lead and event.summary == "Signed in through Test council sign-in"


def test_a_later_sign_in_uses_the_link(client, configured, lead):
    sign_in_as(client, "verified-lead")
    client.logout()

    response = sign_in_as(client, "verified-lead")

    assert client.session[SESSION_KEY] == str(lead.pk)
    assert ExternalIdentity.objects.count() == 1
    assert "is now linked" not in client.get(response["Location"]).content.decode()


def test_an_unverified_email_is_refused(client, configured, lead):
    response = sign_in_as(client, "unverified-lead")

    assert response.status_code == 403
    assert "Your email address is not verified" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert not ExternalIdentity.objects.exists()
    failed = AuditEvent.objects.get(kind=AuditKind.SIGN_IN_FAILED)
    assert failed.email == LEAD_EMAIL and "not verified" not in failed.summary
    assert "unverified" in failed.summary


def test_an_unknown_email_is_refused_and_no_account_or_role_is_made(client, configured, lead):
    users, roles = User.objects.count(), Membership.objects.count()

    response = sign_in_as(client, "stranger", email=f"stranger@{configured.domain}")

    assert response.status_code == 403
    assert "There is no account for you yet" in response.content.decode()
    assert (User.objects.count(), Membership.objects.count()) == (users, roles)
    assert SESSION_KEY not in client.session


def test_a_provider_cannot_vouch_for_another_domain(client, configured, lead):
    UserFactory(email="someone@elsewhere.example")

    response = sign_in_as(client, "outsider")

    assert response.status_code == 403
    assert "does not vouch for" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_provider_from_the_admin_works_too(client, oidc_provider, lead):
    IdentityProvider.objects.create(
        name="Council from the admin",
        issuer=oidc_provider.issuer,
        client_id=oidc_provider.client_id,
        client_secret=oidc_provider.client_secret,
        email_domains=oidc_provider.domain,
    )

    sign_in_as(client, "verified-lead")

    assert client.session[SESSION_KEY] == str(lead.pk)
    assert AuditEvent.objects.filter(summary="Signed in through Council from the admin").exists()


def test_sign_out_ends_the_session_and_goes_to_the_providers_sign_out(client, configured, lead):
    sign_in_as(client, "verified-lead")

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    end = urlsplit(response["Location"])
    assert f"{end.scheme}://{end.netloc}" == configured.issuer and end.path == "/session/end"
    assert "id_token_hint=" in end.query
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Faccounts%2Flogin%2F" in end.query
    assert SESSION_KEY not in client.session
    assert client.get("/accounts/profile/").status_code == 302
    # The provider accepts the request (a bad hint or return address is an error page)
    # and goes on to end its own session.
    asked = requests.get(response["Location"], timeout=10)
    assert asked.status_code == 200 and "/session/end/confirm" in asked.text, asked.text


def test_an_email_with_no_provider_is_told_to_use_the_password(client, configured):
    response = client.post("/sso/", {"email": "ann@no-provider.example"})

    assert response.status_code == 200
    assert "does not have its own sign-in here yet" in response.content.decode()


def test_a_provider_that_cannot_be_reached_is_said_plainly(client, settings, lead):
    settings.OIDC_PROVIDERS = [
        {
            "key": "down",
            "name": "Down council",
            "issuer": "http://127.0.0.1:9",
            "client_id": "x",
            "email_domains": ["sso-council.example"],
        }
    ]

    response = client.post("/sso/", {"email": LEAD_EMAIL})

    assert response.status_code == 200
    assert "Down council could not be reached" in response.content.decode()


def test_a_callback_this_browser_did_not_start_is_refused(client, configured):
    response = client.get("/sso/callback/?code=abc&state=forged")

    assert response.status_code == 400
    assert "Start again" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_forged_state_is_refused(client, configured, lead):
    started = client.post("/sso/", {"email": LEAD_EMAIL})
    assert started.status_code == 302

    response = client.get("/sso/callback/?code=abc&state=forged")

    assert response.status_code == 400
    assert SESSION_KEY not in client.session
