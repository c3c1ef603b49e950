"""Property: arbitrary Unicode (control characters, noncharacters, huge and
empty values) sent to the service's forms and importers never gives a server
error, and a submission that is refused saves nothing at all."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assurance.accounts.tests.factories import assessor_for
from assurance.assessments.tests.factories import (
    complete_self_assessment,
    open_assessment,
    scored_version,
    submit,
)
from assurance.recommendations import forms as recommendation_forms
from assurance.recommendations import importing, rules
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

pytestmark = pytest.mark.django_db

SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text of every kind: any code point but lone surrogates (which no browser can
# send in UTF-8), so control characters and noncharacters included.
hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=20),
    st.sampled_from(["", " ", "\x00", "\ufffe", "=1+1", "9" * 40, "-1", "٣", "²", "31/02/2026"]),
    st.builds(lambda c, n: c * n, st.characters(exclude_categories=["Cs"]), st.integers(0, 70_000)),
)


def _snapshot() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m.__module__.startswith("assurance.") or m._meta.app_label == "simple_history"
    }


def _hammer(client, user, url: str, fields, data: st.DataObject, prefix: str = "") -> None:
    client.force_login(user)
    payload = {f"{prefix}{name}": data.draw(hostile_text, label=name) for name in fields}
    before = _snapshot()
    response = client.post(url, payload)  # a server error raises here
    assert response.status_code in (200, 302, 400, 403, 404, 409), response.status_code
    if response.status_code != 302:
        assert _snapshot() == before, "a refused submission changed the database"


def _fields(form_class, **kwargs):
    return [*form_class(**kwargs).fields, "submission_token"]


@pytest.fixture
def world(council, lead, contributor):
    source = SourceFactory(organisation=council)
    item = RecommendationFactory(source=source, number=1)
    assessor = assessor_for(region=council.region)
    assessment = open_assessment(
        assessor=assessor, version=scored_version(criteria=2), organisation=council
    )
    criterion = assessment.framework_version.criteria.first()
    return {
        "lead": lead,
        "contributor": contributor,
        "council": council,
        "source": source,
        "item": item,
        "assessor": assessor,
        "assessment": assessment,
        "criterion": criterion,
    }


@SETTINGS
@given(data=st.data())
def test_register_forms(client, world, data):
    w = world
    organisations = type(w["council"]).objects.filter(pk=w["council"].pk)
    _hammer(
        client,
        w["lead"],
        reverse("recommendations:source_create"),
        _fields(recommendation_forms.SourceForm, organisations=organisations),
        data,
    )
    _hammer(
        client,
        w["lead"],
        reverse("recommendations:recommendation_add", args=[w["source"].pk]),
        _fields(recommendation_forms.RecommendationForm),
        data,
    )
    _hammer(
        client,
        w["contributor"],
        reverse("recommendations:progress_add", args=[w["item"].pk]),
        _fields(recommendation_forms.ProgressForm),
        data,
    )


@SETTINGS
@given(data=st.data())
def test_people_and_evidence_forms(client, world, data):
    w = world
    _hammer(
        client,
        w["lead"],
        reverse("accounts:people", args=[w["council"].pk]),
        ["full_name", "email", "role"],
        data,
    )
    args = [w["assessment"].pk, w["criterion"].pk]
    link = ["title", "evidence_date", "marking", "url", "submission_token"]
    _hammer(client, w["lead"], reverse("assessments:evidence_link", args=args), link, data, "link-")
    task = ["version", "narrative", "task_status", "proposed_level"]
    _hammer(client, w["lead"], reverse("assessments:task", args=args), task, data)


@pytest.fixture
def scoring(world):
    complete_self_assessment(world["assessment"], world["lead"])
    submit(world["assessment"], world["lead"])
    return world


@SETTINGS
@given(data=st.data())
def test_assessor_forms(client, scoring, data):
    w = scoring
    assessment = w["assessment"]
    args = [assessment.pk, w["criterion"].pk]
    score = ["version", "level", "good_practice", "areas_for_development", "rationale", "reason"]
    _hammer(client, w["assessor"], reverse("assessments:score", args=args), score, data)
    summary = ["summary", "version"]
    _hammer(
        client, w["assessor"], reverse("assessments:summary", args=[assessment.pk]), summary, data
    )
    rec = ["text", "criterion", "number"]
    url = reverse("assessments:recommendation_add", args=[assessment.pk])
    _hammer(client, w["assessor"], url, rec, data)


@settings(max_examples=60, deadline=None)
@given(content=st.binary(max_size=4000), name=st.sampled_from(["f.csv", "f.xlsx", "f.txt", ""]))
def test_importer_takes_any_bytes(content, name):
    result = importing.parse(name, content)
    assert isinstance(result, importing.ParseResult)
    assert result.ok or result.errors


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(st.lists(hostile_text, min_size=1, max_size=9), min_size=1, max_size=5))
def test_importer_takes_any_cells(cells):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(importing.HEADINGS)
    writer.writerows(cells)
    result = importing.parse("f.csv", buffer.getvalue().encode("utf-8", "surrogatepass"))
    assert result.ok or result.errors
    for row in result.rows:
        assert rules.clean_number(row.number) == row.number  # "3", "2a", "1.1"
        assert "\x00" not in row.text and "\ufffe" not in row.text
