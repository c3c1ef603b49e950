"""The scrutiny pack: every section, in every format, saying the same thing."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from assurance.recommendations import scrutiny
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_period_bounds():
    assert scrutiny.period_bounds("2025/26") == (date(2025, 4, 1), date(2026, 3, 31))
    assert scrutiny.period_bounds("2025/27") is None
    assert scrutiny.period_bounds("2025") is None


@pytest.fixture
def register(council):
    own = SourceFactory(organisation=council, title="Scrutiny review", made_on=date(2025, 6, 1))
    RecommendationFactory(
        source=own, number=1, response="accepted", status="completed", verification="verified"
    )
    RecommendationFactory(
        source=own, number=2, response="accepted", status="completed", verification="addressed"
    )
    RecommendationFactory(
        source=own,
        number=3,
        response="accepted",
        milestone=date(2025, 9, 1),
        revised_milestone=date(2099, 1, 1),
    )
    RecommendationFactory(
        source=own, number=4, response="accepted", milestone=date.today() - timedelta(days=3)
    )
    national = SourceFactory(
        organisation=council, kind="national", title="National review", made_on=date(2025, 5, 1)
    )
    RecommendationFactory(
        source=national, number=1, text="National thing", response="rejected", reason="Covered"
    )
    return own


def _download(client, user, council, extension):
    client.force_login(user)
    url = reverse("recommendations:scrutiny_pack_download", args=[council.pk, "2025-26", extension])
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_the_pack_has_every_section_and_the_shares(client, lead, council, register):
    text = "\n".join(
        p.text for p in Document(BytesIO(_download(client, lead, council, "docx"))).paragraphs
    )
    for heading in [
        "Response matrix",
        "Tracker: addressed, awaiting verification",
        "Tracker: verified",
        "Tracker: extended",
        "Tracker: overdue",
        "National recommendations and the council's position",
        "Addressed: 50% (2 of 4)",
        "Verified: 25% (1 of 4)",
    ]:
        assert heading in text, heading
    pdf = PdfReader(BytesIO(_download(client, lead, council, "pdf")))
    page = pdf.pages[0]
    assert round(float(page.mediabox.width)) in (842, 595)  # A4, landscape or portrait
    pdf_text = " ".join(p.extract_text() for p in pdf.pages)
    assert "OFFICIAL" in pdf_text and "Tracker: overdue" in " ".join(pdf_text.split())
    workbook = load_workbook(BytesIO(_download(client, lead, council, "xlsx")))
    assert "Summary" in workbook.sheetnames and len(workbook.sheetnames) >= 7


def test_a_provider_adds_its_section(client, lead, council, register):
    def delivery(user, organisation, period):
        return scrutiny.PackSection("Delivery figures", ["Measure", "Value"], [["Sessions", 4]])

    scrutiny.register_pack_section(delivery)
    try:
        text = "\n".join(
            p.text for p in Document(BytesIO(_download(client, lead, council, "docx"))).paragraphs
        )
    finally:
        scrutiny._PROVIDERS.remove(delivery)
    assert "Delivery figures" in text


def test_another_council_gets_404_and_a_bad_period_404(client, other_lead, lead, council):
    client.force_login(other_lead)
    url = reverse("recommendations:scrutiny_pack_download", args=[council.pk, "2025-26", "pdf"])
    assert client.get(url).status_code == 404
    client.force_login(lead)
    bad = reverse("recommendations:scrutiny_pack_download", args=[council.pk, "2025-27", "pdf"])
    assert client.get(bad).status_code == 404


def test_the_choice_page_links_the_downloads(client, lead, council):
    client.force_login(lead)
    page = client.get(
        reverse("recommendations:scrutiny_pack"), {"organisation": council.pk, "period": "2025/26"}
    )
    assert b"2025-26.pdf" in page.content
    wrong = client.get(
        reverse("recommendations:scrutiny_pack"),
        {"organisation": council.pk, "period": "last year"},
    )
    assert b"reporting year" in wrong.content


def test_the_pack_is_built_off_the_request_and_kept_until_the_register_changes(
    client, lead, council, register, monkeypatch
):
    from types import SimpleNamespace

    from assurance.recommendations import tasks
    from assurance.recommendations.models import ProgressEntry, ScrutinyPackDocument
    from assurance.recommendations.services import scrutiny_pack_build

    first = _download(client, lead, council, "docx")  # the tests' worker builds at once
    built = ScrutinyPackDocument.objects.get(organisation=council)
    # Served again from the stored file, not laid out again.
    monkeypatch.setattr(scrutiny, "RENDERERS", {**scrutiny.RENDERERS, "docx": None})
    assert _download(client, lead, council, "docx") == first
    monkeypatch.undo()
    # Progress on a recommendation makes it out of date: with a worker that
    # has not run yet, the download goes to a status page checked again.
    monkeypatch.setattr(tasks, "build_scrutiny_pack", SimpleNamespace(enqueue=lambda *a: None))
    item = register.recommendations.get(number=3)
    ProgressEntry.objects.create(
        recommendation=item, entry="Sessions booked", author=lead, status_from="not_started",
        status_to="in_progress",
    )  # fmt: skip
    url = reverse("recommendations:scrutiny_pack_download", args=[council.pk, "2025-26", "docx"])
    response = client.get(url)
    assert response.status_code == 302
    waiting = ScrutinyPackDocument.objects.get(organisation=council)  # the old one is gone
    assert waiting.pk != built.pk and waiting.status == "queued"
    page = client.get(response["Location"]).content.decode()
    assert "data-document-building" in page and "Check again" in page
    scrutiny_pack_build(document_id=waiting.pk)
    page = client.get(response["Location"]).content.decode()
    assert "Download the scrutiny pack (DOCX)" in page and "data-document-building" not in page
    assert client.get(url).status_code == 200
