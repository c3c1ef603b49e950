import pytest

from assurance.accounts import demo as accounts_demo
from assurance.organisations import demo as organisations_demo
from assurance.recommendations import demo, rules
from assurance.recommendations.models import RecommendationSource

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_closable():
    organisations_demo.seed()
    accounts_demo.seed()
    demo.seed()
    demo.seed()
    scrutiny = RecommendationSource.objects.get(kind="scrutiny_review")
    items = list(scrutiny.recommendations.all())
    assert len(items) == 16
    assert {r.response for r in items} == {"accepted", "partially_accepted", "rejected"}
    assert rules.closure_blockers(items) == []
    assert all(r.progress.exists() for r in items)
    peer = RecommendationSource.objects.get(kind="peer_review")
    assert peer.organisation.name == "London Borough of Eastwick"
    assert rules.closure_blockers(peer.recommendations.all())
    audit = RecommendationSource.objects.get(
        organisation__name="Ashdown County Council", kind="internal_audit"
    )
    assert audit.status == "open"
    assert RecommendationSource.objects.exclude(kind="national").count() == 3


def test_demo_shows_verified_sent_back_and_extensions_both_ways():
    organisations_demo.seed()
    accounts_demo.seed()
    demo.seed()
    demo.seed()
    from assurance.recommendations.models import Extension, Recommendation

    assert set(Recommendation.objects.values_list("verification", flat=True)) >= {
        "verified",
        "sent_back",
    }
    decided = set(
        Extension.objects.values_list("recommendation__source__organisation__name", "status")
    )
    assert decided == {
        ("London Borough of Eastwick", "granted"),
        ("Ashdown County Council", "refused"),
    }


def test_demo_national_source_reaches_every_english_council_with_mixed_responses():
    organisations_demo.seed()
    accounts_demo.seed()
    demo.seed()
    demo.seed()
    from assurance.organisations.models import Organisation
    from assurance.recommendations.models import NationalSource, Recommendation

    national = NationalSource.objects.get()
    english = Organisation.objects.filter(region__nation="england").exclude(kind="assessing_body")
    assert national.applications.count() == english.count() > 1
    responses = set(
        Recommendation.objects.filter(source__kind="national").values_list("response", flat=True)
    )
    assert {"accepted", "rejected", "pending"} <= responses
