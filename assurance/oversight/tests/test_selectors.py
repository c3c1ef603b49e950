from django.db import connection
from django.test.utils import CaptureQueriesContext

from assurance.accounts.permissions import Action, grants_for
from assurance.assessments.rules import Status
from assurance.assessments.tests.factories import crosswalk, scored_version
from assurance.frameworks.models import RatingLevel
from assurance.organisations.tests.factories import OrganisationFactory, PartnershipFactory

from .. import data, rules, selectors
from ..filters import Filters
from .factories import issue

REGIONAL = Action.VIEW_REGIONAL_OVERSIGHT


def _heatmap(user, sort="name", **filters):
    view = selectors.scoped(user, purpose=REGIONAL)
    return selectors.heatmap(view, filters=Filters(**filters), sort=sort)


def _names(report):
    return [row.holder.name for row in report.rows]


def test_an_adviser_sees_only_their_region(version, council, other_council, assessor, analyst):
    issue(council, version, "2023/24", assessor, [3, 3, 3, 3])
    issue(other_council, version, "2023/24", assessor, [2, 2, 2, 2])
    mine = _heatmap(assessor, version=version.pk, period="2023/24")
    assert _names(mine) == ["Ourshire Council"]
    everyone = _heatmap(analyst, version=version.pk, period="2023/24")
    assert _names(everyone) == ["Ourshire Council", "Theirshire Council"]


def test_filter_choices_come_from_the_users_scope(version, council, other_council, assessor):
    issue(council, version, "2023/24", assessor, [3, 3, 3, 3])
    issue(other_council, version, "2022/23", assessor, [2, 2, 2, 2])
    choices = selectors.filter_choices(selectors.scoped(assessor, purpose=REGIONAL))
    assert [name for _, name in choices.regions] == ["Our Region"]
    assert choices.periods == {version.pk: ["2023/24"]}


def test_a_partnership_is_seen_through_its_members(version, council, other_council, assessor):
    joint = PartnershipFactory(name="Joint Partnership", members=[council, other_council])
    issue(None, version, "2023/24", assessor, [3, 3, 3, 3], partnership=joint)
    assert _names(_heatmap(assessor, version=version.pk, period="2023/24")) == ["Joint Partnership"]


def test_cells_carry_band_and_sort_by_any_column(version, council, neighbours, analyst):
    issue(council, version, "2023/24", analyst, [1, 5, 3, 3])
    issue(neighbours[0], version, "2023/24", analyst, [4, 2, 3, 3])
    issue(neighbours[1], version, "2023/24", analyst, [3, 3, 3, 3])
    report = _heatmap(analyst, version=version.pk, period="2023/24", sort="c1")
    assert _names(report) == ["Ourshire Council", "Neighbour 1", "Neighbour 0"]
    first = report.rows[0].cells[0]
    assert (first.value, first.band, first.words) == (1, "not_met", "Not met")
    view = selectors.scoped(analyst, purpose=REGIONAL)
    descending = selectors.heatmap(
        view, filters=Filters(version=version.pk, period="2023/24"), sort="c2", descending=True
    )
    assert _names(descending)[0] == "Ourshire Council"


def test_movement_by_band_within_a_version_and_through_a_crosswalk(council, analyst):
    old = scored_version(criteria=4)
    new = scored_version(criteria=3, levels=(1, 2, 3), bands=("not_met", "met", "exceeded"))
    crosswalk(old, new, {1: 1, 2: 1, 3: 2})  # 1 and 2 merged; new criterion 3 has no source
    issue(council, old, "2021/22", analyst, [2, 4, 2, 1])
    issue(council, old, "2022/23", analyst, [3, 4, 3, 1])
    issue(council, new, "2023/24", analyst, [2, 3, 2])
    same = _heatmap(analyst, version=old.pk, period="2022/23").rows[0]
    assert [c.movement for c in same.cells] == [rules.UP, rules.SAME, rules.UP, rules.SAME]
    assert same.previous_period == "2021/22"
    changed = _heatmap(analyst, version=new.pk, period="2023/24").rows[0]
    # met now against met (3) and exceeded (4) merged; exceeded against met; no source
    assert [c.movement for c in changed.cells] == [rules.MIXED, rules.UP, rules.NO_LINK]
    first = _heatmap(analyst, version=old.pk, period="2021/22").rows[0]
    assert {c.movement for c in first.cells} == {rules.FIRST}


def test_movement_goes_through_the_crosswalk_whichever_way_it_runs(council, analyst):
    old = scored_version(criteria=2)
    new = scored_version(criteria=2)
    walk = crosswalk(new, old, {1: 2, 2: 1})  # written from the new version back: swapped
    issue(council, old, "2022/23", analyst, [1, 5])
    issue(council, new, "2023/24", analyst, [5, 1])
    row = _heatmap(analyst, version=new.pk, period="2023/24").rows[0]
    # Criterion 1 now continues the old criterion 2 (5 then 5), and the other way round.
    assert [c.movement for c in row.cells] == [rules.SAME, rules.SAME]
    assert row.previous_period == "2022/23"
    walk.delete()
    data.forget()
    row = _heatmap(analyst, version=new.pk, period="2023/24").rows[0]
    assert [c.movement for c in row.cells] == [rules.NO_LINK, rules.NO_LINK]


