"""The whole annual cycle in a browser: an assessor opens the assessment, the
council lead completes and submits the self-assessment with evidence, the
assessor scores it and marks it ready, a second assessor moderates, the
assessor issues the letter, and the PDF and Word letters both carry the score
table. Every page is checked with axe."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import PASSWORD, assessor_for, user_with_role
from assurance.assessments.tests.factories import scored_version
from assurance.evidence.tests import samples
from assurance.organisations.tests.factories import OrganisationFactory, RegionFactory
from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser
LEVELS = [4, 3, 2]


def visit(page, path: str) -> None:
    page.goto(path)
    assert_no_axe_violations(page)


def submit_and_check(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()
    assert_no_axe_violations(page)


def sign_in_as(page, login, user) -> None:
    page.context.clear_cookies()
    login(page, user.email, PASSWORD)
    assert_no_axe_violations(page)


@pytest.fixture
def people(transactional_db):
    council = OrganisationFactory(
        name="Fernvale Borough Council", region=RegionFactory(name="Midshire")
    )
    version = scored_version(criteria=3)
    assessor = assessor_for(region=council.region)
    body = assessor.memberships.get().organisation
    body.postal_address = "2 Marsham Street\nLondon SW1P 4DF"
    body.save()
    return {
        "council": council,
        "version": version,
        "lead": user_with_role(Role.COUNCIL_LEAD, council),
        "assessor": assessor,
        "moderator": assessor_for(region=council.region),
    }


def test_whole_assessment_cycle(page, login, people, tmp_path):
    version, council = people["version"], people["council"]

    # 1. The assessor opens the assessment.
    sign_in_as(page, login, people["assessor"])
    visit(page, "/assessments/")
    visit(page, "/assessments/new/")
    page.get_by_label("Council or partnership").select_option(label=council.name)
    page.get_by_label("Framework").select_option(label=version.title)
    page.get_by_label("Period").fill("2021/22")
    page.get_by_label("Self-assessment due").fill("30/4/2022")
    submit_and_check(page, "Open assessment")
    assessment_url = re.search(r"/assessments/\d+/", page.url).group(0)

    # 2. The council lead completes each task, with evidence, and submits.
    sign_in_as(page, login, people["lead"])
    visit(page, assessment_url)
    visit(page, f"{assessment_url}submit/")
    assert "You cannot submit yet" in page.content()
    for number, level in enumerate(LEVELS, start=1):
        visit(page, assessment_url)
        with page.expect_navigation():
            page.get_by_role("link", name=f"{number}. Criterion title {number}").click()
        assert_no_axe_violations(page)
        if number == 1:
            upload = tmp_path / "attendance-figures.csv"
            upload.write_bytes(samples.CSV)
            page.locator("#id_file-title").fill("Attendance figures")
            page.locator("#id_file-evidence_date").fill("31/3/2022")
            page.locator("#id_file-file").set_input_files(str(upload))
            submit_and_check(page, "Upload file")
            assert "Download attendance-figures.csv" in page.content()
        page.get_by_label("How the council meets this criterion").fill(
            f"Our work on criterion {number}."
        )
        page.get_by_label(re.compile(rf"^{level} \(")).check()
        page.get_by_label("Yes, it's completed").check()
        submit_and_check(page, "Save")
    visit(page, f"{assessment_url}submit/")
    submit_and_check(page, "Submit self-assessment")
    assert "Self-assessment submitted" in page.content()

    # 3. The assessor scores each criterion, writes the summary and a recommendation.
    sign_in_as(page, login, people["assessor"])
    for number, level in enumerate(LEVELS, start=1):
        visit(page, f"{assessment_url}scores/")
        with page.expect_navigation():
            page.get_by_role("link", name=f"Score criterion {number}").click()
        assert_no_axe_violations(page)
        page.get_by_label(re.compile(rf"^{level} \(")).check()
        page.get_by_label("Rationale").fill(f"Matches the level {level} descriptor.")
        page.get_by_label("Good practice").fill(f"Strength seen on criterion {number}.")
        page.get_by_label("Areas for development").fill(f"Next step for criterion {number}.")
        submit_and_check(page, "Save score")
    visit(page, f"{assessment_url}summary/")
    page.get_by_label("Overall summary").fill("Fernvale meets the duty in most areas.")
    submit_and_check(page, "Save summary")
    page.get_by_label("Recommendation").fill("Publish a learning plan for frontline staff.")
    page.get_by_label("About").select_option(label="2. Criterion title 2")
    submit_and_check(page, "Add recommendation")
    visit(page, f"{assessment_url}scores/")
    submit_and_check(page, "Mark ready for moderation")
    assert "Marked ready for moderation" in page.content()

    # 4. A second assessor moderates: scores beside the distribution, then agrees.
    sign_in_as(page, login, people["moderator"])
    visit(page, "/")
    assert "Awaiting moderation" in page.content()
    visit(page, f"{assessment_url}moderation/")
    page.get_by_label("Agree the scores").check()
    submit_and_check(page, "Record decision")
    assert "Scores agreed" in page.content()

    # 5. The assessor issues the letter; it is downloaded in both formats.
    sign_in_as(page, login, people["assessor"])
    visit(page, f"{assessment_url}issue/")
    fill_letter(page)
    submit_and_check(page, "Issue letter")
    assert "read-only" in page.content()
    visit(page, f"{assessment_url}letter/")
    pdf_text = _download_text(page, "Download PDF", _pdf_text)
    docx_text = _download_text(page, "Download Word document", _docx_text)
    for number, level in enumerate(LEVELS, start=1):
        assert re.search(rf"{number}\s+Criterion title {number}\s+{level}\s", pdf_text), pdf_text
        assert f"{number} | Criterion title {number} | {level} | " in docx_text
    assert "Publish a learning plan for frontline staff." in pdf_text.replace("\n", " ")


def fill_letter(page) -> None:
    """What a letter needs beyond the scores (the assessing body's address is on record)."""
    page.get_by_label("Addressee's name").fill("Rosa Delgado")
    page.get_by_label("Addressee's job title").fill("Head of Community Safety")
    page.get_by_label("Council's postal address").fill("Town Hall\nFernvale FV1 1TH")
    page.get_by_label("Salutation").fill("Dear Ms Delgado")
    page.get_by_label("Signatory's name").fill("Noor Haddad")
    page.get_by_label("Signatory's job title").fill("Regional Prevent Adviser")
    page.get_by_label("Signatory's contact details").fill("noor.haddad@example.gov.uk")


def _download_text(page, link_name: str, extract) -> str:
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(link_name)).first.click()
    return extract(open(info.value.path(), "rb").read())


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    rows = [" | ".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
    return "\n".join([p.text for p in document.paragraphs] + rows)
