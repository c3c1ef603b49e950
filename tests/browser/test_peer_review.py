"""A peer review in a browser: the review manager sets up the review and its
team; a peer declares no conflict, records a line of enquiry, a session and
findings; the report is issued and its PDF and Word text checked; the
suggested improvement is in the host's register and the host responds. Every
page visited passes axe."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import PASSWORD, assessor_for, user_with_role
from assurance.organisations.tests.factories import OrganisationFactory, RegionFactory
from assurance.reviews.tests.factories import peer_review_version
from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser


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
    region = RegionFactory(name="Highlands", nation="scotland")
    host = OrganisationFactory(name="Glenfarrow Council", kind="scottish", region=region)
    version = peer_review_version(slug="browser-peer-review", nations=["scotland"])
    return {
        "host": host,
        "version": version,
        "lead": user_with_role(Role.COUNCIL_LEAD, host),
        "manager": assessor_for(region=region),
        "peer": user_with_role(
            Role.PEER_REVIEWER, OrganisationFactory(name="Strathbeg Council", region=region)
        ),
    }


def test_peer_review_from_team_to_register(page, login, people):
    host, version, peer = people["host"], people["version"], people["peer"]

    # 1. The review manager sets up the review and the team.
    sign_in_as(page, login, people["manager"])
    visit(page, "/reviews/")
    visit(page, "/reviews/new/")
    page.get_by_label("Host council or partnership").select_option(label=host.name)
    page.get_by_label("Framework").select_option(label=version.title)
    page.get_by_label("Scottish peer review").check()
    page.get_by_label("Title").fill("Glenfarrow peer review 2026")
    page.get_by_label("Review starts").fill("2/3/2026")
    page.get_by_label("Review ends").fill("29/5/2026")
    submit_and_check(page, "Set up review")
    review_url = re.search(r"/reviews/\d+/", page.url).group(0)
    assert "Review manager" in page.content()
    visit(page, f"{review_url}team/add/")
    page.get_by_label("Email address").fill(peer.email)
    page.get_by_label("Peer", exact=True).check()
    submit_and_check(page, "Add to team")
    assert "added as peer" in page.content()
    # A stage cannot finish before the one it depends on.
    with page.expect_navigation():
        page.get_by_role("link", name="2. Evidence review").click()
    page.get_by_label("Completed").check()
    submit_and_check(page, "Save stage")
    assert "Finish “Self-assessment” before" in page.content()

    # 2. The peer declares, then records a line of enquiry, a session and findings.
    sign_in_as(page, login, peer)
    assert "Glenfarrow peer review 2026" in page.content()
    visit(page, review_url)
    visit(page, f"{review_url}declaration/")
    page.get_by_label("No, I have no conflict of interest").check()
    submit_and_check(page, "Make declaration")
    assert "Declaration recorded" in page.content()
    visit(page, f"{review_url}self-assessment/")
    visit(page, f"{review_url}enquiries/")
    page.get_by_label("Line of enquiry").fill("How does the council know its work is effective?")
    page.get_by_label("1. Criterion number 1").check()
    submit_and_check(page, "Add line of enquiry")
    assert "Line of enquiry 1 added" in page.content()
    visit(page, f"{review_url}programme/")
    page.get_by_label("What the session covers").fill("Leadership and governance")
    page.get_by_label("Date").fill("10/3/2026")
    page.get_by_label("Start time").fill("09:30")
    page.get_by_label("In person", exact=True).check()
    submit_and_check(page, "Add session")
    page.get_by_label("Job title").fill("Head of public protection")
    page.get_by_label("Agency").fill("Glenfarrow Council")
    submit_and_check(page, "Add participant")
    page.get_by_label("The team's notes").fill("Governance is informal.")
    page.get_by_label("OFFICIAL-SENSITIVE").check()
    submit_and_check(page, "Save notes")
    visit(page, f"{review_url}findings/")
    page.get_by_label("Suggested improvement").check()
    page.get_by_label("The finding").fill("Report yearly progress to a senior board.")
    submit_and_check(page, "Add finding")
    assert "Choose the delivery area the finding belongs to." in page.content()
    page.get_by_label("First area").check()
    page.get_by_label("2. Criterion number 2").check()
    submit_and_check(page, "Add finding")
    page.get_by_label("Good practice").check()
    page.get_by_label("Second area").check()
    page.get_by_label("The finding").fill("Staff know how to raise a concern.")
    submit_and_check(page, "Add finding")
    visit(page, f"{review_url}report/edit/")
    page.get_by_label("Executive summary").fill("The foundations are in place.")
    submit_and_check(page, "Save report text")

    # 3. The review manager issues the report; both files carry the findings.
    sign_in_as(page, login, people["manager"])
    visit(page, f"{review_url}report/")
    visit(page, f"{review_url}report/issue/")
    submit_and_check(page, "Issue report")
    assert "Report issued (version 1)" in page.content()
    pdf_text = _download_text(page, "Download PDF", _pdf_text).replace("\n", " ")
    docx_text = _download_text(page, "Download Word document", _docx_text)
    for text in (
        "First area",
        "Second area",
        "Review manager",
        "Peer",
        "Report yearly progress to a senior board.",
        "Staff know how to raise a concern.",
        "Head of public protection",
    ):
        assert text in pdf_text and text in docx_text, text
    assert "Governance is informal." not in pdf_text + docx_text

    # 4. The host reads the report and answers the improvement in its register.
    sign_in_as(page, login, people["lead"])
    visit(page, f"{review_url}report/")
    visit(page, review_url)
    with page.expect_navigation():
        page.get_by_role("link", name="The host's register and response matrix").click()
    assert_no_axe_violations(page)
    assert "Report yearly progress to a senior board." in page.content()
    with page.expect_navigation():
        page.get_by_role("link", name="Respond to all recommendations").click()
    page.get_by_label("Lead for recommendation 1").fill("Head of public protection")
    page.get_by_label("Milestone for recommendation 1").fill("31/03/2027")
    page.get_by_label("Response to recommendation 1").select_option("accepted")
    submit_and_check(page, "Save responses")

    # 5. The review shows the host's response.
    sign_in_as(page, login, people["manager"])
    visit(page, review_url)
    assert re.search(r"Report yearly progress.*?Recommendation 1.*?Accepted", page.content(), re.S)


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
