"""Naming a verifier for a council's own source: the council lead picks one
of the council's people; never for an assessment's recommendations; the
page is the lead's, at their own council only; the change is in history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assurance.recommendations import rules, services
from assurance.recommendations.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_only_the_councils_own_kinds_of_source_take_a_named_verifier():
    assert rules.names_own_verifier("scrutiny_review")
    assert rules.names_own_verifier("internal_audit")
    assert not rules.names_own_verifier("assessment")
    assert not rules.names_own_verifier("peer_review")


def test_the_lead_names_one_of_the_councils_people_and_history_keeps_it(
    lead, contributor, council, other_lead, source
):
    named = services.source_verifier_set(actor=lead, source=source, verifier=contributor)
    assert named.verifier == contributor
    latest = named.history.first()
    assert latest.history_user == lead
    assert latest.history_change_reason == f"Named verifier: {contributor.full_name}"
    with pytest.raises(ValidationError, match="council's own people"):
        services.source_verifier_set(actor=lead, source=source, verifier=other_lead)
    with pytest.raises(PermissionDenied):
        services.source_verifier_set(actor=contributor, source=source, verifier=contributor)
    cleared = services.source_verifier_set(actor=lead, source=source, verifier=None)
    assert cleared.verifier is None
    assert cleared.history.first().history_change_reason == "Named verifier removed"


def test_no_verifier_can_be_named_for_an_assessments_recommendations(lead, contributor, council):
    letter = SourceFactory(organisation=council, kind="assessment", title="Assessment 2026")
    with pytest.raises(ValidationError, match="verified by the body that made them"):
        services.source_verifier_set(actor=lead, source=letter, verifier=contributor)
    letter.refresh_from_db()
    assert letter.verifier is None


def test_the_page_is_the_leads_at_their_own_council(
    client, lead, contributor, council, other_council, source
):
    url = reverse("recommendations:source_verifier", args=[source.pk])
    client.force_login(lead)
    page = client.get(url)
    assert page.status_code == 200
    assert contributor.full_name in page.content.decode()
    saved = client.post(url, {"verifier": contributor.pk})
    assert saved.status_code == 302
    source.refresh_from_db()
    assert source.verifier == contributor
    detail = client.get(reverse("recommendations:source", args=[source.pk])).content.decode()
    assert "Named verifier" in detail and contributor.full_name in detail
    # Another council's source: 404, as if it did not exist.
    elsewhere = SourceFactory(organisation=other_council)
    assert (
        client.get(reverse("recommendations:source_verifier", args=[elsewhere.pk])).status_code
        == 404
    )
    # Not a lead: refused.
    client.force_login(contributor)
    assert client.get(url).status_code == 403


def test_a_person_from_another_council_is_not_offered_and_is_refused(
    client, lead, council, other_lead, source
):
    stranger = other_lead
    client.force_login(lead)
    url = reverse("recommendations:source_verifier", args=[source.pk])
    assert stranger.full_name not in client.get(url).content.decode()
    refused = client.post(url, {"verifier": stranger.pk})
    assert refused.status_code == 200
    assert (
        "Select a valid choice" in refused.content.decode() or "council" in refused.content.decode()
    )
    source.refresh_from_db()
    assert source.verifier is None
