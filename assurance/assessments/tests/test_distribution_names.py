"""The moderation page names the councils behind each count, for those the
moderator oversees only."""

from django.urls import reverse

from assurance.assessments import selectors
from assurance.assessments.models import Assessment
from assurance.oversight.tests.factories import issue

from .factories import open_assessment, to_awaiting_moderation


def test_names_only_councils_the_user_oversees(
    version, council, other_council, assessor, second_assessor, analyst, lead
):
    issue(council, version, "2021/22", assessor, [3, 3, 3, 3])
    issue(other_council, version, "2021/22", assessor, [3, 1, 3, 3])
    assessment = issue(council, version, "2020/21", assessor, [3, 3, 3, 3])
    first = version.criteria.get(number=1).pk
    second = version.criteria.get(number=2).pk
    mine = selectors.distribution_names(
        assessor, Assessment(framework_version=version, period="2021/22")
    )
    assert mine[first] == {3: ["Ourshire Council"]}
    assert second not in mine or 1 not in mine[second]
    everyone = selectors.distribution_names(
        analyst, Assessment(framework_version=version, period="2021/22")
    )
    assert everyone[first] == {3: ["Ourshire Council", "Theirshire Council"]}
    assert everyone[second] == {3: ["Ourshire Council"], 1: ["Theirshire Council"]}
    assert selectors.distribution_names(lead, assessment) == {}


def test_moderation_page_shows_the_names(client, version, council, assessor, second_assessor, lead):
    assessment = open_assessment(assessor=assessor, version=version, organisation=council)
    to_awaiting_moderation(assessment, lead, assessor)
    client.force_login(second_assessor)
    page = client.get(reverse("assessments:moderate", args=[assessment.pk])).content.decode()
    assert 'Councils<span class="govuk-visually-hidden"> at ' in page
    assert "Ourshire Council" in page
