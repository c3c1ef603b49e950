"""Identity providers kept by administrators in the admin, through the service."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.sso import services
from assurance.sso.models import IdentityProvider

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Ourshire account",
    "issuer": "https://login.example.org/ourshire/v2.0",
    "client_id": "client-1",
    "client_secret": "first-secret",
    "email_domains": "@Ourshire.gov.uk, ourshire-council.gov.uk",
    "is_active": "on",
}


@pytest.fixture
def admin_client():
    administrator = user_with_role(Role.ADMINISTRATOR)
    administrator.is_staff = True
    administrator.save()
    client = Client()
    client.force_login(administrator)
    return client, administrator


def test_a_provider_added_and_changed_in_the_admin_keeps_its_secret_out_of_history(
    admin_client,
):
    client, administrator = admin_client
    assert client.post("/admin/sso/identityprovider/add/", FORM).status_code == 302
    provider = IdentityProvider.objects.get()
    assert provider.email_domains == "ourshire-council.gov.uk, ourshire.gov.uk"
    assert provider.history.get().history_user == administrator

    page = client.get(f"/admin/sso/identityprovider/{provider.pk}/change/")
    assert "first-secret" not in page.content.decode()
    changed = {**FORM, "client_secret": "", "name": "Ourshire Council account"}
    changed["seen_version"] = str(provider.history.latest("history_id").history_id)
    response = client.post(f"/admin/sso/identityprovider/{provider.pk}/change/", changed)
    assert response.status_code == 302
    provider.refresh_from_db()
    assert (provider.name, provider.client_secret) == ("Ourshire Council account", "first-secret")
    assert not hasattr(provider.history.first(), "client_secret")


def test_only_administrators_keep_providers(council):
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    with pytest.raises(PermissionDenied):
        services.identity_provider_save(
            actor=lead,
            provider=IdentityProvider(**{k: v for k, v in FORM.items() if k != "is_active"}),
        )


def test_a_provider_needs_an_email_domain(admin_client):
    _, administrator = admin_client
    provider = IdentityProvider(name="No domains", issuer=FORM["issuer"], client_id="x")
    with pytest.raises(ValidationError, match="at least one email domain"):
        services.identity_provider_save(actor=administrator, provider=provider)
    assert not IdentityProvider.objects.exists()
