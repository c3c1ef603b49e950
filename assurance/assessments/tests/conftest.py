import pytest

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.organisations.tests.factories import OrganisationFactory, RegionFactory

from .factories import scored_version


@pytest.fixture
def version(db):
    return scored_version(criteria=4)


@pytest.fixture
def council(db):
    return OrganisationFactory(name="Ourshire Council", region=RegionFactory(name="Our Region"))


@pytest.fixture
def other_council(db):
    return OrganisationFactory(name="Theirshire Council", region=RegionFactory(name="Their Region"))


@pytest.fixture
def lead(council):
    return user_with_role(Role.COUNCIL_LEAD, council)


@pytest.fixture
def contributor(council):
    return user_with_role(Role.COUNCIL_CONTRIBUTOR, council)


@pytest.fixture
def viewer(council):
    return user_with_role(Role.COUNCIL_VIEWER, council)


@pytest.fixture
def other_lead(other_council):
    return user_with_role(Role.COUNCIL_LEAD, other_council)


@pytest.fixture
def assessor(council):
    return assessor_for(region=council.region)


@pytest.fixture
def second_assessor(council):
    return assessor_for(region=council.region)


@pytest.fixture
def other_assessor(other_council):
    return assessor_for(region=other_council.region)


@pytest.fixture
def analyst(db):
    return user_with_role(Role.NATIONAL_ANALYST, can_moderate=True)
