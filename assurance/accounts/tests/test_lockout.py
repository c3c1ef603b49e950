"""Lockout behind a proxy: counted per account and real client address, so a
third party cannot lock an account's owner out; a password reset lifts it."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from assurance.accounts.client_address import client_address
from assurance.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
PROXY = "10.0.0.1"


def _sign_in(client, password, forwarded_for=None):
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded_for:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(LOGIN, {"username": "amrit@council.example", "password": password}, **extra)


@override_settings(CLIENT_ADDRESS_HEADER="X-Forwarded-For")
def test_behind_the_proxy_an_attacker_cannot_lock_the_owner_out(client):
    UserFactory(email="amrit@council.example")
    for _ in range(6):
        _sign_in(client, "wrong", forwarded_for="203.0.113.5")
    assert _sign_in(client, "wrong", forwarded_for="203.0.113.5").status_code == 429
    owner = _sign_in(client.__class__(), PASSWORD, forwarded_for="198.51.100.7")
    assert owner.status_code == 302


@override_settings(CLIENT_ADDRESS_HEADER="X-Forwarded-For")
def test_a_forged_leftmost_entry_does_not_change_the_address(client):
    UserFactory(email="amrit@council.example")
    for n in range(5):
        _sign_in(client, "wrong", forwarded_for=f"192.0.2.{n}, 203.0.113.5")
    assert _sign_in(client, PASSWORD, forwarded_for="192.0.2.99, 203.0.113.5").status_code == 429


def test_without_a_configured_header_the_header_is_ignored(client):
    UserFactory(email="amrit@council.example")
    for n in range(5):
        _sign_in(client, "wrong", forwarded_for=f"192.0.2.{n}")
    assert _sign_in(client, PASSWORD, forwarded_for="192.0.2.99").status_code == 429


@override_settings(
    CLIENT_ADDRESS_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=2, TRUSTED_PROXY_ADDRESSES=[PROXY]
)
def test_client_address_with_two_proxies_and_a_trusted_list(rf):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7, 10.0.0.2", REMOTE_ADDR=PROXY)
    assert client_address(request) == "198.51.100.7"
    request = rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.2", REMOTE_ADDR="10.9.9.9")
    assert client_address(request) == "10.9.9.9"
    request = rf.get("/", HTTP_X_FORWARDED_FOR="not-an-address, x", REMOTE_ADDR=PROXY)
    assert client_address(request) == PROXY


def test_password_reset_lifts_the_lock_at_once(client):
    UserFactory(email="amrit@council.example")
    for _ in range(5):
        _sign_in(client, "wrong")
    assert _sign_in(client, PASSWORD).status_code == 429
    client.post(reverse("accounts:password_reset"), {"email": "amrit@council.example"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    new = "a-brand-new-long-passphrase"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert _sign_in(client, new).status_code == 302
