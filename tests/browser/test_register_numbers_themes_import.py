"""The register as a council keeps it: numbers such as "2a" and "1.1" sort
naturally among 1, 2 and 10; the source page and the progress tracker group
recommendations under their themes; the import template has drop-downs for
response and status and an optional progress column; and re-importing a file
shows what will change before it updates the status and progress of numbers
already in the source. Every page visited passes axe."""

from __future__ import annotations

import io
import re
import time

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from assurance.accounts.models import Membership, Role
from assurance.accounts.tests.factories import PASSWORD, UserFactory
from assurance.organisations.tests.factories import OrganisationFactory
from assurance.recommendations.models import Recommendation
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory
from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

# Created out of order on purpose; the page must not show them in this order.
SEEDED = [
    ("10", "Training", "Report training figures to the board each quarter."),
    ("2a", "Governance", "Name a deputy chair for the partnership board."),
    ("1", "Governance", "Refresh the terms of reference of the partnership board."),
    ("2", "Training", "Offer awareness training to every licensing officer."),
    ("1.1", "Governance", "Publish the board's minutes within a month."),
]


@pytest.fixture
def register(transactional_db):
    council = OrganisationFactory(name="Brockhaven Borough Council")
    lead = UserFactory(email="lead@brockhaven.example", full_name="Bryn Lead")
    Membership.objects.create(user=lead, organisation=council, role=Role.COUNCIL_LEAD)
    source = SourceFactory(organisation=council, title="Prevent scrutiny review 2026")
    for number, theme, text in SEEDED:
        RecommendationFactory(source=source, number=number, theme=theme, text=text)
    return source, lead


def _groups(page: Page) -> list[tuple[str, list[str]]]:
    """The source page's table as (theme heading, numbers under it)."""
    groups = []
    for body in page.locator("table.govuk-table tbody").all():
        heading = body.locator("th[scope=colgroup]")
        numbers = body.locator("tr:not(.app-theme-row) td:first-child").all_inner_texts()
        groups.append((heading.inner_text() if heading.count() else "", numbers))
    return groups


def _fetch(page: Page, url: str) -> bytes:
    """A register document; the first request may only start building it."""
    for _ in range(20):
        response = page.context.request.get(url)
        assert response.ok, response.status
        if "text/html" not in response.headers.get("content-type", ""):
            return response.body()
        time.sleep(0.5)
    raise AssertionError(f"{url} was never ready")


def _docx_groups(data: bytes) -> list[tuple[str, list[str]]]:
    document = Document(io.BytesIO(data))
    themes = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    tables = [t for t in document.tables if t.rows and t.rows[0].cells[0].text == "No."]
    numbers = [[row.cells[0].text for row in table.rows[1:]] for table in tables]
    return list(zip(themes, numbers, strict=True))


