"""Reads: assessments only as the caller's role may see them at their stage,
frameworks with their scale and descriptors, delivery records, the heatmap."""

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator

from assurance.accounts.tests.factories import assessor_for
from assurance.assessments.tests.factories import (
    complete_self_assessment,
    open_assessment,
    record_as_issued,
    score_all,
    scored_version,
    submit,
)
from assurance.delivery.tests.factories import records_for
from assurance.oversight import data, register
from assurance.oversight.tests.factories import issue

from ..views.docs import document as published
from .conftest import client_with_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_oversight():
    data.forget()
    register.forget()
    yield
    data.forget()


@pytest.fixture
def version():
    return scored_version(criteria=2)


@pytest.fixture
def assessor(council):
    return assessor_for(region=council.region)


@pytest.fixture
def scored(council, lead, assessor, version):
    assessment = open_assessment(assessor=assessor, version=version, organisation=council)
    complete_self_assessment(assessment, lead)
    submit(assessment, lead)
    return score_all(assessment, assessor)


def test_draft_scores_and_feedback_never_reach_the_council(api, scored):
    body = api.get(reverse("api:assessment", args=[scored.pk])).json()
    assert body["summary"] is None
    assert {c["assessed_level"] for c in body["criteria"]} == {None}
    assert {c["good_practice"] for c in body["criteria"]} == {None}
    assert body["recommendations"] == []
    # The council's own self-assessment is theirs to read.
    assert {c["self_level"] for c in body["criteria"]} != {None}


def test_the_assessor_sees_the_drafts(assessor, scored):
    body = client_with_token(assessor, "read").get(reverse("api:assessment", args=[scored.pk]))
    body = body.json()
    assert body["summary"] == "Overall, sound delivery."
    assert body["criteria"][0]["good_practice"] == "Good practice on criterion 1."


def test_after_issue_the_council_reads_the_letter_and_downloads_it(api, scored, assessor):
    record_as_issued(scored, assessor)
    body = api.get(reverse("api:assessment", args=[scored.pk])).json()
    assert body["summary"] == "Overall, sound delivery."
    [letter] = body["letters"]
    download = api.get(letter["pdf"])
    assert download.status_code == 200
    assert b"".join(download) if download.streaming else download.content


def test_assessment_pages_cost_the_same_whatever_their_length(
    api, council, assessor, django_assert_max_num_queries
):
    version = scored_version(criteria=2)
    open_assessment(assessor=assessor, version=version, organisation=council, period="2020/21")
    with django_assert_max_num_queries(10) as few:
        api.get(reverse("api:assessments"))
    for year in range(10, 19):
        open_assessment(
            assessor=assessor, version=version, organisation=council, period=f"20{year}/{year + 1}"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get(reverse("api:assessments")).json()["results"]) == 10


def test_framework_with_scale_and_descriptors_in_few_queries(api, django_assert_max_num_queries):
    version = scored_version(criteria=6)
    with django_assert_max_num_queries(10):
        body = api.get(reverse("api:framework", args=[version.pk])).json()
    assert [level["value"] for level in body["levels"]] == [1, 2, 3, 4, 5]
    assert len(body["criteria"]) == 6
    assert len(body["criteria"][0]["descriptors"]) == 5


def test_delivery_records_read_and_created_through_the_form(api, council):
    records_for(council)
    listed = api.get(reverse("api:delivery_risks"), {"organisation": council.pk}).json()
    assert len(listed["results"]) >= 1
    refused = api.post(
        reverse("api:delivery_risks"), {"organisation": council.pk, "title": ""}, format="json"
    )
    assert refused.status_code == 400
    assert "title" in refused.json()
    made = api.post(
        reverse("api:delivery_risks"),
        {
            "organisation": council.pk,
            "title": "Permissive environments in venues",
            "source": "Local profile",
            "rating": "high",
            "marking": "OFFICIAL",
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["title"] == "Permissive environments in venues"


def test_referral_counts_only_for_the_councils_own_people(api, council, assessor):
    records_for(council)
    own = api.get(reverse("api:delivery_referrals")).json()["results"]
    theirs = client_with_token(assessor, "read").get(reverse("api:delivery_referrals")).json()
    assert own and theirs["results"] == []


def test_heatmap_for_an_adviser(council, assessor, version):
    issue(council, version, "2023/24", assessor, [3, 4])
    body = client_with_token(assessor, "read").get(reverse("api:heatmap")).json()
    [row] = body["rows"]
    assert row["holder"] == council.name
    assert [c["value"] for c in row["cells"]] == [3, 4]


def _answers_as_documented(path: str, body) -> None:
    """The body fits the 200 response the OpenAPI document publishes for the path."""
    document = published()
    content = document["paths"][path]["get"]["responses"]["200"]["content"]
    schema = content["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": document["components"]})
    assert not [e.message for e in validator.iter_errors(body)]


def test_heatmap_of_a_version_with_unscored_criteria_and_gaps(council, assessor):
    # As the national toolkit is: a criterion assured separately (no cell at
    # all) and a criterion the assessor left without a level (a cell with no
    # level), beside a rated one.
    version = scored_version(criteria=3, assured_separately=(3,))
    issue(council, version, "2023/24", assessor, [4, None, None])
    answer = client_with_token(assessor, "read").get(
        reverse("api:heatmap"), {"version": version.pk, "period": "2023/24"}
    )
    assert answer.status_code == 200
    body = answer.json()
    [row] = body["rows"]
    first, unrated, unscored = row["cells"]
    assert first["value"] == 4 and first["band"]
    assert unrated == {"value": None, "name": "", "band": None, "movement": unrated["movement"]}
    assert unscored is None
    assert [c["scored"] for c in body["criteria"]] == [True, True, False]
    _answers_as_documented("/api/v1/oversight/heatmap/", body)