def test_oversight_asks_the_assessments_rule_for_the_previous_assessment(
    council, analyst, version, monkeypatch
):
    from assurance.assessments import rules as assessment_rules

    issue(council, version, "2022/23", analyst, [1, 1, 1, 1])
    issue(council, version, "2023/24", analyst, [3, 3, 3, 3])
    row = _heatmap(analyst, version=version.pk, period="2023/24").rows[0]
    assert {c.movement for c in row.cells} == {rules.UP}
    asked = []

    def no_previous(period, issued, **kwargs):
        asked.append(period)

    monkeypatch.setattr(assessment_rules, "previous_issued", no_previous)
    data.forget()
    row = _heatmap(analyst, version=version.pk, period="2023/24").rows[0]
    assert {c.movement for c in row.cells} == {rules.FIRST}
    assert "2023/24" in asked


def test_a_reissue_shows_at_once(version, council, analyst):
    assessment = issue(council, version, "2023/24", analyst, [3, 3, 3, 3])
    assert _heatmap(analyst, version=version.pk, period="2023/24").rows[0].cells[0].value == 3
    assessment.status = Status.REOPENED
    assessment.save()
    assert _heatmap(analyst, version=version.pk, period="2023/24").rows == []
    response = assessment.responses.order_by("criterion__number").first()
    response.moderated_level = RatingLevel.objects.get(framework_version=version, value=5)
    response.save()
    assessment.status = Status.ISSUED
    assessment.save()
    assert _heatmap(analyst, version=version.pk, period="2023/24").rows[0].cells[0].value == 5


def _count_queries(user, version, *, rebuild=True):
    view_filters = Filters(version=version.pk, period="2023/24")
    grants_for(user)
    if rebuild:
        data.forget()
    with CaptureQueriesContext(connection) as queries:
        view = selectors.scoped(user, purpose=REGIONAL)
        selectors.filter_choices(view)
        selectors.heatmap(view, filters=view_filters)
        selectors.distributions(view, filters=view_filters)
        selectors.consistency_report(view, filters=view_filters)
    return len(queries)


def test_queries_do_not_grow_with_the_data(version, council, analyst):
    issue(council, version, "2023/24", analyst, [3, 3, 3, 3])
    few = _count_queries(analyst, version)
    for n in range(12):
        organisation = OrganisationFactory(region=council.region)
        issue(organisation, version, "2023/24", analyst, [n % 5 + 1, 3, 2, 4])
    assert _count_queries(analyst, version) == few
    # Served from memory while nothing issued changes: only the fingerprint and scope.
    assert _count_queries(analyst, version, rebuild=False) == 3


def test_distributions_count_levels_and_share_meeting_the_duty(
    version, council, neighbours, analyst
):
    issue(council, version, "2023/24", analyst, [1, 3, 3, 3])
    issue(neighbours[0], version, "2023/24", analyst, [3, 3, 3, 3], moderated=[2, 3, 3, 3])
    issue(neighbours[1], version, "2023/24", analyst, [5, 3, 3, 3])
    issue(neighbours[1], version, "2022/23", analyst, [1, 1, 1, 1])
    view = selectors.scoped(analyst, purpose=REGIONAL)
    report = selectors.distributions(view, filters=Filters(version=version.pk, period="2023/24"))
    first = report.criteria[0]
    assert [count for _, _, _, count in first.counts] == [1, 1, 0, 0, 1]  # moderated 2 counts
    assert first.share == 1 / 3
    assert report.overall == 10 / 12
    assert report.all_met == 1 / 3
    assert [(p.period, p.share) for p in report.trend] == [("2022/23", 0.0), ("2023/24", 10 / 12)]


def test_council_overview_hides_shares_of_small_groups(version, council, other_council, analyst):
    issue(council, version, "2023/24", analyst, [3, 3, 1, 3])
    issue(other_council, version, "2023/24", analyst, [1, 1, 1, 1])
    (period,) = selectors.council_overview(council).periods
    assert period.own_share == 0.75
    assert period.region_share is None and period.lines[0].region_share is None


def test_council_overview_shares_for_large_enough_groups(version, council, neighbours, analyst):
    issue(council, version, "2023/24", analyst, [3, 3, 1, 3])
    for n, neighbour in enumerate(neighbours):
        issue(neighbour, version, "2023/24", analyst, [3 if n else 1, 3, 3, 3])
    (period,) = selectors.council_overview(council).periods
    assert period.lines[0].region_share == 0.8
    assert period.region_size == 5
