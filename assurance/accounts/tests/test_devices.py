"""Signed-in devices: listed, and signed out everywhere but here."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

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


def test_many_browsers_are_listed_a_page_at_a_time_newest_first(client, lead):
    client.force_login(lead)
    client.get(reverse("accounts:devices"))  # this browser, seen now
    later = timezone.now() + timedelta(days=14)
    for number in range(30):
        key = f"older-browser-{number:02d}"
        Session.objects.create(session_key=key, session_data="", expire_date=later)
        SignedInSession.objects.create(
            user=lead,
            session_key=key,
            user_agent=f"Older browser {number:02d}",
            last_seen_at=timezone.now() - timedelta(hours=number + 1),
        )
    first = client.get(reverse("accounts:devices")).content.decode()
    assert "You are signed in on 31 browsers" in first
    assert first.count('<tr class="govuk-table__row"><td') == 25
    assert "This device" in first and "Older browser 00" in first
    assert "Older browser 29" not in first and 'rel="next"' in first
    second = client.get(reverse("accounts:devices") + "?page=2").content.decode()
    assert "Older browser 29" in second and "This device" not in second
