"""A recommendation's own page: every form on it, nothing typed lost, and
two people saving at once never overwrite each other silently."""

import pytest
from django.urls import reverse

from assurance.accounts.tests.factories import assessor_for
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _page(pk):
    return reverse("recommendations:recommendation", args=[pk])


def test_respond_from_the_page_and_a_stale_form_keeps_what_was_typed(client, lead, source):
    item = source.recommendations.get(number=1)
    client.force_login(lead)
    page = client.get(_page(item.pk))
    assert b"Response, lead and milestone" in page.content
    url = reverse("recommendations:recommendation_respond", args=[item.pk])
    drawn = {"respond-version": item.version}
    first = {"respond-response": "accepted", "respond-lead": "Head of Safety"}
    assert client.post(url, drawn | first).status_code == 302
    second = {
        "respond-response": "rejected",
        "respond-reason": "We do this another way",
        "respond-lead": "Someone",
    }
    stale = client.post(url, drawn | second)
    assert stale.status_code == 200
    assert b"Someone else saved changes" in stale.content
    assert b"We do this another way" in stale.content  # kept, not lost
    item.refresh_from_db()
    assert (item.response, item.lead) == ("accepted", "Head of Safety")


def test_progress_from_the_page_carries_the_work_date(client, contributor, source):
    item = source.recommendations.get(number=1)
    client.force_login(contributor)
    url = reverse("recommendations:progress_add", args=[item.pk])
    data = {"entry": "Board met", "status": "in_progress", "worked_on": "01/02/2026"}
    assert client.post(url, data).status_code == 302
    assert item.progress.get().worked_on.isoformat() == "2026-02-01"
    assert b"1 Feb 2026" in client.get(_page(item.pk)).content


def test_address_verify_and_an_extension_through_the_page(client, lead, council):
    source = SourceFactory(organisation=council, kind="assessment")
    item = RecommendationFactory(source=source, number=1, response="accepted")
    client.force_login(lead)
    address = reverse("recommendations:recommendation_address", args=[item.pk])
    data = {
        "address-statement": "Published",
        "address-evidence_title": "Plan",
        "address-evidence_url": "https://example.org/plan",
    }
    assert client.post(address, data).status_code == 302
    verify = reverse("recommendations:recommendation_verify", args=[item.pk])
    assert client.post(verify, {"verify-decision": "verify"}).status_code == 403
    assessor = assessor_for(council)
    client.force_login(assessor)
    assert b"Record decision" in client.get(_page(item.pk)).content
    assert client.post(verify, {"verify-decision": "verify"}).status_code == 302
    item.refresh_from_db()
    assert item.verification == "verified"


def test_another_council_cannot_reach_verification(client, council, other_council):
    source = SourceFactory(organisation=other_council, kind="assessment")
    item = RecommendationFactory(source=source, response="accepted", verification="addressed")
    client.force_login(assessor_for(council))
    verify = reverse("recommendations:recommendation_verify", args=[item.pk])
    assert client.post(verify, {"verify-decision": "verify"}).status_code == 404


def test_evidence_file_downloads_only_for_those_who_see_the_recommendation(
    client, lead, other_lead, council
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assurance.evidence.models import EvidenceItem
    from assurance.evidence.tests.samples import PDF

    source = SourceFactory(organisation=council, kind="assessment")
    item = RecommendationFactory(source=source, number=1, response="accepted")
    client.force_login(lead)
    address = reverse("recommendations:recommendation_address", args=[item.pk])
    upload = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")
    data = {
        "address-statement": "Done",
        "address-evidence_title": "Minutes",
        "address-evidence_upload": upload,
    }
    assert client.post(address, data).status_code == 302
    evidence = EvidenceItem.objects.get()
    download = reverse("evidence:download", args=[evidence.pk])
    assert client.get(download).status_code == 200
    client.force_login(other_lead)
    assert client.get(download).status_code == 404


def test_link_a_duplicate_from_the_page(client, lead, council, source):
    national = SourceFactory(organisation=council, kind="national", title="National review")
    duplicate = RecommendationFactory(source=national, number=1)
    answering = source.recommendations.get(number=2)
    client.force_login(lead)
    url = reverse("recommendations:recommendation_link", args=[duplicate.pk])
    assert client.post(url, {"link-answered_by": answering.pk}).status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.answered_by == answering
    assert b"Answered by" in client.get(_page(duplicate.pk)).content
