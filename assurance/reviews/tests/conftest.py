import pytest

from assurance.accounts.models import Role
from assurance.accounts.permissions import forget_grants
from assurance.accounts.tests.factories import user_with_role

from .factories import add_peer, manager_for, peer, peer_review_version, set_up


@pytest.fixture
def version(db):
    return peer_review_version()


@pytest.fixture
def manager(council):
    return manager_for(council)


@pytest.fixture
def review(manager, council, version):
    review = set_up(manager=manager, council=council, version=version)
    forget_grants(manager)
    return review


@pytest.fixture
def team_peer(review, manager):
    user, organisation = peer()
    add_peer(review, manager, user, organisation)
    forget_grants(user)
    return user


@pytest.fixture
def undeclared_peer(review, manager):
    user, organisation = peer()
    add_peer(review, manager, user, organisation, declare=False)
    forget_grants(user)
    return user


@pytest.fixture
def outsider_peer(db):
    return peer()[0]


@pytest.fixture
def analyst(db):
    return user_with_role(Role.NATIONAL_ANALYST)
