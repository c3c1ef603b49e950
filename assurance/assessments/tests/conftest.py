import pytest

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import assessor_for, user_with_role

from .factories import scored_version


@pytest.fixture
def version(db):
    return scored_version(criteria=4)


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
