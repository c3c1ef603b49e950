import pytest

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.delivery.tests.factories import records_for


@pytest.fixture
def records(council):
    return records_for(council)


@pytest.fixture
def other_records(other_council):
    return records_for(other_council)


@pytest.fixture
def assessor(council):
    return assessor_for(council)


@pytest.fixture
def analyst(db):
    return user_with_role(Role.NATIONAL_ANALYST)
