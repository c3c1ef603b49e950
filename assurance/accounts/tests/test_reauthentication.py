"""Issuing, reopening and granting roles need a recent sign-in."""

import pytest
from django.test import override_settings
from django.urls import reverse

from assurance.accounts.models import Invitation
from assurance.accounts.reauthentication import AUTHENTICATED_AT
from assurance.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _age(client, seconds):
    session = client.session
    session[AUTHENTICATED_AT] -= seconds
    session.save()


@override_settings(REAUTHENTICATE_AFTER=15 * 60)
def test_inviting_after_a_long_while_asks_for_the_password_then_carries_on(client, lead, council):
    client.force_login(lead)  # signing in counts as proving the password
    people = reverse("accounts:people", args=[council.pk])
    data = {"full_name": "Jo", "email": "jo@council.example", "role": "council_viewer"}
    _age(client, 16 * 60)
    assert client.get(people).status_code == 200  # reading needs no new proof
    response = client.post(people, data)
    assert response.status_code == 302 and reverse("accounts:confirm_password") in response.url
    assert not Invitation.objects.exists()
    confirm = client.get(response.url)
    assert confirm.status_code == 200
    wrong = client.post(response.url, {"password": "wrong", "next": people})
    assert "The password is not right" in wrong.content.decode()
    right = client.post(response.url, {"password": PASSWORD, "next": people})
    assert right.status_code == 302 and right.url == people
    assert client.post(people, data).status_code == 302
    assert Invitation.objects.filter(email="jo@council.example").exists()


def test_a_fresh_sign_in_needs_no_second_proof(client, lead, council):
    client.force_login(lead)
    people = reverse("accounts:people", args=[council.pk])
    data = {"full_name": "Jo", "email": "jo@council.example", "role": "council_viewer"}
    assert client.post(people, data).url == people


def test_confirm_password_never_sends_elsewhere(client, lead):
    client.force_login(lead)
    url = reverse("accounts:confirm_password")
    response = client.post(url, {"password": PASSWORD, "next": "https://evil.example/"})
    assert response.url == "/"
