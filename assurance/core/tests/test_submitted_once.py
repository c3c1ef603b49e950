"""A create form sent twice (a double click, a resent request) saves once."""

import pytest
from django.urls import reverse

from assurance.core.models import SubmissionToken
from assurance.recommendations.models import ProgressEntry, RecommendationSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(council):
    from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

    source = SourceFactory(organisation=council)
    RecommendationFactory(source=source, number=1)
    return source


def _token(client, url) -> str:
    return client.get(url).context["form"]["submission_token"].value()


def test_progress_sent_twice_is_saved_once(client, contributor, source):
    client.force_login(contributor)
    item = source.recommendations.get(number=1)
    page = reverse("recommendations:recommendation", args=[item.pk])
    data = {
        "entry": "Workshop held",
        "status": "in_progress",
        "submission_token": _token(client, page),
    }
    url = reverse("recommendations:progress_add", args=[item.pk])
    first, second = client.post(url, data), client.post(url, data)
    assert ProgressEntry.objects.filter(recommendation=item, entry="Workshop held").count() == 1
    assert first.status_code == second.status_code == 302
    assert second.url == first.url == page


def test_source_sent_twice_is_saved_once(client, lead, council):
    client.force_login(lead)
    url = reverse("recommendations:source_create")
    data = {
        "organisation": council.pk,
        "kind": "internal_audit",
        "title": "Audit 2026",
        "made_by": "Internal Audit",
        "made_on": "02/02/2026",
        "marking": "OFFICIAL",
        "submission_token": _token(client, url),
    }
    first, second = client.post(url, data), client.post(url, data)
    assert RecommendationSource.objects.filter(title="Audit 2026").count() == 1
    assert second.url == first.url


def test_a_refused_submission_can_be_corrected_and_sent_again(client, contributor, source):
    client.force_login(contributor)
    item = source.recommendations.get(number=1)
    token = _token(client, reverse("recommendations:recommendation", args=[item.pk]))
    url = reverse("recommendations:progress_add", args=[item.pk])
    refused = client.post(url, {"entry": "", "status": "in_progress", "submission_token": token})
    assert refused.status_code == 200 and not SubmissionToken.objects.exists()
    ok = client.post(url, {"entry": "Now", "status": "in_progress", "submission_token": token})
    assert ok.status_code == 302 and ProgressEntry.objects.filter(entry="Now").count() == 1


def test_evidence_link_sent_twice_is_saved_once(client, council, lead):
    from assurance.accounts.tests.factories import assessor_for
    from assurance.assessments.tests.factories import open_assessment, scored_version
    from assurance.evidence.models import EvidenceItem as Evidence

    assessment = open_assessment(
        assessor=assessor_for(region=council.region),
        version=scored_version(criteria=1),
        organisation=council,
    )
    criterion = assessment.framework_version.criteria.get()
    client.force_login(lead)
    task = client.get(reverse("assessments:task", args=[assessment.pk, criterion.pk]))
    token = task.context["link_form"]["submission_token"].value()
    data = {
        "link-title": "Plan",
        "link-evidence_date": "01/01/2022",
        "link-marking": "OFFICIAL",
        "link-url": "https://example.org/plan",
        "link-submission_token": token,
    }
    url = reverse("assessments:evidence_link", args=[assessment.pk, criterion.pk])
    client.post(url, data)
    client.post(url, data)
    assert Evidence.objects.filter(title="Plan").count() == 1
