import pytest

from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory


@pytest.fixture
def source(council):
    source = SourceFactory(organisation=council, title="Prevent scrutiny review")
    for number in (1, 2, 3):
        RecommendationFactory(source=source, number=number, text=f"Do thing {number}")
    return source