def test_numbers_themes_template_and_reimport(page: Page, login, register, tmp_path):
    source, lead = register
    login(page, lead.email, PASSWORD)
    page.goto(f"/recommendations/sources/{source.pk}/")
    assert_no_axe_violations(page)
    # 1. Natural order within each theme, themes in the order they first appear.
    assert _groups(page) == [("Governance", ["1", "1.1", "2a"]), ("Training", ["2", "10"])]

    # 2. A number typed as "1.2" is accepted and takes its natural place.
    page.get_by_role("link", name="Add a recommendation").click()
    assert_no_axe_violations(page)
    page.get_by_label("Number").fill("1.2")
    page.get_by_label("Recommendation", exact=True).fill("Review the board's membership yearly.")
    page.get_by_label("Theme (optional)").fill("Governance")
    page.get_by_role("button", name="Add recommendation").click()
    page.goto(f"/recommendations/sources/{source.pk}/")
    assert _groups(page) == [
        ("Governance", ["1", "1.1", "1.2", "2a"]),
        ("Training", ["2", "10"]),
    ]
    assert_no_axe_violations(page)

    # 3. The Excel template: drop-downs for Response and Status, a Progress column.
    page.get_by_role("link", name="Import from a spreadsheet").click()
    expect(page.get_by_role("heading", name="Import recommendations")).to_be_visible()
    assert_no_axe_violations(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Excel template").click()
    workbook = load_workbook(io.BytesIO(info.value.path().read_bytes()))
    sheet = workbook.active
    headings = [cell.value for cell in sheet[1]]
    assert "Progress" in headings
    column = {h: sheet.cell(row=1, column=i + 1).column_letter for i, h in enumerate(headings)}
    lists = {
        str(v.sqref).split(":")[0]: v.formula1
        for v in sheet.data_validations.dataValidation
        if v.type == "list"
    }
    assert lists[f"{column['Response']}2"] == '"Accepted,Partially accepted,Rejected"'
    assert lists[f"{column['Status']}2"] == '"Not started,In progress,Completed,Superseded"'

    # 4. Fill it in: two existing numbers move on, one new number is added.
    sheet.delete_rows(2, sheet.max_row)
    rows = [
        {
            "Number": "2a",
            "Recommendation": "Name a deputy chair for the partnership board.",
            "Status": "In progress",
            "Progress": "Two candidates asked; the board votes in May.",
        },
        {
            "Number": 10,
            "Recommendation": "Report training figures to the board each quarter.",
            "Status": "Completed",
            "Progress": "Figures now a standing item on the board's agenda.",
        },
        {
            "Number": "11",
            "Recommendation": "Brief new councillors on the Prevent duty.",
            "Theme": "Training",
            "Response": "Accepted",
            "Lead": "Democratic Services Manager",
            "Milestone": "31/03/2027",
            "Status": "Not started",
        },
    ]
    for values in rows:
        sheet.append([values.get(h, "") for h in headings])
    filled = tmp_path / "tracker.xlsx"
    workbook.save(filled)
    page.get_by_label("Upload a file").set_input_files(str(filled))
    page.get_by_role("button", name="Check the file").click()

    # 5. The dry run says what will change, and nothing has changed yet.
    expect(page.get_by_role("heading", name="Check before importing")).to_be_visible()
    expect(page.get_by_text("1 recommendation to be created")).to_be_visible()
    updated = page.locator("table", has_text="2 existing recommendations to be updated")
    expect(updated).to_contain_text("Not started")
    expect(updated).to_contain_text("In progress")
    expect(updated).to_contain_text("Two candidates asked; the board votes in May.")
    expect(updated).to_contain_text("Completed")
    assert_no_axe_violations(page)
    assert set(source.recommendations.values_list("status", flat=True)) == {"not_started"}
    assert not source.recommendations.filter(number="11").exists()

    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("3 recommendations imported or updated.")).to_be_visible()
    assert_no_axe_violations(page)
    two_a = Recommendation.objects.get(source=source, number="2a")
    ten = Recommendation.objects.get(source=source, number="10")
    assert two_a.status == "in_progress"
    assert ten.status == "completed" and ten.completed_on == timezone.localdate()
    assert list(two_a.progress.values_list("entry", flat=True)) == [
        "Two candidates asked; the board votes in May."
    ]
    assert _groups(page) == [
        ("Governance", ["1", "1.1", "1.2", "2a"]),
        ("Training", ["2", "10", "11"]),
    ]

    # 6. The recommendation's own page shows the imported progress.
    page.get_by_role("link", name=re.compile("^Name a deputy chair")).click()
    expect(page.get_by_text("Two candidates asked; the board votes in May.")).to_be_visible()
    assert_no_axe_violations(page)

    # 7. The tracker documents group the same way.
    base = f"/recommendations/sources/{source.pk}/tracker"
    assert _docx_groups(_fetch(page, f"{base}.docx")) == [
        ("Governance", ["1", "1.1", "1.2", "2a"]),
        ("Training", ["2", "10", "11"]),
    ]
    pdf = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(_fetch(page, f"{base}.pdf"))).pages
    )
    pdf = " ".join(pdf.split())
    governance, training = pdf.index("Governance"), pdf.index("Training")
    assert governance < pdf.index("Two candidates asked") < training
    assert training < pdf.index("Figures now a standing item")
