"""The register through the API: the same services and messages as the pages,
optimistic concurrency by ETag / If-Match, scoped reads, constant queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assurance.organisations.tests.factories import OrganisationFactory
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _etag(item):
    return f'"recommendation-{item.pk}-v{item.version}"'


@pytest.fixture
def item(council):
    return RecommendationFactory(source=SourceFactory(organisation=council), number=1)


def test_read_then_update_with_the_etag(api, item):
    read = api.get(reverse("api:recommendation", args=[item.pk]))
    assert read.status_code == 200
    response = api.put(
        reverse("api:recommendation", args=[item.pk]),
        {"response": "accepted", "lead": "Head of community safety", "milestone": "2027-03-31"},
        format="json",
        HTTP_IF_MATCH=read["ETag"],
    )
    assert response.status_code == 200, response.json()
    assert response.json()["response"] == "accepted"
    assert response["ETag"] != read["ETag"]
    item.refresh_from_db()
    assert (item.lead, str(item.milestone)) == ("Head of community safety", "2027-03-31")


def test_update_without_if_match_is_428_and_saves_nothing(api, item):
    response = api.put(
        reverse("api:recommendation", args=[item.pk]), {"response": "accepted"}, format="json"
    )
    assert response.status_code == 428
    item.refresh_from_db()
    assert item.response == "pending"


def test_update_with_an_old_etag_is_412(api, item):
    old = _etag(item)
    item.version += 1
    item.save()
    response = api.put(
        reverse("api:recommendation", args=[item.pk]),
        {"response": "accepted"},
        format="json",
        HTTP_IF_MATCH=old,
    )
    assert response.status_code == 412
    item.refresh_from_db()
    assert item.response == "pending"


def test_the_services_message_comes_back_as_400(api, item):
    response = api.put(
        reverse("api:recommendation", args=[item.pk]),
        {"response": "rejected", "reason": ""},
        format="json",
        HTTP_IF_MATCH=_etag(item),
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Recommendation 1: give a reason for a response of “rejected”."]
    }


def test_progress_with_if_match(api, item):
    response = api.post(
        reverse("api:progress", args=[item.pk]),
        {"entry": "Board agreed the plan.", "status": "in_progress"},
        format="json",
        HTTP_IF_MATCH=_etag(item),
    )
    assert response.status_code == 201, response.json()
    item.refresh_from_db()
    assert item.status == "in_progress"
    assert response["ETag"] == _etag(item)
    log = api.get(reverse("api:progress", args=[item.pk])).json()
    assert [e["entry"] for e in log] == ["Board agreed the plan."]


def test_future_progress_is_refused_with_the_pages_words(api, item):
    response = api.post(
        reverse("api:progress", args=[item.pk]),
        {"entry": "Later", "worked_on": "2999-01-01"},
        format="json",
        HTTP_IF_MATCH=_etag(item),
    )
    assert response.status_code == 400
    assert "The date of the work cannot be in the future." in response.json()["non_field_errors"]


def test_another_councils_record_is_404_alike(api):
    elsewhere = RecommendationFactory(source=SourceFactory(organisation=OrganisationFactory()))
    assert api.get(reverse("api:recommendation", args=[elsewhere.pk])).status_code == 404
    assert api.get(reverse("api:recommendation", args=[999_999])).status_code == 404
    listed = api.get(reverse("api:recommendations")).json()["results"]
    assert elsewhere.pk not in [r["id"] for r in listed]


def test_filters_as_on_the_register_page(api, council):
    source = SourceFactory(organisation=council)
    done = RecommendationFactory(source=source, status="completed", response="accepted")
    RecommendationFactory(source=source, status="not_started")
    listed = api.get(reverse("api:recommendations"), {"status": "completed"}).json()
    assert [r["id"] for r in listed["results"]] == [done.pk]


def test_import_a_csv_through_the_importer(api, council):
    source = SourceFactory(organisation=council)
    content = (
        b"Number,Recommendation,Theme,Response,Reason,Lead,Milestone,Status,Date completed\n"
        b"1,Refresh the plan,Plan,Accepted,,Head of Safety,31/03/2027,In progress,\n"
    )
    response = api.post(
        reverse("api:source_import", args=[source.pk]),
        {"file": SimpleUploadedFile("register.csv", content, content_type="text/csv")},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json() == {"imported": 1}
    assert source.recommendations.get().text == "Refresh the plan"


def test_import_of_a_bad_file_says_which_row(api, council):
    source = SourceFactory(organisation=council)
    content = b"Number,Recommendation\n1,\n"
    response = api.post(
        reverse("api:source_import", args=[source.pk]),
        {"file": SimpleUploadedFile("register.csv", content, content_type="text/csv")},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["file"][0].startswith("Row ")
    assert not source.recommendations.exists()


def test_list_pages_cost_the_same_whatever_their_length(
    api, council, django_assert_max_num_queries
):
    source = SourceFactory(organisation=council)
    for number in range(1, 4):
        RecommendationFactory(source=source, number=number)
    with django_assert_max_num_queries(8) as few:
        api.get(reverse("api:recommendations"))
    for number in range(4, 40):
        RecommendationFactory(source=source, number=number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = api.get(reverse("api:recommendations"))
    assert len(page.json()["results"]) == 39


def test_cursor_pages_follow_on(api, council):
    source = SourceFactory(organisation=council)
    made = [RecommendationFactory(source=source, number=n).pk for n in range(1, 6)]
    first = api.get(reverse("api:recommendations"), {"page_size": 3}).json()
    second = api.get(first["next"]).json()
    assert [r["id"] for r in first["results"] + second["results"]] == made
    assert second["next"] is None
