"""Pages: constant query counts, the concurrency message, uploads and downloads."""

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assurance.assessments import services
from assurance.evidence.models import EvidenceItem
from assurance.evidence.tests import samples

from .factories import (
    complete_self_assessment,
    letter_input,
    open_assessment,
    scored_version,
    submit,
    to_awaiting_moderation,
    to_moderated,
)


def _assessment(council, assessor, criteria):
    version = scored_version(criteria=criteria)
    return open_assessment(assessor=assessor, version=version, organisation=council)


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_task_list_queries_do_not_grow_with_criteria(client, council, lead, assessor):
    counts = []
    for criteria in (3, 12):
        assessment = _assessment(council, assessor, criteria)
        for response in assessment.responses.all():
            services.criterion_evidence_link_add(
                actor=lead,
                response=response,
                title="Plan",
                evidence_date="2022-01-01",
                marking="OFFICIAL",
                url="https://example.org/",
            )
        client.force_login(lead)
        count, html = _queries(client, reverse("assessments:detail", args=[assessment.pk]))
        assert html.count('<li class="govuk-task-list__item') == criteria
        assert "1 evidence item" in html
        counts.append(count)
    assert counts[0] == counts[1]


def test_scoring_and_moderation_pages_use_a_fixed_number_of_queries(
    client, council, lead, assessor, second_assessor
):
    counts = {"scores": [], "moderate": []}
    for criteria in (3, 12):
        assessment = _assessment(council, assessor, criteria)
        to_awaiting_moderation(assessment, lead, assessor)
        client.force_login(assessor)
        counts["scores"].append(
            _queries(client, reverse("assessments:scores", args=[assessment.pk]))[0]
        )
        client.force_login(second_assessor)
        count, html = _queries(client, reverse("assessments:moderate", args=[assessment.pk]))
        assert "All councils, 2021/22" in html
        counts["moderate"].append(count)
    assert counts["scores"][0] == counts["scores"][1]
    assert counts["moderate"][0] == counts["moderate"][1]


