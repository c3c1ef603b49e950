"""Fixtures shared by every app's tests: an own council and an other council
in different regions, and one user per council role. An app's conftest may
override ``council`` or ``other_council``; the role fixtures follow it."""

import pytest

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.organisations.tests.factories import OrganisationFactory, RegionFactory


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
