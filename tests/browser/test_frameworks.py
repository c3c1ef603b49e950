"""The framework library, rubric, crosswalk and upload pages in a real
browser, with an accessibility check on every page visited."""

import pytest
from playwright.sync_api import expect

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import PASSWORD, user_with_role
from assurance.frameworks.tests.factories import shipped
from assurance.organisations.tests.factories import OrganisationFactory
from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def frameworks(transactional_db):
    shipped()


def visit(page, path: str) -> None:
    page.goto(path)
    assert_no_axe_violations(page)


def test_a_council_viewer_reads_the_rubrics_and_crosswalks(page, login, frameworks):
    viewer = user_with_role(Role.COUNCIL_VIEWER, OrganisationFactory(name="Fictional Council"))
    login(page, viewer.email, PASSWORD)
    page.get_by_role("link", name="Frameworks").first.click()
    assert_no_axe_violations(page)
    expect(page.get_by_role("heading", name="Frameworks", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Upload a framework file")).to_have_count(0)

    page.get_by_role(
        "link", name="Prevent local authority performance scoring criteria 2021/22"
    ).click()
    assert_no_axe_violations(page)
    expect(page.get_by_role("heading", level=2, name="1. Risk assessment")).to_be_visible()
    tables = page.locator("table:has(caption.govuk-table__caption--s)")
    expect(tables).to_have_count(10)
    expect(tables.first.locator("tbody tr")).to_have_count(5)

    for path in (
        "/frameworks/home-office-prevent-duty-toolkit/2023/",
        "/frameworks/home-office-la-scoring-criteria-rag/2021-22/",
        "/frameworks/scottish-prevent-peer-review/2019/",
    ):
        visit(page, path)
    expect(page.get_by_role("heading", level=2, name="Information sharing")).to_be_visible()

    visit(page, "/frameworks/crosswalks/la-scoring-2021-22-to-toolkit-2023/")
    expect(page.get_by_role("cell", name="Merged")).to_have_count(4)
    visit(page, "/frameworks/crosswalks/scottish-2019-to-la-scoring-2021-22/")


def test_the_rubric_prints_without_navigation(page, login, frameworks):
    viewer = user_with_role(Role.ASSESSOR, OrganisationFactory(kind="assessing_body", region=None))
    login(page, viewer.email, PASSWORD)
    visit(page, "/frameworks/home-office-la-scoring-criteria/2021-22/")
    page.emulate_media(media="print")
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    expect(page.locator(".app-classification-banner")).to_be_visible()
    expect(page.get_by_text("Little or nothing is in place.")).to_be_visible()


def test_an_administrator_sees_every_problem_then_loads_a_file(page, login, frameworks, tmp_path):
    admin = user_with_role(Role.ADMINISTRATOR)
    login(page, admin.email, PASSWORD)
    visit(page, "/frameworks/")
    page.get_by_role("link", name="Upload a framework file").click()
    assert_no_axe_violations(page)

    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: framework\nslug: Not A Slug\n")
    page.get_by_label("Framework or crosswalk file").set_input_files(str(broken))
    page.get_by_role("button", name="Check and load file").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("broken.yaml, slug: 'Not A Slug' is not allowed here")
    expect(summary).to_contain_text("the required field 'criteria' is missing")
    assert_no_axe_violations(page)

    good = tmp_path / "good.yaml"
    good.write_text(
        "kind: framework\nslug: browser-framework\ntitle: Browser framework\n"
        "publisher: Test\nversion: '1'\nversion_title: Browser framework version 1\n"
        "scale: unscored\ncriteria:\n  - {number: 1, code: only-one, title: Only one}\n"
    )
    page.get_by_label("Framework or crosswalk file").set_input_files(str(good))
    page.get_by_role("button", name="Check and load file").click()
    expect(page.get_by_text("browser-framework 1: created.")).to_be_visible()
    assert_no_axe_violations(page)
    expect(page.get_by_role("link", name="Browser framework version 1")).to_be_visible()
