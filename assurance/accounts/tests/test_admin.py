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


# --- Role conflicts: whoever oversees a council never holds a role there ------


def _user_page(client, user) -> tuple[str, dict]:
    """The user's change page as the browser would post it back unchanged."""
    url = f"/admin/accounts/user/{user.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form.initial.get(name, field.initial)
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else getattr(value, "pk", value)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for row in formset.forms:
            for name in row.fields:
                value = row.initial.get(name)
                if value not in (None, False):
                    data[row.add_prefix(name)] = getattr(value, "pk", value)
            if row.instance.pk:
                data[row.add_prefix("id")] = row.instance.pk
    return url, data


def _add_row(data: dict, prefix: str, **fields) -> dict:
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data = {**data, f"{prefix}-TOTAL_FORMS": index + 1}
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data


def test_the_admin_will_not_give_an_assessor_a_role_at_a_council_they_assess(admin_client, council):
    from assurance.accounts.tests.factories import assessor_for

    client, _ = admin_client
    assessor = assessor_for(council)
    url, data = _user_page(client, assessor)
    data = _add_row(data, "memberships", organisation=council.pk, role=Role.COUNCIL_LEAD)

    response = client.post(url, data)

    assert response.status_code == 200
    assert f"would assess {council}" in response.content.decode()
    assert not Membership.objects.filter(user=assessor, organisation=council).exists()


def test_the_admin_will_not_give_an_administrator_a_council_role(admin_client, council):
    client, _ = admin_client
    other_admin = user_with_role(Role.ADMINISTRATOR)
    url, data = _user_page(client, other_admin)
    data = _add_row(data, "memberships", organisation=council.pk, role=Role.COUNCIL_VIEWER)

    response = client.post(url, data)

    assert response.status_code == 200
    assert "oversee every council" in response.content.decode()
    assert not Membership.objects.filter(user=other_admin, organisation=council).exists()


def test_the_membership_page_will_not_give_an_analyst_a_council_role(admin_client, council):
    client, _ = admin_client
    analyst = user_with_role(Role.NATIONAL_ANALYST)
    response = client.post(
        "/admin/accounts/membership/add/",
        {"user": analyst.pk, "organisation": council.pk, "role": Role.COUNCIL_VIEWER},
    )
    assert response.status_code == 200
    assert "oversee every council" in response.content.decode()
    assert not Membership.objects.filter(user=analyst, organisation=council).exists()


def test_the_admin_will_not_assign_an_assessor_to_a_council_they_hold_a_role_at(
    admin_client, council
):
    from assurance.accounts.tests.factories import assessor_for

    client, _ = admin_client
    assessor = assessor_for()
    Membership.objects.create(user=assessor, organisation=council, role=Role.COUNCIL_VIEWER)

    response = client.post(
        "/admin/accounts/assessorassignment/add/",
        {"assessor": assessor.pk, "organisation": council.pk},
    )
    assert response.status_code == 200
    assert f"would assess {council}" in response.content.decode()

    url, data = _user_page(client, assessor)
    response = client.post(url, _add_row(data, "assignments", region=council.region.pk))
    assert response.status_code == 200
    assert f"would assess {council}" in response.content.decode()
    assert not assessor.assignments.exists()


def test_a_role_that_replaces_the_conflicting_one_is_accepted(admin_client, council):
    """Removing the administrator role and giving a council role in one save."""
    client, _ = admin_client
    former_admin = user_with_role(Role.ADMINISTRATOR)
    url, data = _user_page(client, former_admin)
    data["memberships-0-DELETE"] = "on"
    data = _add_row(data, "memberships", organisation=council.pk, role=Role.COUNCIL_VIEWER)

    response = client.post(url, data)

    assert response.status_code == 302
    assert list(former_admin.memberships.values_list("role", flat=True)) == [Role.COUNCIL_VIEWER]


def test_the_service_refuses_a_conflicting_role_whatever_the_route(council):
    from django.core.exceptions import ValidationError

    from assurance.accounts import services
    from assurance.accounts.tests.factories import assessor_for

    administrator = user_with_role(Role.ADMINISTRATOR)
    assessor = assessor_for(council)
    with pytest.raises(ValidationError, match="would assess"):
        services.membership_save(
            actor=administrator,
            membership=Membership(user=assessor, organisation=council, role=Role.COUNCIL_VIEWER),
        )
    assert not Membership.objects.filter(user=assessor, organisation=council).exists()
