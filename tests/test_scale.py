"""Lists and documents run a fixed number of queries whatever the amount of
data (small and larger data, same count), lists paginate, and the
whole-source response form never silently undoes another person's save.
Timings are for `make bench`, not for tests."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assurance.accounts.models import Role, User
from assurance.accounts.permissions import forget_grants
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.assessments.tests.factories import open_assessment, scored_version
from assurance.organisations.tests.factories import OrganisationFactory, RegionFactory
from assurance.recommendations import services
from assurance.recommendations.models import ProgressEntry, Recommendation
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return OrganisationFactory(name="Respond Council", region=RegionFactory())


@pytest.fixture
def lead(council):
    return user_with_role(Role.COUNCIL_LEAD, council)


class Nation:
    """A region's councils with sources, recommendations, progress and
    assessments, grown step by step."""

    def __init__(self) -> None:
        self.region = RegionFactory(name="Scale Region")
        self.council = OrganisationFactory(name="Scale Council", region=self.region)
        self.lead = user_with_role(Role.COUNCIL_LEAD, self.council)
        self.analyst = user_with_role(Role.NATIONAL_ANALYST)
        self.assessor = assessor_for(region=self.region)
        self.version = scored_version(criteria=2)
        self.source = SourceFactory(organisation=self.council, title="Busiest review")
        self.periods = iter(f"{year}/{str(year + 1)[2:]}" for year in range(2000, 2090))
        self.grow(recommendations=2, councils=1)

    def grow(self, *, recommendations: int, councils: int) -> None:
        start = self.source.recommendations.count()
        for number in range(start + 1, start + recommendations + 1):
            item = RecommendationFactory(source=self.source, number=number, lead=f"Lead {number}")
            for step in range(3):
                ProgressEntry.objects.create(
                    recommendation=item,
                    entry=f"Step {step}",
                    author=self.lead,
                    status_from="not_started",
                    status_to="in_progress",
                )
        for _ in range(councils):
            other = OrganisationFactory(region=self.region)
            forget_grants(self.assessor)  # a new council joined the region
            source = SourceFactory(organisation=other)
            RecommendationFactory(source=source, number=1)
            open_assessment(assessor=self.assessor, version=self.version, organisation=other)
        open_assessment(
            assessor=self.assessor,
            version=self.version,
            organisation=self.council,
            period=next(self.periods),
        )


def _queries(user: User, path: str) -> int:
    client = Client()
    client.force_login(user)
    client.get(path)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200, path
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    return len(queries)


def _pages(nation: Nation):
    source = nation.source
    first = source.recommendations.order_by("number").first()
    for role in ("lead", "assessor", "analyst"):
        user = getattr(nation, role)
        yield user, reverse("core:home")
        yield user, reverse("recommendations:register")
        yield user, reverse("recommendations:register") + "?source_q=Busiest&overdue=on"
        yield user, reverse("recommendations:sources") + "?status=all"
        yield user, reverse("assessments:list")
        yield user, reverse("organisations:list")
    yield nation.analyst, reverse("recommendations:source", args=[source.pk])
    yield nation.lead, reverse("recommendations:source_respond", args=[source.pk])
    yield nation.analyst, reverse("recommendations:recommendation", args=[first.pk])
    yield nation.analyst, reverse("core:history", args=["recommendations.recommendation", first.pk])
    for kind in ("tracker", "matrix"):
        for fmt in ("xlsx", "docx"):
            yield nation.analyst, reverse("recommendations:document", args=[source.pk, kind, fmt])


def test_queries_do_not_grow_with_the_data():
    nation = Nation()
    small = {(u.pk, path): _queries(u, path) for u, path in _pages(nation)}
    nation.grow(recommendations=60, councils=4)
    larger = {(u.pk, path): _queries(u, path) for u, path in _pages(nation)}
    grew = {key: (small[key], larger[key]) for key in small if small[key] != larger[key]}
    assert not grew, f"query counts grew (small, larger): {grew}"


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("recommendations:sources", 50),
        ("assessments:list", 50),
        ("organisations:list", 50),
    ],
)
def test_lists_paginate(name, size):
    region = RegionFactory()
    analyst = user_with_role(Role.NATIONAL_ANALYST)
    assessor = assessor_for(region=region)
    version = scored_version(criteria=1)
    for _ in range(size + 3):
        council = OrganisationFactory(region=region)
        forget_grants(assessor)
        SourceFactory(organisation=council, title="Paged review")
        open_assessment(assessor=assessor, version=version, organisation=council)
    client = Client()
    client.force_login(analyst)
    first = client.get(reverse(name)).content.decode()
    second = client.get(reverse(name) + "?page=2").content.decode()
    assert "page 1 of 2" in first
    assert "page 2 of 2" in second


def test_sources_list_searches_and_shows_open_sources_by_default(lead, council):
    SourceFactory(organisation=council, title="Open audit")
    closed = SourceFactory(organisation=council, title="Closed audit")
    closed.status, closed.closed_by, closed.closed_at = "closed", lead, closed.created_at
    closed.save()
    client = Client()
    client.force_login(lead)
    page = client.get(reverse("recommendations:sources")).content.decode()
    assert "Open audit" in page and "Closed audit" not in page
    page = client.get(reverse("recommendations:sources") + "?status=all&q=closed").content.decode()
    assert "Closed audit" in page and "Open audit" not in page


def _line(item, seen, **values):
    return services.ResponseInput(
        recommendation_id=item.pk,
        response=values.get("response", "accepted"),
        lead=values.get("lead", ""),
        seen_version=seen,
    )


def test_two_people_saving_at_once_never_silently_undo_each_other(lead, council):
    colleague = user_with_role(Role.COUNCIL_LEAD, council)
    source = SourceFactory(organisation=council)
    first = RecommendationFactory(source=source, number=1)
    second = RecommendationFactory(source=source, number=2)
    seen = {r.pk: r.version for r in Recommendation.objects.filter(source=source)}
    # Both open the form; the colleague saves a lead for recommendation 1 first.
    services.source_respond(
        actor=colleague,
        source=source,
        responses=[_line(first, seen[first.pk], lead="Community safety")],
    )
    # The lead's form still holds the old version of recommendation 1.
    with pytest.raises(ValidationError, match="Someone else saved recommendation 1"):
        services.source_respond(
            actor=lead,
            source=source,
            responses=[
                _line(first, seen[first.pk], lead="Head of IT"),
                _line(second, seen[second.pk], lead="Head of IT"),
            ],
        )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.lead == "Community safety"
    assert second.lead == ""  # nothing half-saved
    # A line the person did not change is not a conflict and is not written.
    unchanged = services.source_respond(
        actor=lead,
        source=source,
        responses=[
            _line(first, seen[first.pk], lead="Community safety"),
            _line(second, seen[second.pk], lead="Head of IT"),
        ],
    )
    assert [r.number for r in unchanged] == ["2"]


def test_respond_form_in_pages_keeps_typing_after_a_conflict(lead, council):
    source = SourceFactory(organisation=council)
    for number in range(1, 13):
        RecommendationFactory(source=source, number=number)
    url = reverse("recommendations:source_respond", args=[source.pk])
    client = Client()
    client.force_login(lead)
    page = client.get(url).content.decode()
    # Ten a page: a page of a large source answers within its target.
    assert "Response to recommendation 10" in page
    assert "Response to recommendation 11" not in page
    assert "Recommendations 1 to 10 of 12 (page 1 of 2)" in page
    items = list(source.recommendations.order_by("number_key")[:10])
    data = {}
    for item in items:
        data |= {
            f"r{item.pk}-response": "accepted",
            f"r{item.pk}-lead": "Prevent lead",
            f"r{item.pk}-seen": str(item.version),
        }
    Recommendation.objects.filter(pk=items[0].pk).update(
        lead="Someone else's answer", version=items[0].version + 1
    )
    response = client.post(url, data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved recommendation 1 " in text
    assert "Prevent lead" in text  # what was typed is still on the form
    assert Recommendation.objects.get(pk=items[0].pk).lead == "Someone else's answer"
    # Saving again, deliberately, replaces the other answer and moves to page 2.
    data[f"r{items[0].pk}-seen"] = str(Recommendation.objects.get(pk=items[0].pk).version)
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith("?page=2")
    assert Recommendation.objects.get(pk=items[0].pk).lead == "Prevent lead"


def test_documents_are_built_once_and_rebuilt_when_the_source_changes(lead, council, monkeypatch):
    from assurance.recommendations import tasks
    from assurance.recommendations.models import SourceDocument

    source = SourceFactory(organisation=council)
    item = RecommendationFactory(source=source, number=1)
    url = reverse("recommendations:document", args=[source.pk, "tracker", "xlsx"])
    client = Client()
    client.force_login(lead)
    assert client.get(url).status_code == 200  # tests build at once (immediate backend)
    built = SourceDocument.objects.get(source=source)
    assert client.get(url).status_code == 200
    assert SourceDocument.objects.get(source=source).pk == built.pk  # served from the cache
    # A change to the source makes the cached file out of date; with a worker
    # that has not run yet, the request goes to a status page that is checked again
    # (in the background with JavaScript, or by its link) and never refreshes itself.
    from types import SimpleNamespace

    monkeypatch.setattr(tasks, "build_source_document", SimpleNamespace(enqueue=lambda *a: None))
    ProgressEntry.objects.create(
        recommendation=item, entry="Begun", author=lead, status_from="not_started",
        status_to="in_progress",
    )  # fmt: skip
    response = client.get(url)
    assert response.status_code == 302
    waiting = SourceDocument.objects.get(source=source)  # the old version is gone
    assert waiting.pk != built.pk and waiting.status == "queued"
    page = client.get(response["Location"]).content.decode()
    assert "data-document-building" in page and "Check again" in page
    assert 'http-equiv="refresh"' not in page
    # The worker runs: the page offers the download and is no longer checked.
    from assurance.recommendations.services import source_document_build

    source_document_build(document_id=waiting.pk)
    page = client.get(response["Location"]).content.decode()
    assert "Download the progress tracker" in page and "data-document-building" not in page
