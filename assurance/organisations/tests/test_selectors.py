import pytest

from assurance.accounts.models import Role
from assurance.accounts.permissions import Action
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.organisations.selectors import (
    get_organisation_for,
    visible_organisations,
    visible_partnerships,
)
from assurance.organisations.tests.factories import (
    OrganisationFactory,
    PartnershipFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def test_lead_sees_own_council_and_its_partnerships_only():
    own, other = OrganisationFactory(), OrganisationFactory()
    joint = PartnershipFactory(members=[own, other])
    PartnershipFactory(members=[other])
    lead = user_with_role(Role.COUNCIL_LEAD, own)
    assert list(visible_organisations(lead, purpose=Action.VIEW_ORGANISATION)) == [own]
    assert list(visible_partnerships(lead, purpose=Action.VIEW_ORGANISATION)) == [joint]


def test_another_councils_record_is_not_found_rather_than_forbidden():
    from django.http import Http404

    own, other = OrganisationFactory(), OrganisationFactory()
    lead = user_with_role(Role.COUNCIL_LEAD, own)
    assert get_organisation_for(lead, own.pk, purpose=Action.VIEW_ORGANISATION) == own
    with pytest.raises(Http404):
        get_organisation_for(lead, other.pk, purpose=Action.VIEW_ORGANISATION)
    with pytest.raises(Http404):
        get_organisation_for(lead, 10**9, purpose=Action.VIEW_ORGANISATION)


def test_assessor_sees_every_council_in_their_region():
    region = RegionFactory(name="East")
    inside = [OrganisationFactory(region=region) for _ in range(3)]
    OrganisationFactory(region=RegionFactory(name="West"))
    assessor = assessor_for(region=region)
    visible = set(
        visible_organisations(assessor, purpose=Action.VIEW_ORGANISATION).exclude(
            kind="assessing_body"
        )
    )
    assert visible == set(inside)


def _list_queries(client, django_assert_max_num_queries, count):
    region = RegionFactory(name="Everywhere")
    county = OrganisationFactory(kind="county", region=region)
    for _ in range(count):
        OrganisationFactory(kind="district", parent=county, region=region)
    client.force_login(user_with_role(Role.NATIONAL_ANALYST))
    with django_assert_max_num_queries(8) as captured:
        response = client.get("/organisations/")
    assert response.status_code == 200
    return len(captured)


def test_organisation_list_queries_do_not_grow_with_the_number_of_councils(
    client, django_assert_max_num_queries
):
    few = _list_queries(client, django_assert_max_num_queries, 2)
    many = _list_queries(client, django_assert_max_num_queries, 40)
    assert few == many


def test_all_regions_are_listed_by_name(db):
    from assurance.organisations.selectors import all_regions
    from assurance.organisations.tests.factories import RegionFactory

    RegionFactory(name="Wessex")
    RegionFactory(name="Anglia")
    names = [r.name for r in all_regions()]
    assert names == sorted(names) and {"Wessex", "Anglia"} <= set(names)
