"""Two administrators editing the same record in the admin: the later save is
refused with a message instead of silently wiping the earlier one."""

import re

import pytest
from django.test import Client

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.organisations.models import Organisation
from assurance.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _form(client, url) -> dict:
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    return {k: v for k, v in data.items() if not isinstance(v, list | tuple)}


def test_the_later_of_two_saves_is_refused_in_the_admin():
    organisation = OrganisationFactory(name="Ourshire Council")
    url = f"/admin/organisations/organisation/{organisation.pk}/change/"
    first, second = Client(), Client()
    first.force_login(user_with_role(Role.ADMINISTRATOR))
    second.force_login(user_with_role(Role.ADMINISTRATOR))
    mine, theirs = _form(first, url), _form(second, url)
    assert mine["seen_version"]
    assert first.post(url, {**mine, "name": "Ourshire County Council"}).status_code == 302
    response = second.post(url, {**theirs, "name": "Ourshire Borough Council"})
    assert response.status_code == 200
    assert re.search(r"saved this record at .*after you opened it", response.content.decode())
    assert Organisation.objects.get(pk=organisation.pk).name == "Ourshire County Council"


def test_every_edited_kind_of_record_carries_the_version():
    admin = user_with_role(Role.ADMINISTRATOR)
    client = Client()
    client.force_login(admin)
    membership = admin.memberships.get()
    for url in (
        f"/admin/accounts/user/{admin.pk}/change/",
        f"/admin/accounts/membership/{membership.pk}/change/",
        f"/admin/organisations/region/{OrganisationFactory().region.pk}/change/",
    ):
        page = client.get(url)
        assert page.status_code == 200 and 'name="seen_version"' in page.content.decode(), url
