"""Signing in, locking out after repeated failures, and resetting a password."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from assurance.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _sign_in(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


def test_sign_in_with_email_in_any_case_lands_on_home(client):
    user = UserFactory(email="amrit@council.example")
    response = _sign_in(client, "Amrit@Council.example", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").context["user"] == user


def test_wrong_password_shows_a_plain_message_and_the_error_summary(client):
    UserFactory(email="amrit@council.example")
    response = _sign_in(client, "amrit@council.example", "wrong-password")
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter a correct email address and password" in body


def test_five_failures_lock_the_account_for_fifteen_minutes(client):
    UserFactory(email="amrit@council.example")
    for _ in range(5):
        _sign_in(client, "amrit@council.example", "wrong-password")
    response = _sign_in(client, "amrit@council.example", PASSWORD)
    assert response.status_code == 429
    assert "cannot try again for 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_for_another_account_do_not_lock_this_one(client):
    UserFactory(email="amrit@council.example")
    UserFactory(email="bea@council.example")
    for _ in range(5):
        _sign_in(client, "bea@council.example", "wrong-password")
    assert _sign_in(client, "amrit@council.example", PASSWORD).status_code == 302


def test_sign_out_needs_a_post_and_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_password_reset_by_email_sets_a_new_password(client):
    UserFactory(email="amrit@council.example")
    client.post(reverse("accounts:password_reset"), {"email": "amrit@council.example"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert "Set a new password" in form_page.content.decode()
    new = "a-brand-new-long-passphrase"
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert _sign_in(client, "amrit@council.example", new).status_code == 302


def test_password_reset_for_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@nowhere.example"}, follow=True
    )
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


def test_change_password_rejects_a_short_one_with_a_message(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert "This password is too short" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
