import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from assurance.accounts.models import Membership, Role, User
from assurance.accounts.services import colleague_invite, invitation_accept
from assurance.accounts.tests.factories import user_with_role
from assurance.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=False)


def _invite(actor, organisation, email="new@council.example", role=Role.COUNCIL_CONTRIBUTOR):
    return colleague_invite(
        actor=actor,
        organisation=organisation,
        email=email,
        full_name="New Person",
        role=role,
    )


def test_lead_invites_a_colleague_who_gets_a_link(django_capture_on_commit_callbacks):
    council = OrganisationFactory()
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(lead, council, email="New@Council.example")
    assert invitation.email == "new@council.example"
    assert invitation.role == Role.COUNCIL_CONTRIBUTOR
    user = User.objects.get(email="new@council.example")
    assert not user.has_usable_password()
    assert "http://testserver/accounts/password/reset/" in mail.outbox[0].body
    assert not Membership.objects.filter(user=user).exists()  # not until accepted
    membership = invitation_accept(actor=user, invitation=invitation)
    assert (membership.organisation, membership.role) == (council, Role.COUNCIL_CONTRIBUTOR)


def test_lead_cannot_invite_into_another_council():
    own, other = OrganisationFactory(), OrganisationFactory()
    lead = user_with_role(Role.COUNCIL_LEAD, own)
    with pytest.raises(PermissionDenied):
        _invite(lead, other)
    assert not Membership.objects.filter(organisation=other).exists()


def test_contributor_cannot_invite():
    council = OrganisationFactory()
    contributor = user_with_role(Role.COUNCIL_CONTRIBUTOR, council)
    with pytest.raises(PermissionDenied):
        _invite(contributor, council)


def test_only_council_roles_can_be_given():
    council = OrganisationFactory()
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    with pytest.raises(ValidationError):
        _invite(lead, council, role=Role.NATIONAL_ANALYST)


def test_inviting_someone_twice_to_the_same_role_is_refused_plainly():
    council = OrganisationFactory()
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    _invite(lead, council)
    with pytest.raises(ValidationError, match="already been invited"):
        _invite(lead, council)
