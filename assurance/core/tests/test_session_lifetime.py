"""Sessions end after a spell of inactivity and after a fixed lifetime."""

import pytest
from django.test import override_settings
from django.urls import reverse

from assurance.core.middleware import SessionLifetimeMiddleware as M

pytestmark = pytest.mark.django_db


def _age(client, started=0, seen=0):
    session = client.session
    now = session.get(M.SEEN)
    session[M.STARTED] = now - started
    session[M.SEEN] = now - seen
    session.save()


def test_an_active_session_carries_on(client, lead):
    client.force_login(lead)
    assert client.get(reverse("core:home")).status_code == 200
    _age(client, started=60 * 60, seen=10 * 60)
    assert client.get(reverse("core:home")).status_code == 200


@override_settings(SESSION_IDLE_TIMEOUT=30 * 60)
def test_an_idle_session_is_signed_out(client, lead):
    client.force_login(lead)
    client.get(reverse("core:home"))
    _age(client, started=31 * 60, seen=31 * 60)
    response = client.get(reverse("recommendations:register"))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert "_auth_user_id" not in client.session


@override_settings(SESSION_ABSOLUTE_LIFETIME=8 * 60 * 60)
def test_a_busy_session_still_ends_after_its_lifetime(client, lead):
    client.force_login(lead)
    client.get(reverse("core:home"))
    _age(client, started=8 * 60 * 60 + 1, seen=5)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
