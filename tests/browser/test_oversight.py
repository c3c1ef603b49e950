"""Oversight pages with real figures, for an analyst and an adviser, at a
desktop width and at 320 px: every page passes axe, the wide heatmap
scrolls inside its own pane rather than widening the page, sorting and
filtering work without JavaScript, and a council lead sees only their own
council's overview."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import PASSWORD, assessor_for, user_with_role
from assurance.assessments.tests.factories import crosswalk, scored_version
from assurance.organisations.tests.factories import OrganisationFactory, RegionFactory
from assurance.oversight.tests.factories import issue
from assurance.recommendations.models import Recommendation, RecommendationSource
from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

PAGES = [
    "/oversight/",
    "/oversight/distributions/",
    "/oversight/consistency/",
    "/oversight/recommendations/",
]


@pytest.fixture
def nation(transactional_db):
    north, south = RegionFactory(name="Northern Region"), RegionFactory(name="Southern Region")
    old = scored_version(criteria=10)
    new = scored_version(criteria=8, levels=(1, 2, 3), bands=("not_met", "met", "exceeded"))
    crosswalk(old, new, {n: min(n, 8) for n in range(1, 11)})
    councils = [
        OrganisationFactory(name=f"{'North' if n % 2 else 'South'}ford Council {n}",
                            region=north if n % 2 else south, is_priority_area=n % 3 == 0)
        for n in range(12)
    ]  # fmt: skip
    assessors = [assessor_for(region=north), assessor_for(region=south), assessor_for(region=north)]
    for p, period in enumerate(["2021/22", "2022/23"]):
        for c, council in enumerate(councils):
            issue(
                council,
                old,
                period,
                assessors[(c + p) % 3],
                [1 + (c + k + p) % 5 for k in range(10)],
            )
    for c, council in enumerate(councils):
        issue(council, new, "2023/24", assessors[c % 3], [1 + (c + k) % 3 for k in range(8)])
    source = RecommendationSource.objects.create(
        organisation=councils[1], kind="scrutiny_review", title="Scrutiny review of Prevent",
        made_by="Scrutiny panel", made_on=date.today() - timedelta(days=500),
    )  # fmt: skip
    for n in range(1, 4):
        Recommendation.objects.create(source=source, number=n, text=f"Recommendation {n}",
                                      milestone=date.today() - timedelta(days=10))  # fmt: skip
    analyst = user_with_role(Role.NATIONAL_ANALYST)
    lead = user_with_role(Role.COUNCIL_LEAD, councils[1])
    return {"analyst": analyst, "adviser": assessors[0], "lead": lead, "council": councils[1]}


def _visit_all(page: Page) -> None:
    for path in PAGES:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text("Oversight")
        assert_no_axe_violations(page)


def test_oversight_pages_for_an_analyst_at_desktop_and_320px(page: Page, login, nation):
    login(page, nation["analyst"].email, PASSWORD)
    _visit_all(page)
    page.set_viewport_size({"width": 320, "height": 800})
    _visit_all(page)
    page.goto("/oversight/")
    # The table scrolls inside its pane; the page itself does not get wider.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    pane = page.locator(".moj-scrollable-pane").first
    assert pane.evaluate("el => el.scrollWidth > el.clientWidth")


def test_sorting_and_filtering_the_heatmap_without_javascript(browser, live_server, login, nation):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Analysts must pass two-factor authentication; login() takes the second
    # step too, so the heatmap is reached rather than the set-up page.
    login(page, nation["analyst"].email, PASSWORD)
    page.goto("/oversight/")
    page.get_by_role("link", name="1. Criterion title 1").click()
    assert "sort=c1" in page.url
    sorted_url = page.url
    page.get_by_text("Filter").first.click()
    page.get_by_label("Region").select_option(label="Northern Region")
    page.get_by_role("button", name="Apply filters").click()
    rows = page.locator("tbody tr th").all_inner_texts()
    assert rows and all("Northford" in r for r in rows)
    filtered_url = page.url
    context.close()
    # axe runs as a script, so the pages reached without JavaScript are
    # checked again in a context that runs it.
    checking = browser.new_context(base_url=live_server.url)
    page = checking.new_page()
    page.set_default_timeout(15_000)
    login(page, nation["analyst"].email, PASSWORD)
    for url in (sorted_url, filtered_url):
        page.goto(url)
        assert_no_axe_violations(page)
    checking.close()


def test_an_adviser_sees_their_region(page: Page, login, nation):
    login(page, nation["adviser"].email, PASSWORD)
    _visit_all(page)
    page.goto("/oversight/")
    body = page.locator("main").inner_text()
    assert "Northford" in body and "Southford" not in body


def test_a_council_lead_sees_their_overview_and_no_other_council(page: Page, login, nation):
    login(page, nation["lead"].email, PASSWORD)
    page.goto("/")
    page.get_by_role("link", name="Overview of Northford Council 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Northford Council 1")
    assert_no_axe_violations(page)
    body = page.locator("main").inner_text()
    assert "Council 3" not in body and "Southford" not in body
    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    response = page.goto("/oversight/")
    assert response.status == 403
