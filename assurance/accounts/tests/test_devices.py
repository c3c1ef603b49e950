"""Signed-in devices: listed, and signed out everywhere but here."""

import pytest
from django.test import Client
from django.urls import reverse

from assurance.accounts.models import SignedInSession

pytestmark = pytest.mark.django_db


def test_each_browser_is_listed_and_can_be_signed_out_from_another(lead):
    laptop, phone = Client(HTTP_USER_AGENT="Laptop browser"), Client(HTTP_USER_AGENT="Phone")
    laptop.force_login(lead)
    phone.force_login(lead)
    phone.get(reverse("core:home"))
    page = laptop.get(reverse("accounts:devices")).content.decode()
    assert "This device" in page
    assert SignedInSession.objects.filter(user=lead).count() == 2
    response = laptop.post(reverse("accounts:sign_out_everywhere"), follow=True)
    assert "Signed out of 1 other device." in response.content.decode()
    assert phone.get(reverse("core:home")).status_code == 302  # the phone must sign in again
    assert laptop.get(reverse("core:home")).status_code == 200
    assert SignedInSession.objects.filter(user=lead).count() == 1


def test_signing_out_removes_the_record(client, lead):
    client.force_login(lead)
    client.post(reverse("accounts:logout"))
    assert not SignedInSession.objects.filter(user=lead).exists()


def test_another_persons_sessions_are_untouched(client, lead, viewer):
    other = Client()
    other.force_login(viewer)
    client.force_login(lead)
    client.post(reverse("accounts:sign_out_everywhere"))
    assert other.get(reverse("core:home")).status_code == 200
