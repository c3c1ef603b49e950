import pytest

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.organisations.tests.factories import OrganisationFactory
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory


@pytest.fixture
def council(db):
    return OrganisationFactory(name="Tamsworth City Council")


@pytest.fixture
def other_council(db):
    return OrganisationFactory(name="Wyre Valley Council")


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
def source(council):
    source = SourceFactory(organisation=council, title="Prevent scrutiny review")
    for number in (1, 2, 3):
        RecommendationFactory(source=source, number=number, text=f"Do thing {number}")
    return source
