"""The annual cycle as councils and advisers run it: nothing typed is lost on
pages with several buttons, check your answers before submitting, the
assessor told by email, a letter fit to send (addressee, salutation, chosen
date, signatory, caveats; A4 in PDF and Word), named scales, readable
history, and a council's own red/amber/green self-assessment exported for
its committee. Every page is checked with axe."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import PASSWORD, assessor_for, user_with_role
from assurance.assessments.tests.factories import NAMED, rag_version, scored_version
from assurance.evidence.tests import samples
from assurance.organisations.tests.factories import OrganisationFactory, RegionFactory
from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser
CAVEAT = "The benchmarks do not carry equal weight."


def visit(page, path: str) -> None:
    page.goto(path)
    assert_no_axe_violations(page)


def press(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).first.click()
    assert_no_axe_violations(page)


def sign_in_as(page, login, user) -> None:
    page.context.clear_cookies()
    login(page, user.email, PASSWORD)


@pytest.fixture
def people(transactional_db):
    council = OrganisationFactory(
        name="Fernvale Borough Council",
        region=RegionFactory(name="Midshire"),
        postal_address="Town Hall\nMarket Street\nFernvale FV1 1TH",
    )
    version = scored_version(
        criteria=2, levels=(1, 2, 3), bands=("not_met", "met", "exceeded"), labels=NAMED
    )
    version.letter_caveats = [CAVEAT]
    version.save()
    assessor = assessor_for(region=council.region)
    body = assessor.memberships.get().organisation
    body.postal_address = "Prevent Local Delivery\n2 Marsham Street\nLondon SW1P 4DF"
    body.save()
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    lead.full_name, lead.job_title = "Rosa Delgado", "Head of Community Safety"
    lead.save()
    return {
        "council": council,
        "version": version,
        "lead": lead,
        "assessor": assessor,
        "moderator": assessor_for(region=council.region),
    }


def test_letter_fit_to_send_and_nothing_typed_lost(page, login, people, tmp_path):
    council, version = people["council"], people["version"]
    sign_in_as(page, login, people["assessor"])
    visit(page, "/assessments/new/")
    page.get_by_label("Council or partnership").select_option(label=council.name)
    page.get_by_label("Framework").select_option(label=version.title)
    page.get_by_label("Period").fill("2023/24")
    page.get_by_label("Self-assessment due").fill("30/4/2024")
    press(page, "Open assessment")
    url = re.search(r"/assessments/\d+/", page.url).group(0)

    # The lead types a narrative, then uploads evidence: the narrative is still there.
    sign_in_as(page, login, people["lead"])
    for number in (1, 2):
        visit(page, url)
        with page.expect_navigation():
            page.get_by_role("link", name=f"{number}. Criterion title {number}").click()
        assert_no_axe_violations(page)
        narrative = f"Our board oversees criterion {number}."
        page.get_by_label("How the council meets this criterion").fill(narrative)
        page.get_by_label("Met", exact=True).check()  # a named level: no number beside it
        page.get_by_label("Yes, it's completed").check()
        if number == 1:
            upload = tmp_path / "board-minutes.pdf"
            upload.write_bytes(samples.PDF)
            page.locator("#id_file-title").fill("Board minutes")
            page.locator("#id_file-evidence_date").fill("31/3/2024")
            page.locator("#id_file-file").set_input_files(str(upload))
            press(page, "Upload file")
            assert "Download board-minutes.pdf" in page.content()
            assert page.get_by_label("How the council meets this criterion").input_value() == (
                narrative
            )
            assert page.get_by_label("Met", exact=True).is_checked()
        press(page, "Save")
    # Check your answers, then submit: the assessor is emailed, and the page says so.
    visit(page, f"{url}submit/")
    assert "Check your answers" in page.content() and "Board minutes" in page.content()
    press(page, "Submit self-assessment")
    assert "has been sent an email" in page.content()
    assert mail.outbox and mail.outbox[-1].to == [people["assessor"].email]

    # The assessor scores; on the summary page a typed summary survives "Add recommendation".
    sign_in_as(page, login, people["assessor"])
    visit(page, "/")
    assert "Fernvale Borough Council 2023/24" in page.content()
    for number in (1, 2):
        visit(page, f"{url}scores/{_criterion_id(page, url, number)}/")
        page.get_by_label("Met", exact=True).check()
        page.get_by_label("Rationale").fill("The evidence matches the met descriptor.")
        press(page, "Save score")
    visit(page, f"{url}summary/")
    page.get_by_label("Overall summary").fill("Fernvale meets the duty.")
    page.get_by_label("Recommendation").fill("Publish a training plan.")
    press(page, "Add recommendation")
    assert "Fernvale meets the duty." in page.get_by_label("Overall summary").input_value()
    assert "Summary saved" in page.content() and "Recommendation 1 added" in page.content()
    with page.expect_navigation():
        page.get_by_role("link", name="Change recommendation 1").click()
    assert_no_axe_violations(page)
    page.get_by_label("Recommendation").fill("Publish and resource a training plan.")
    press(page, "Save recommendation")
    assert "Publish and resource a training plan." in page.content()
    visit(page, f"{url}scores/")
    press(page, "Mark ready for moderation")

    sign_in_as(page, login, people["moderator"])
    visit(page, f"{url}moderation/")
    assert "Met: 1" in page.content()  # the distribution names the level
    page.get_by_label("Agree the scores").check()
    press(page, "Record decision")

    # The issue page says what is missing, then issues with the chosen details.
    sign_in_as(page, login, people["assessor"])
    visit(page, f"{url}issue/")
    assert "The letter still needs" in page.content()
    page.get_by_label("Address the letter to").select_option(
        label="Rosa Delgado, Head of Community Safety (Fernvale Borough Council)"
    )
    page.get_by_label("Salutation").fill("Dear Ms Delgado")
    page.get_by_label("Signatory's name").fill("Noor Haddad")
    page.get_by_label("Signatory's job title").fill("Regional Prevent Adviser")
    page.get_by_label("Signatory's contact details").fill("noor.haddad@example.gov.uk")
    page.get_by_label("Copied to (optional)").fill("Chief Executive")
    today = timezone.localdate()
    page.get_by_label("Date of the letter").fill(today.strftime("%d/%m/%Y"))
    press(page, "Issue letter")
    assert "read-only" in page.content()
    visit(page, f"{url}letter/")
    pdf_bytes = _download(page, "Download PDF")
    docx_bytes = _download(page, "Download Word document")
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages)
    pdf = re.sub(r"\s+", " ", pdf)
    document = Document(io.BytesIO(docx_bytes))
    docx = " ".join(p.text for p in document.paragraphs).replace("\n", " ")
    for text in (
        "Rosa Delgado",
        "Head of Community Safety",
        "Dear Ms Delgado,",
        today.strftime("%-d %B %Y"),
        "Noor Haddad",
        "Regional Prevent Adviser",
        "2 Marsham Street",
        CAVEAT,
        "Chief Executive",
    ):
        assert text in pdf and text in docx, text
    assert "recommendations above" in pdf and "other authorities" not in pdf
    box = PdfReader(io.BytesIO(pdf_bytes)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 25

    # History reads as a person reads it.
    visit(page, f"/history/assessments.assessment/{url.split('/')[2]}/")
    assert "Self-assessment submitted" in page.content() and "Rosa Delgado" in page.content()


def test_council_own_rag_self_assessment_exported(page, login, people, tmp_path):
    version = rag_version(criteria=2)
    sign_in_as(page, login, people["lead"])
    visit(page, "/assessments/")
    with page.expect_navigation():
        page.get_by_role("link", name="Start your council's own self-assessment").click()
    assert_no_axe_violations(page)
    page.get_by_label("Framework").select_option(label=version.title)
    page.get_by_label("Period").fill("2023/24")
    press(page, "Start self-assessment")
    url = re.search(r"/assessments/\d+/", page.url).group(0)
    assert "own self-assessment" in page.content()
    for number, rating in ((1, "Green (met)"), (2, "Amber (partially met)")):
        visit(page, url)
        with page.expect_navigation():
            page.get_by_role("link", name=f"{number}. Criterion title {number}").click()
        page.get_by_label("How the council meets this criterion").fill(f"Criterion {number}.")
        page.get_by_label(rating, exact=True).check()
        page.get_by_label("Yes, it's completed").check()
        press(page, "Save")
    visit(page, f"{url}submit/")
    assert "Check your answers before signing off" in page.content()
    press(page, "Sign off self-assessment")
    assert "signed off" in page.content()
    sheet_bytes = _download(page, "Download as Excel spreadsheet")
    pdf_bytes = _download(page, "Download as PDF")
    docx_bytes = _download(page, "Download as Word document")
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages)
    assert "1 Green, 1 Amber" in pdf
    assert "1 Green, 1 Amber" in " ".join(
        p.text for p in Document(io.BytesIO(docx_bytes)).paragraphs
    )
    assert sheet_bytes.startswith(b"PK")
    assert "Issue" not in page.get_by_role("main").inner_text()


def _criterion_id(page, url: str, number: int) -> int:
    from assurance.assessments.models import Assessment

    assessment = Assessment.objects.get(pk=int(url.split("/")[2]))
    return assessment.responses.get(criterion__number=number).criterion_id


def _download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(link_name)).first.click()
    return open(info.value.path(), "rb").read()


def test_next_cycle_carries_last_period_forward_to_confirm(page, login, people):
    """The assessor opens the next period carrying last year forward (the
    default); the lead sees each carried criterion marked, last year's level
    and narrative beside this year's, last year's evidence flagged as dated
    before the period, and confirms one criterion."""
    from datetime import date

    from assurance.assessments import services
    from assurance.assessments.tests.factories import complete_self_assessment, record_as_issued

    council, version = people["council"], people["version"]
    earlier = services.assessment_open(
        actor=people["assessor"],
        framework_version=version,
        period="2023/24",
        due_date=date(2023, 6, 30),
        organisation=council,
    )
    complete_self_assessment(earlier, people["lead"])
    first = earlier.responses.order_by("criterion__number").first()
    services.criterion_evidence_link_add(
        actor=people["lead"],
        response=first,
        title="Partnership board terms of reference",
        evidence_date=date(2023, 5, 1),
        marking="OFFICIAL",
        url="https://example.org/board",
    )
    record_as_issued(earlier, people["assessor"])

    sign_in_as(page, login, people["assessor"])
    visit(page, "/assessments/new/")
    carry = page.get_by_label("Carry forward last year's narratives and evidence")
    assert carry.is_checked()  # the default
    page.get_by_label("Council or partnership").select_option(label=council.name)
    page.get_by_label("Framework").select_option(label=version.title)
    page.get_by_label("Period").fill("2024/25")
    page.get_by_label("Self-assessment due").fill("30/6/2024")
    press(page, "Open assessment")
    assert "carried forward as a draft" in page.content()
    url = re.search(r"/assessments/\d+/", page.url).group(0)

    sign_in_as(page, login, people["lead"])
    visit(page, url)
    assert page.get_by_text("Carried forward — confirm or update").count() == 2
    assert "What changed since last period" in page.content()
    with page.expect_navigation():
        page.get_by_role("link", name="1. Criterion title 1").click()
    assert_no_axe_violations(page)
    content = page.content()
    assert "Carried forward — confirm or update" in content
    assert "2023/24 beside this period" in content
    assert "Dated before this period — check it is still current" in content
    assert page.get_by_label("How the council meets this criterion").input_value() == (
        "How we meet criterion 1."
    )
    page.get_by_label("How the council meets this criterion").fill(
        "How we meet criterion 1. The board's terms were renewed this year."
    )
    press(page, "Confirm and save")
    assert page.get_by_text("Carried forward — confirm or update").count() == 1
