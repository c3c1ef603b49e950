import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.recommendations.models import Recommendation, RecommendationSource, Status

from .factories import issue

PAGES = ["heatmap", "distributions", "consistency", "recommendations"]


@pytest.fixture
def issued(version, council, other_council, assessor, other_assessor):
    issue(council, version, "2023/24", assessor, [3, 2, 4, 3])
    issue(other_council, version, "2023/24", other_assessor, [2, 2, 3, 5])


@pytest.mark.parametrize("name", PAGES)
def test_council_users_are_refused_regional_views(client, lead, issued, name):
    client.force_login(lead)
    assert client.get(reverse(f"oversight:{name}")).status_code == 403
    export = reverse(f"oversight:{name}_export", args=["csv"])
    assert client.get(export).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_an_adviser_sees_only_their_region_in_pages_and_exports(client, assessor, issued, name):
    client.force_login(assessor)
    page = client.get(reverse(f"oversight:{name}")).content.decode()
    assert "Theirshire" not in page and "Their Region" not in page
    for fmt in ("csv", "xlsx"):
        response = client.get(reverse(f"oversight:{name}_export", args=[fmt]))
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        content = response.content
        if fmt == "xlsx":
            sheet = load_workbook(io.BytesIO(content)).active
            content = " ".join(str(c.value) for row in sheet.iter_rows() for c in row).encode()
        assert b"Theirshire" not in content


def test_heatmap_shows_level_band_and_links_to_the_overview(client, analyst, council, issued):
    client.force_login(analyst)
    page = client.get(reverse("oversight:heatmap")).content.decode()
    assert "Ourshire Council" in page and "Theirshire Council" in page
    assert "3 Met" in page and "2 Not met" in page and "4 Exceeded" in page
    assert reverse("oversight:council", args=[council.pk]) in page
    assert "moj-scrollable-pane" in page


def test_heatmap_csv_has_the_marking_and_one_row_per_council(client, analyst, issued):
    client.force_login(analyst)
    lines = (
        client.get(reverse("oversight:heatmap_export", args=["csv"]))
        .content.decode("utf-8-sig")
        .splitlines()
    )
    assert lines[0] == "OFFICIAL"
    assert lines[1].startswith("Council,Region")
    assert len(lines) == 4


def test_bad_filters_get_a_message_not_an_error(client, analyst, issued):
    client.force_login(analyst)
    response = client.get(reverse("oversight:heatmap"), {"version": "999", "region": "x"})
    assert response.status_code == 200
    assert "Some filters could not be used" in response.content.decode()
    assert client.get(reverse("oversight:heatmap"), {"page": "99"}).status_code == 200


def test_filters_narrow_the_heatmap(client, analyst, council, issued):
    client.force_login(analyst)
    page = client.get(reverse("oversight:heatmap"), {"region": council.region_id}).content
    assert b"Ourshire" in page and b"Theirshire" not in page


def test_council_overview_for_the_councils_own_users(client, lead, council, other_council, issued):
    client.force_login(lead)
    page = client.get(reverse("oversight:council", args=[council.pk])).content.decode()
    assert "Ourshire Council" in page
    assert "Theirshire" not in page
    assert client.get(reverse("oversight:council", args=[other_council.pk])).status_code == 404


def test_register_report_by_region_with_median_and_stale_sources(
    client, assessor, analyst, council, other_council
):
    today = date.today()
    old = RecommendationSource.objects.create(
        organisation=council,
        kind="scrutiny_review",
        title="Old review",
        made_by="Scrutiny",
        made_on=today - timedelta(days=400),
    )
    for n, (status, completed, milestone) in enumerate(
        [
            (Status.COMPLETED, today - timedelta(days=300), None),
            (Status.COMPLETED, today - timedelta(days=200), None),
            (Status.IN_PROGRESS, None, today - timedelta(days=5)),
        ],
        start=1,
    ):
        Recommendation.objects.create(
            source=old,
            number=n,
            text=f"Do thing {n}",
            status=status,
            completed_on=completed,
            milestone=milestone,
        )
    theirs = RecommendationSource.objects.create(
        organisation=other_council,
        kind="internal_audit",
        title="Their audit",
        made_by="Audit",
        made_on=today,
    )
    Recommendation.objects.create(source=theirs, number=1, text="Their thing")
    client.force_login(analyst)
    page = client.get(reverse("oversight:recommendations")).content.decode()
    assert "Old review" in page and "Their Region" in page
    client.force_login(assessor)
    response = client.get(reverse("oversight:recommendations"))
    report = response.context["report"]
    (region,) = report.by_region
    assert (region.label, region.total, region.open, region.overdue, region.completed) == (
        "Our Region",
        3,
        1,
        1,
        2,
    )
    assert region.median_days == 150
    assert report.stale_count == 1


def test_consistency_page_flags_a_lenient_assessor(client, analyst, version, council):
    from assurance.accounts.tests.factories import assessor_for
    from assurance.organisations.tests.factories import OrganisationFactory

    assessors = [assessor_for(region=council.region) for _ in range(4)]
    councils = [OrganisationFactory(region=council.region) for _ in range(40)]
    periods = ["2020/21", "2021/22", "2022/23"]
    for p, period in enumerate(periods):
        for c, organisation in enumerate(councils):
            who = (c + p) % 4
            base = 2 + c % 3
            levels = [min(5, base + (who == 0) + (k % 2 and c % 2)) for k in range(4)]
            issue(organisation, version, period, assessors[who], levels)
    client.force_login(analyst)
    response = client.get(reverse("oversight:consistency"), {"version": version.pk})
    report = response.context["report"]
    flagged = [row.assessor_id for row in report.flagged]
    assert flagged == [assessors[0].pk]
    assert "Lenient" in response.content.decode()


def test_home_links_a_council_user_to_their_overview(client, lead, council):
    client.force_login(lead)
    page = client.get("/").content.decode()
    assert reverse("oversight:council", args=[council.pk]) in page


def test_peer_reviewers_and_administrators_have_no_oversight(client, council):
    for role in (Role.PEER_REVIEWER, Role.ADMINISTRATOR):
        client.force_login(user_with_role(role, council))
        assert client.get(reverse("oversight:heatmap")).status_code == 403


def test_a_register_change_shows_at_once(client, analyst, council):
    source = RecommendationSource.objects.create(
        organisation=council,
        kind="internal_audit",
        title="Audit",
        made_by="Audit",
        made_on=date.today(),
    )
    item = Recommendation.objects.create(source=source, number=1, text="Do it")
    client.force_login(analyst)
    assert client.get(reverse("oversight:recommendations")).context["report"].overall.open == 1
    item.status, item.completed_on = Status.COMPLETED, date.today()
    item.save()
    report = client.get(reverse("oversight:recommendations")).context["report"]
    assert (report.overall.open, report.overall.completed) == (0, 1)
