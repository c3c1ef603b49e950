import factory

from assurance.organisations.tests.factories import OrganisationFactory
from assurance.recommendations.models import Recommendation, RecommendationSource


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecommendationSource

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "scrutiny_review"
    title = factory.Sequence(lambda n: f"Scrutiny review {n}")
    made_by = "Communities Scrutiny Panel"
    made_on = factory.Faker("date_between", start_date="-2y", end_date="-1m")


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    source = factory.SubFactory(SourceFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Recommendation text {n}")
