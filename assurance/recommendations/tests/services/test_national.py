"""National recommendations: published to chosen councils through the intake;
each council answers in its own source; the national view counts in a fixed
number of queries."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assurance.accounts.models import Role
from assurance.accounts.permissions import Action
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.organisations.tests.factories import OrganisationFactory, RegionFactory
from assurance.recommendations import selectors, services
from assurance.recommendations.models import Recommendation, RecommendationSource

pytestmark = pytest.mark.django_db

ITEMS = [(1, "Refresh the training offer.", "Training"), (2, "Publish the plan.", "")]


def _publish(actor, **scope):
    return services.national_source_publish(
        actor=actor,
        title="National learning review 2026",
        made_by="Home Office",
        made_on=date(2026, 3, 1),
        recommendations=ITEMS,
        **scope,
    )


@pytest.fixture
def analyst(db):
    return user_with_role(Role.NATIONAL_ANALYST)


def test_published_to_the_chosen_councils_each_with_its_own_source(analyst):
    wales = RegionFactory(name="Wales", nation="wales")
    north = RegionFactory(name="North")
    english = [OrganisationFactory(region=north, kind="district") for _ in range(2)]
    OrganisationFactory(region=wales, kind="welsh")
    national = _publish(analyst, nation="england")
    sources = RecommendationSource.objects.filter(kind="national")
    assert {s.organisation for s in sources} == set(english)
    assert all(s.recommendations.count() == 2 for s in sources)
    assert national.applications.count() == 2
    theme = Recommendation.objects.filter(source__in=sources, number=1).values_list("theme")
    assert set(theme) == {("Training",)}


def test_only_analysts_and_administrators_publish(lead, council):
    with pytest.raises(PermissionDenied):
        _publish(lead)
    with pytest.raises(PermissionDenied):
        _publish(assessor_for(council))
    assert _publish(user_with_role(Role.ADMINISTRATOR)).applications.exists()


def test_no_council_in_scope_is_refused(analyst, council):
    with pytest.raises(ValidationError, match="No council matches"):
        _publish(analyst, nation="scotland")


def test_the_national_view_counts_in_a_fixed_number_of_queries(analyst, django_assert_num_queries):
    region = RegionFactory()
    councils = [OrganisationFactory(region=region) for _ in range(3)]
    national = _publish(analyst)
    first = Recommendation.objects.filter(source__organisation=councils[0], number=1).get()
    first.response, first.verification = "accepted", "verified"
    first.save()
    with django_assert_num_queries(2):
        rows = selectors.national_progress(analyst, national)
    assert [(r["councils"], r["accepted"], r["verified"]) for r in rows] == [(3, 1, 1), (3, 0, 0)]
    for _ in range(5):
        OrganisationFactory(region=region)
    bigger = _publish(analyst)
    with django_assert_num_queries(2):
        selectors.national_progress(analyst, bigger)


def test_an_adviser_sees_each_council_of_their_region_only(analyst, council, other_council):
    national = _publish(analyst)
    adviser = assessor_for(council)
    positions = selectors.national_positions(adviser, national)
    assert [(p["source__organisation__name"], p["total"]) for p in positions] == [(council.name, 2)]
    assert selectors.visible_national_sources(adviser, purpose=Action.VIEW_RECORDS).count() == 1
    outsider = user_with_role(Role.COUNCIL_LEAD, other_council)
    entries = selectors.visible_recommendations(outsider, purpose=Action.VIEW_RECORDS)
    assert set(entries.values_list("source__organisation", flat=True)) == {other_council.pk}
