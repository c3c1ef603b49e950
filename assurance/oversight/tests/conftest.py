import pytest

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.assessments.tests.factories import scored_version
from assurance.organisations.tests.factories import OrganisationFactory

from .. import data, register


@pytest.fixture(autouse=True)
def fresh_dataset():
    data.forget()
    register.forget()
    yield
    data.forget()
    register.forget()


@pytest.fixture
def version(db):
    return scored_version(criteria=4)


@pytest.fixture
def assessor(council):
    return assessor_for(region=council.region)


@pytest.fixture
def other_assessor(other_council):
    return assessor_for(region=other_council.region)


@pytest.fixture
def analyst(db):
    return user_with_role(Role.NATIONAL_ANALYST)


@pytest.fixture
def neighbours(council):
    """Four more councils in the same region."""
    return [OrganisationFactory(name=f"Neighbour {n}", region=council.region) for n in range(4)]
