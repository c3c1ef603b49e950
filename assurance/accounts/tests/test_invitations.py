"""Granting roles: inviting never confirms who uses the service, and those who
oversee a council can never be given a role there."""

import pytest
from django.urls import reverse

from assurance.accounts.models import Invitation, Membership, Role
from assurance.accounts.services import colleague_invite, invitation_accept
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _invite(actor, organisation, email, role=Role.COUNCIL_VIEWER, name="Typed Name"):
    return colleague_invite(
        actor=actor,
        organisation=organisation,
        email=email,
        full_name=name,
        role=role,
    )


def _people_page(client, lead, council, email):
    client.force_login(lead)
    url = reverse("accounts:people", args=[council.pk])
    response = client.post(
        url, {"full_name": "Typed Name", "email": email, "role": "council_viewer"}
    )
    assert response.status_code == 302
    return client.get(response.url).content.decode()


def test_inviting_an_existing_account_looks_the_same_as_a_new_address(client):
    council = OrganisationFactory()
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    existing = user_with_role(Role.COUNCIL_LEAD, OrganisationFactory())
    existing.full_name = "Secret Name"
    existing.save()
    page_existing = _people_page(client, lead, council, existing.email)
    page_new = _people_page(client, lead, council, "nobody@council.example")
    assert "Secret Name" not in page_existing
    assert not Membership.objects.filter(user=existing, organisation=council).exists()
    for page in (page_existing, page_new):
        assert "Typed Name has been invited" in page
        assert "Invited, not yet accepted" in page


def test_the_assessor_of_a_council_can_never_take_a_role_there():
    council = OrganisationFactory()
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    assessor = assessor_for(region=council.region)
    invitation = _invite(lead, council, assessor.email, role=Role.COUNCIL_LEAD)
    with pytest.raises(Exception, match="You assess"):
        invitation_accept(actor=assessor, invitation=invitation)
    assert not Membership.objects.filter(user=assessor, organisation=council).exists()


@pytest.mark.parametrize("role", [Role.NATIONAL_ANALYST, Role.ADMINISTRATOR])
def test_analysts_and_administrators_can_never_take_a_council_role(role):
    council = OrganisationFactory()
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    overseer = user_with_role(role)
    invitation = _invite(lead, council, overseer.email)
    with pytest.raises(Exception, match="oversee every council"):
        invitation_accept(actor=overseer, invitation=invitation)
    assert not Membership.objects.filter(user=overseer, organisation=council).exists()


def test_an_assessor_elsewhere_may_accept(client):
    council = OrganisationFactory()
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    assessor = assessor_for(region=OrganisationFactory().region)
    invitation = _invite(lead, council, assessor.email)
    client.force_login(assessor)
    assert "You have been invited" in client.get(reverse("accounts:profile")).content.decode()
    response = client.post(reverse("accounts:invitation_accept", args=[invitation.pk]))
    assert response.status_code == 302
    assert Membership.objects.filter(user=assessor, organisation=council).exists()


def test_conflict_is_shown_plainly_to_the_invited_person(client):
    council = OrganisationFactory()
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    assessor = assessor_for(region=council.region)
    invitation = _invite(lead, council, assessor.email)
    client.force_login(assessor)
    response = client.post(reverse("accounts:invitation_accept", args=[invitation.pk]), follow=True)
    assert f"You assess {council}" in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_nobody_else_can_accept_an_invitation(client):
    council = OrganisationFactory()
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    invitation = _invite(lead, council, "someone@council.example")
    client.force_login(lead)
    response = client.post(reverse("accounts:invitation_accept", args=[invitation.pk]))
    assert response.status_code == 404
