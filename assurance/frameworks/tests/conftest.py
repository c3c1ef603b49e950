import pytest

from .factories import shipped


@pytest.fixture
def shipped_frameworks(db):
    return shipped()