def test_a_stale_save_keeps_the_persons_text_and_names_who_saved_first(
    client, council, lead, contributor, assessor
):
    assessment = _assessment(council, assessor, 2)
    response = assessment.responses.order_by("criterion__number").first()
    url = reverse("assessments:task", args=[assessment.pk, response.criterion_id])
    client.force_login(contributor)
    client.post(url, {"version": 1, "narrative": "First words", "task_status": "in_progress"})
    client.force_login(lead)
    page = client.post(
        url, {"version": 1, "narrative": "My careful paragraph", "task_status": "in_progress"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert f"{contributor.full_name} saved this criterion at" in html
    assert "My careful paragraph" in html  # the person's text is still in the form
    assert "<title>Error:" in html
    response.refresh_from_db()
    assert response.narrative == "First words"
    # Saving again after seeing the message goes through.
    again = client.post(
        url,
        {
            "version": response.version,
            "narrative": "My careful paragraph",
            "task_status": "in_progress",
        },
    )
    assert again.status_code == 302


def test_out_of_scale_level_in_the_form_is_refused(client, council, lead, assessor):
    assessment = _assessment(council, assessor, 1)
    response = assessment.responses.first()
    client.force_login(lead)
    page = client.post(
        reverse("assessments:task", args=[assessment.pk, response.criterion_id]),
        {"version": 1, "narrative": "x", "self_level": "9", "task_status": "completed"},
    )
    assert "Choose one of: 1, 2, 3, 4, 5." in page.content.decode()


def test_wrong_type_upload_gets_a_message_and_stores_nothing(client, council, lead, assessor):
    assessment = _assessment(council, assessor, 1)
    response = assessment.responses.first()
    client.force_login(lead)
    page = client.post(
        reverse("assessments:evidence_file", args=[assessment.pk, response.criterion_id]),
        {
            "file-title": "Plan",
            "file-evidence_date": "1/2/2022",
            "file-marking": "OFFICIAL",
            "file-file": SimpleUploadedFile("plan.pdf", samples.HTML),
        },
    )
    assert page.status_code == 200
    assert (
        "The selected file must be a PDF, DOCX, XLSX, ODT, ODS, CSV, PNG or JPEG."
        in page.content.decode()
    )
    assert not EvidenceItem.objects.exists()


def test_upload_then_download_as_attachment_only_within_scope(
    client, council, lead, assessor, other_lead
):
    assessment = _assessment(council, assessor, 1)
    response = assessment.responses.first()
    client.force_login(lead)
    client.post(
        reverse("assessments:evidence_file", args=[assessment.pk, response.criterion_id]),
        {
            "file-title": "Figures",
            "file-evidence_date": "1/2/2022",
            "file-marking": "OFFICIAL-SENSITIVE",
            "file-file": SimpleUploadedFile("figures.csv", samples.CSV),
        },
    )
    item = EvidenceItem.objects.get()
    download = client.get(reverse("evidence:download", args=[item.pk]))
    assert download["Content-Disposition"].startswith('attachment; filename="figures.csv"')
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == samples.CSV
    client.force_login(assessor)
    assert client.get(reverse("evidence:download", args=[item.pk])).status_code == 200
    client.force_login(other_lead)
    assert client.get(reverse("evidence:download", args=[item.pk])).status_code == 404


def test_submit_page_shows_what_is_missing(client, council, lead, assessor):
    assessment = _assessment(council, assessor, 2)
    client.force_login(lead)
    page = client.post(reverse("assessments:submit", args=[assessment.pk]))
    html = page.content.decode()
    assert "You cannot submit yet" in html and "2 criteria are not completed" in html


def test_issued_letter_downloads_are_the_stored_bytes(
    client, council, lead, assessor, second_assessor, viewer, other_lead
):
    assessment = _assessment(council, assessor, 2)
    to_moderated(assessment, lead, assessor, second_assessor)
    client.force_login(assessor)
    body = assessment.assessing_body
    body.postal_address = "2 Marsham Street\nLondon SW1P 4DF"
    body.save()
    page = client.get(reverse("assessments:issue", args=[assessment.pk]))
    assert "The letter still needs" in page.content.decode()
    refused = client.post(reverse("assessments:issue", args=[assessment.pk]), {"letter_date": ""})
    assert "Enter the addressee" in refused.content.decode() and not assessment.letters.exists()
    form = {k: v for k, v in vars(letter_input()).items() if k != "letter_date"}
    form["letter_date"] = timezone.localdate().strftime("%d/%m/%Y")
    client.post(reverse("assessments:issue", args=[assessment.pk]), form)
    letter = assessment.letters.get()
    client.force_login(viewer)
    for fmt, digest in (("pdf", letter.pdf_sha256), ("docx", letter.docx_sha256)):
        download = client.get(reverse("assessments:letter_download", args=[assessment.pk, 1, fmt]))
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith(
            'attachment; filename="assessment-letter-ourshire-council-2021-22-v1.'
        )
        assert hashlib.sha256(download.content).hexdigest() == digest
    client.force_login(other_lead)
    assert (
        client.get(
            reverse("assessments:letter_download", args=[assessment.pk, 1, "pdf"])
        ).status_code
        == 404
    )


def test_council_sees_no_draft_letter_before_issue(client, council, lead, assessor):
    assessment = _assessment(council, assessor, 1)
    client.force_login(lead)
    assert client.get(reverse("assessments:letter", args=[assessment.pk])).status_code == 404
    client.force_login(assessor)
    assert (
        "DRAFT" in client.get(reverse("assessments:letter", args=[assessment.pk])).content.decode()
    )


def test_pages_carry_the_assessments_marking(client, council, lead, assessor):
    assessment = _assessment(council, assessor, 1)
    assessment.marking = "OFFICIAL-SENSITIVE"
    assessment.save()
    client.force_login(lead)
    html = client.get(reverse("assessments:detail", args=[assessment.pk])).content.decode()
    assert "<strong>OFFICIAL-SENSITIVE</strong>" in html


def test_home_sections(client, council, lead, assessor, second_assessor):
    assessment = _assessment(council, assessor, 1)
    client.force_login(lead)
    html = client.get("/").content.decode()
    assert "Your assessments" in html and "Complete the self-assessment and submit it" in html
    complete_self_assessment(assessment, lead)
    submit(assessment, lead)
    client.force_login(assessor)
    assert "Score the criteria" in client.get("/").content.decode()
    to_awaiting_moderation_from_submitted(assessment, assessor)
    client.force_login(second_assessor)
    html = client.get("/").content.decode()
    assert (
        "Awaiting moderation" in html
        and reverse("assessments:moderate", args=[assessment.pk]) in html
    )
    client.force_login(assessor)
    assert (
        reverse("assessments:moderate", args=[assessment.pk])
        not in client.get("/").content.decode()
    )


def to_awaiting_moderation_from_submitted(assessment, assessor):
    from .factories import score_all

    score_all(assessment, assessor)
    services.assessment_ready_for_moderation(actor=assessor, assessment=assessment)
