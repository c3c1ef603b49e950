"""The Django admin writes roles and the directory through the services."""

import pytest
from django.test import Client

from assurance.accounts.models import Membership, Role
from assurance.accounts.tests.factories import UserFactory, user_with_role
from assurance.organisations.models import Partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    administrator = user_with_role(Role.ADMINISTRATOR)
    administrator.is_staff = True
    administrator.save()
    client = Client()
    client.force_login(administrator)
    return client, administrator


def test_a_membership_added_in_the_admin_goes_through_the_service(admin_client, council):
    client, administrator = admin_client
    person = UserFactory()
    response = client.post(
        "/admin/accounts/membership/add/",
        {"user": person.pk, "organisation": council.pk, "role": Role.COUNCIL_VIEWER},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=person)
    assert membership.history.get().history_user == administrator


def test_a_partnership_saved_in_the_admin_sets_its_members(admin_client, council):
    client, administrator = admin_client
    response = client.post(
        "/admin/organisations/partnership/add/", {"name": "Joint", "members": [council.pk]}
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get(name="Joint")
    assert list(partnership.members.all()) == [council]
    assert {h.history_user for h in partnership.history.all()} == {administrator}
