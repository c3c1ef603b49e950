import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from assurance.accounts.models import Role
from assurance.accounts.services import api_token_create
from assurance.accounts.tests.factories import user_with_role
from assurance.organisations.tests.factories import OrganisationFactory, RegionFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def council(db):
    return OrganisationFactory(name="Eastshire Council", region=RegionFactory(name="East"))


@pytest.fixture
def lead(council):
    return user_with_role(Role.COUNCIL_LEAD, council)


def client_with_token(user, scope="read_write") -> APIClient:
    _, token = api_token_create(actor=user, name="Portal", scope=scope, lifetime_days=30)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def api(lead):
    return client_with_token(lead)
