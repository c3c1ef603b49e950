"""Schemathesis against the OpenAPI document, on a live server, as a council
lead with a read-write token: a few generated requests per operation, and
none may end in a server error or answer outside the documented schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from assurance.accounts.models import Role
from assurance.accounts.services import api_token_create
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.assessments.tests.factories import open_assessment, record_as_issued, scored_version
from assurance.delivery.tests.factories import records_for
from assurance.organisations.tests.factories import OrganisationFactory, RegionFactory
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

EXAMPLES = 4


@pytest.fixture
def lead_token(transactional_db, monkeypatch):
    # Hundreds of generated requests from one token: not what the limit is for.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"api_token": "100000/hour"})
    council = OrganisationFactory(name="Northshire Council", region=RegionFactory(name="North"))
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    source = SourceFactory(organisation=council)
    for number in (1, 2):
        RecommendationFactory(source=source, number=number)
    records_for(council)
    assessor = assessor_for(region=council.region)
    version = scored_version(criteria=2)
    record_as_issued(
        open_assessment(assessor=assessor, version=version, organisation=council), assessor
    )
    _, token = api_token_create(
        actor=lead, name="Schemathesis", scope="read_write", lifetime_days=30
    )
    return token


def _document() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


# The document the server publishes at /api/v1/schema/ (the same generator).
schema = schemathesis.openapi.from_dict(_document())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_within_its_schema(case, live_server, lead_token):
    case.call_and_validate(
        base_url=live_server.url,
        headers={"Authorization": f"Bearer {lead_token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
