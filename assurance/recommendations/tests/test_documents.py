"""The response matrix and tracker open, in every format, and say the same thing."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from assurance.recommendations.models import Recommendation
from assurance.recommendations.services import progress_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(source, lead):
    Recommendation.objects.filter(source=source, number=1).update(
        response="accepted", lead="Head of Community Safety", milestone=date(2027, 3, 31)
    )
    Recommendation.objects.filter(source=source, number=2).update(
        response="rejected",
        reason="Already covered by the safeguarding route",
        lead="Prevent Coordinator",
    )
    progress_add(
        actor=lead,
        recommendation=source.recommendations.get(number=1),
        entry="Plan drafted and shared with the board",
        status="completed",
        completed_on=date(2026, 1, 15),
    )
    source.marking = "OFFICIAL-SENSITIVE"
    source.save()
    return source


def _get(client, user, source, kind, extension):
    client.force_login(user)
    response = client.get(reverse("recommendations:document", args=[source.pk, kind, extension]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content


def test_matrix_docx(client, lead, answered):
    document = Document(BytesIO(_get(client, lead, answered, "matrix", "docx")))
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["No.", "Recommendation", "Response", "Reason", "Lead", "Milestone"]
    assert rows[1] == [
        "1",
        "Do thing 1",
        "Accepted",
        "",
        "Head of Community Safety",
        "31 March 2027",
    ]
    assert rows[2][2:4] == ["Rejected", "Already covered by the safeguarding route"]


def test_tracker_pdf(client, viewer, answered):
    reader = PdfReader(BytesIO(_get(client, viewer, answered, "tracker", "pdf")))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Prevent scrutiny review: progress tracker" in text
    assert "Plan drafted and shared with the board" in text
    assert "15 January 2026" in text
    assert "OFFICIAL-SENSITIVE" in text and "Page 1 of" in text


def test_matrix_pdf_has_the_responses(client, lead, answered):
    reader = PdfReader(BytesIO(_get(client, lead, answered, "matrix", "pdf")))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Head of Community Safety" in text and "Rejected" in text


def test_tracker_xlsx_has_real_columns_frozen_header_and_filter(client, lead, answered):
    sheet = load_workbook(BytesIO(_get(client, lead, answered, "tracker", "xlsx"))).active
    headers = [c.value for c in sheet[1]]
    assert headers == [
        "Theme",
        "No.",
        "Recommendation",
        "Response",
        "Reason",
        "Lead",
        "Milestone",
        "Status",
        "Verification",
        "Latest progress",
        "Date completed",
    ]
    first = {h: c.value for h, c in zip(headers, sheet[2], strict=True)}
    assert first["No."] == 1 and first["Response"] == "Accepted" and first["Status"] == "Completed"
    assert first["Milestone"].date() == date(2027, 3, 31)
    assert first["Date completed"].date() == date(2026, 1, 15)
    assert "Plan drafted" in first["Latest progress"]
    assert sheet.max_row == 4
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:K4"
    assert sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"


def test_other_council_gets_404(client, other_lead, source):
    client.force_login(other_lead)
    url = reverse("recommendations:document", args=[source.pk, "matrix", "pdf"])
    assert client.get(url).status_code == 404


def test_unknown_kind_or_format_is_404(client, lead, source):
    client.force_login(lead)
    assert (
        client.get(
            reverse("recommendations:document", args=[source.pk, "letter", "pdf"])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("recommendations:document", args=[source.pk, "matrix", "odt"])
        ).status_code
        == 404
    )


def _tracker(n: int):
    from assurance.recommendations import documents

    row = ["", "Do a fairly long thing that takes some words to describe " * 2, "Accepted"]
    return documents.RegisterDocument(
        kind="tracker",
        title="Progress tracker",
        source_title="Review",
        organisation="Council",
        details=[("Council", "Council")],
        marking="OFFICIAL",
        headers=documents.TRACKER_HEADERS,
        rows=[
            [f"R{i:03d}", *row[1:], "", "Head", "", "In progress", "", "Note", ""]
            for i in range(1, n + 1)
        ],
        themes=["Theme"] * n,
    )


# Counts whose natural page break leaves one row alone (11 in Liberation Sans,
# the font scripts/system_packages.sh installs; 29 in DejaVu Sans as well).
@pytest.mark.parametrize("n", [11, 29])
def test_the_tracker_pdf_never_leaves_a_page_holding_one_row(n):
    from assurance.recommendations import documents

    pages = PdfReader(BytesIO(documents.to_pdf(_tracker(n)))).pages
    counts = [sum(f"R{i:03d}" in p.extract_text() for i in range(1, n + 1)) for p in pages]
    assert sum(counts) == n and 1 not in counts, counts


def test_documents_group_by_theme_say_rejected_and_report_addressed_and_verified(answered):
    from assurance.recommendations import documents
    from assurance.recommendations.selectors import source_recommendations

    Recommendation.objects.filter(source=answered, number=1).update(
        theme="Schools", verification="verified"
    )
    Recommendation.objects.filter(source=answered, number=3).update(
        theme="Training", response="accepted", verification="addressed", status="completed"
    )
    items = source_recommendations(answered)
    doc = documents.tracker_context(answered, items)
    assert [theme for theme, _ in doc.groups] == ["Schools", "", "Training"]
    assert ("Addressed", "100% (2 of 2)") in doc.details
    assert ("Verified", "50% (1 of 2)") in doc.details
    rejected = next(r for r in doc.rows if r[0] == 2)
    assert rejected[6] == "Rejected"
    text = "\n".join(p.text for p in Document(BytesIO(documents.to_docx(doc))).paragraphs)
    assert "Schools" in text and "Training" in text


def test_the_tracker_pdf_breaks_no_heading_or_short_value_mid_word():
    from assurance.recommendations import documents

    longest = [
        "R001",
        "Do a thing",
        "Partially accepted",
        "",
        "Communications team",
        "16 September 2027",
        "Superseded",
        "Addressed, awaiting verification",
        "",
        "30 September 2026",
    ]
    tracker = documents.RegisterDocument(
        kind="tracker",
        title="Progress tracker",
        source_title="Review",
        organisation="Council",
        details=[],
        marking="OFFICIAL",
        headers=documents.TRACKER_HEADERS,
        rows=[longest],
    )
    text = PdfReader(BytesIO(documents.to_pdf(tracker))).pages[0].extract_text().split()
    for word in ("Response", "Milestone", "Verification", "completed", "R001"):
        assert word in text
    for word in ("Communications", "September", "Superseded", "verification"):
        assert word in text
