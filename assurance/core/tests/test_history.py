"""Changes made through the service are in the history, with who made them."""

import pytest

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.organisations.models import Organisation
from assurance.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_admin_edit_shows_on_the_history_page_with_who_and_what(client):
    council = OrganisationFactory(name="Testshire Council", is_priority_area=False)
    admin = user_with_role(Role.ADMINISTRATOR)
    admin.full_name = "Ivo Admin"
    admin.save()
    client.force_login(admin)
    response = client.post(
        f"/admin/organisations/organisation/{council.pk}/change/",
        {
            "name": "Testshire Council",
            "kind": "unitary",
            "region": council.region_id,
            "gss_code": "",
            "is_priority_area": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(f"/history/organisations.organisation/{council.pk}/").content.decode()
    assert "Changed on" in page and "by Ivo Admin" in page
    assert "Prevent priority area" in page


def test_history_of_another_councils_record_is_not_found(client):
    own, other = OrganisationFactory(), OrganisationFactory()
    client.force_login(user_with_role(Role.COUNCIL_LEAD, own))
    assert client.get(f"/history/organisations.organisation/{own.pk}/").status_code == 200
    assert client.get(f"/history/organisations.organisation/{other.pk}/").status_code == 404


def test_history_of_an_unknown_kind_of_record_is_not_found(client):
    client.force_login(user_with_role(Role.NATIONAL_ANALYST))
    assert client.get("/history/accounts.user/1/").status_code == 404


def test_every_domain_model_keeps_history():
    from django.apps import apps

    domain = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("assurance.")
        and not m.__name__.startswith("Historical")
        and not m._meta.auto_created
        # Infrastructure records (not domain data) say why they keep no history.
        and not getattr(m, "NO_HISTORY_REASON", "")
    ]
    missing = [m.__name__ for m in domain if not hasattr(m, "history")]
    assert domain and not missing, f"models without history: {missing}"
    assert Organisation in domain
