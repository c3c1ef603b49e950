"""Personal API tokens: shown once, stored hashed, expiring, revocable,
read-only or read-write, and never more than the user's roles."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from assurance.accounts.models import ApiToken, Role
from assurance.accounts.services import api_token_create, api_token_revoke
from assurance.accounts.tests.factories import user_with_role
from assurance.accounts.tokens import digest
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

from .conftest import client_with_token

pytestmark = pytest.mark.django_db


def test_only_a_hash_and_the_prefix_are_kept(lead):
    row, token = api_token_create(actor=lead, name="Portal", scope="read", lifetime_days=30)
    assert token.startswith(f"pda_{row.prefix}_")
    assert row.secret_hash == digest(token)
    assert token not in str(ApiToken.objects.filter(pk=row.pk).values().get())
    assert row.history.count() == 1


def test_no_credentials_is_401_with_the_bearer_challenge(council):
    response = APIClient().get(reverse("api:sources"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("change", ["revoked", "expired", "wrong", "inactive"])
def test_a_token_that_no_longer_works_is_401(lead, change):
    row, token = api_token_create(actor=lead, name="Portal", scope="read", lifetime_days=30)
    if change == "revoked":
        api_token_revoke(actor=lead, token=row)
    elif change == "expired":
        ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    elif change == "wrong":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    else:
        lead.is_active = False
        lead.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get(reverse("api:sources")).status_code == 401


def test_a_read_only_token_reads_but_cannot_write(lead, council):
    item = RecommendationFactory(source=SourceFactory(organisation=council))
    client = client_with_token(lead, scope="read")
    assert client.get(reverse("api:recommendation", args=[item.pk])).status_code == 200
    response = client.post(
        reverse("api:progress", args=[item.pk]),
        {"entry": "Done"},
        format="json",
        HTTP_IF_MATCH=f'"recommendation-{item.pk}-v{item.version}"',
    )
    assert response.status_code == 403
    assert not item.progress.exists()


def test_a_viewer_cannot_make_a_read_write_token(council):
    viewer = user_with_role(Role.COUNCIL_VIEWER, council)
    with pytest.raises(ValidationError) as refused:
        api_token_create(actor=viewer, name="Portal", scope="read_write", lifetime_days=30)
    assert "only read" in str(refused.value)


def test_a_token_is_revoked_by_its_owner_only(lead, council):
    row, _ = api_token_create(actor=lead, name="Portal", scope="read", lifetime_days=30)
    colleague = user_with_role(Role.COUNCIL_LEAD, council)
    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=colleague, token=row)


def test_account_page_shows_the_token_once_then_only_its_prefix(client, lead):
    client.force_login(lead)
    page = client.post(
        reverse("accounts:api_tokens"),
        {"name": "Committee system", "scope": "read", "lifetime_days": "90"},
    )
    row = ApiToken.objects.get(user=lead)
    shown = page.content.decode()
    assert "will not be shown again" in shown
    assert f"pda_{row.prefix}_" in shown
    again = client.get(reverse("accounts:api_tokens")).content.decode()
    assert "Committee system" in again and f"pda_{row.prefix}_" not in again
    revoke = client.post(reverse("accounts:api_token_revoke", args=[row.pk]), follow=True)
    assert "no longer works" in revoke.content.decode()
    row.refresh_from_db()
    assert row.revoked_at is not None


def test_account_page_refuses_an_empty_name(client, lead):
    client.force_login(lead)
    page = client.post(reverse("accounts:api_tokens"), {"name": "", "scope": "read"})
    text = page.content.decode()
    assert "Enter a name that says where the token is used." in text
    assert not ApiToken.objects.exists()


def test_rate_limit_per_token(lead, council, settings):
    from rest_framework.throttling import SimpleRateThrottle

    SimpleRateThrottle.THROTTLE_RATES = {"api_token": "3/minute"}
    try:
        client = client_with_token(lead, scope="read")
        statuses = [client.get(reverse("api:sources")).status_code for _ in range(4)]
        other = client_with_token(lead, scope="read")
        assert statuses == [200, 200, 200, 429]
        assert other.get(reverse("api:sources")).status_code == 200
    finally:
        from django.conf import settings as live

        SimpleRateThrottle.THROTTLE_RATES = live.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]


def test_every_viewing_action_is_a_reading_action():
    # A new "view" action left out of READ_ACTIONS would make a read-only
    # token lose it, and a viewer look like someone who writes.
    from assurance.accounts.permissions import READ_ACTIONS, Action

    viewing = {a for a in Action if a.name.startswith("VIEW_")}
    assert viewing <= READ_ACTIONS, viewing - READ_ACTIONS
