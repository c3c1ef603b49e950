"""The permissions chokepoint: who may do what, and for which organisations."""

import pytest

from assurance.accounts.models import Role
from assurance.accounts.permissions import (
    EVERYWHERE,
    Action,
    can,
    has_action,
    organisation_scope,
    restrict,
)
from assurance.accounts.tests.factories import UserFactory, assessor_for, user_with_role
from assurance.organisations.models import Organisation, Partnership
from assurance.organisations.tests.factories import (
    OrganisationFactory,
    PartnershipFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils():
    north, south = RegionFactory(name="North"), RegionFactory(name="South")
    return OrganisationFactory(region=north), OrganisationFactory(region=south)


def test_council_lead_acts_for_own_council_only(councils):
    own, other = councils
    lead = user_with_role(Role.COUNCIL_LEAD, own)
    assert can(lead, Action.RESPOND_RECOMMENDATIONS, own.pk)
    assert not can(lead, Action.RESPOND_RECOMMENDATIONS, other.pk)
    assert not has_action(lead, Action.SCORE_ASSESSMENT)


def test_council_viewer_reads_but_cannot_change(councils):
    own, _ = councils
    viewer = user_with_role(Role.COUNCIL_VIEWER, own)
    assert can(viewer, Action.VIEW_RECORDS, own.pk)
    assert not can(viewer, Action.EDIT_SELF_ASSESSMENT, own.pk)
    assert not can(viewer, Action.RECORD_PROGRESS, own.pk)


def test_assessor_covers_assigned_region_and_named_councils(councils):
    own, other = councils
    elsewhere = OrganisationFactory(region=RegionFactory(name="West"))
    assessor = assessor_for(elsewhere, region=own.region)
    scope = organisation_scope(assessor, Action.SCORE_ASSESSMENT)
    assert own.pk in scope and elsewhere.pk in scope
    assert other.pk not in scope


def test_national_analyst_reads_everything_but_moderates_only_with_the_flag(councils):
    own, other = councils
    analyst = user_with_role(Role.NATIONAL_ANALYST)
    moderator = user_with_role(Role.NATIONAL_ANALYST, can_moderate=True)
    assert organisation_scope(analyst, Action.VIEW_RECORDS) is EVERYWHERE
    assert not has_action(analyst, Action.MODERATE_ASSESSMENT)
    assert can(moderator, Action.MODERATE_ASSESSMENT, other.pk)
    assert not has_action(analyst, Action.SCORE_ASSESSMENT)


def test_administrator_manages_but_does_not_read_assurance_records(councils):
    own, _ = councils
    admin = user_with_role(Role.ADMINISTRATOR)
    assert can(admin, Action.MANAGE_ORGANISATIONS, own.pk)
    assert not can(admin, Action.VIEW_RECORDS, own.pk)


def test_peer_reviewer_gets_nothing_organisation_wide(councils):
    own, _ = councils
    reviewer = user_with_role(Role.PEER_REVIEWER, own)
    assert not can(reviewer, Action.VIEW_RECORDS, own.pk)
    assert has_action(reviewer, Action.WORK_ON_REVIEW)


def test_user_without_membership_or_inactive_may_do_nothing(councils):
    own, _ = councils
    nobody = UserFactory()
    lapsed = user_with_role(Role.COUNCIL_LEAD, own)
    lapsed.is_active = False
    assert not any(has_action(nobody, action) for action in Action)
    assert not any(has_action(lapsed, action) for action in Action)


def test_restrict_scopes_querysets_including_partnership_membership(councils):
    own, other = councils
    ours = PartnershipFactory(members=[own, OrganisationFactory()])
    PartnershipFactory(members=[other])
    lead = user_with_role(Role.COUNCIL_LEAD, own)
    visible = restrict(Organisation.objects.all(), lead, "pk", purpose=Action.VIEW_RECORDS)
    assert list(visible) == [own]
    partnerships = restrict(Partnership.objects.all(), lead, "members", purpose=Action.VIEW_RECORDS)
    assert list(partnerships) == [ours]


def test_the_staff_flag_alone_does_not_open_the_admin(client, councils):
    own, _ = councils
    lead = user_with_role(Role.COUNCIL_LEAD, own)
    lead.is_staff = True
    lead.save()
    client.force_login(lead)
    assert client.get("/admin/").status_code == 302
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    assert client.get("/admin/").status_code == 200
