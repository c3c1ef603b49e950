"""Field visibility by stage (permissions.hidden_fields): what the assessing
side writes before issue never reaches anyone else, by any route. Every GET
URL of the access matrix and the history of every record of an unissued
assessment are opened by every role that is not on the assessing side, and
no draft text may appear in any answer."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.access.world import OWN
from tests.test_access_matrix import ENTRIES, url_names
from tests.test_access_matrix import world as world  # noqa: F401 (fixture)

DRAFTS = {
    "summary": "Draftsummary-sentinel",
    "moderation_note": "Moderatornote-sentinel",
    "rationale": "Rationale-sentinel",
    "good_practice": "Goodpractice-sentinel",
    "moderation_comment": "Moderatorcomment-sentinel",
    "reason": "Changereason-sentinel",
    "recommendation": "Draftrecommendation-sentinel",
}
NOT_ASSESSING = ("council_lead", "council_contributor", "council_viewer", "peer_reviewer")


def _write_drafts(world) -> list[str]:
    """Draft content on the own council's assessment in scoring; returns its history URLs."""
    assessment = world.obj("scoring", OWN)
    assessment.summary = DRAFTS["summary"]
    assessment.moderation_note = DRAFTS["moderation_note"]
    assessment.status = "returned"  # the page shows moderators' notes at this stage
    assessment.save()
    response = assessment.responses.order_by("criterion__number").first()
    level = response.criterion.framework_version.levels.order_by("value").first()
    response.assessed_level = level
    response.rationale = DRAFTS["rationale"]
    response.good_practice = DRAFTS["good_practice"]
    response.save()
    response.moderation_comment = DRAFTS["moderation_comment"]
    response._change_reason = DRAFTS["reason"]
    response.save()
    recommendation = world.obj("assessment_recommendation", OWN)
    recommendation.text = DRAFTS["recommendation"]
    recommendation.save()
    return [
        reverse("core:history", args=["assessments.assessment", assessment.pk]),
        reverse("core:history", args=["assessments.criterionresponse", response.pk]),
        reverse("core:history", args=["assessments.assessmentrecommendation", recommendation.pk]),
    ]


def _get_paths(world) -> list[str]:
    paths = []
    for name in url_names():
        entries = ENTRIES[name] if isinstance(ENTRIES[name], list) else [ENTRIES[name]]
        for entry in entries:
            if entry.method != "get":
                continue
            for target in entry.targets:
                if target in (OWN, "-"):
                    paths.append(entry.url(world, target))
    return paths


def _body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode(errors="replace")


def _leaks(body: str) -> list[str]:
    return [name for name, text in DRAFTS.items() if text in body]


@pytest.mark.django_db
def test_drafts_never_reach_anyone_off_the_assessing_side(world):  # noqa: F811
    paths = _write_drafts(world) + _get_paths(world)
    found = []
    for role in NOT_ASSESSING:
        client = Client()
        client.force_login(world.users[role])
        for path in paths:
            response = client.get(path)
            body = _body(response) if response.status_code == 200 else ""
            found += [f"{role} {path}: {leak}" for leak in _leaks(body)]
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_the_assessing_side_sees_its_drafts_in_history(world):  # noqa: F811
    history = _write_drafts(world)
    client = Client()
    client.force_login(world.users["assessor"])
    bodies = "".join(client.get(path).content.decode() for path in history)
    assert {"summary", "rationale", "moderation_comment", "reason"} <= set(_leaks(bodies))


@pytest.mark.django_db
def test_after_issue_the_council_sees_the_record_but_not_its_drafts_history(world):  # noqa: F811
    history = _write_drafts(world)
    assessment = world.obj("scoring", OWN)
    assessment.status = "issued"
    assessment.save()
    client = Client()
    client.force_login(world.users["council_lead"])
    detail = client.get(reverse("assessments:detail", args=[assessment.pk]))
    assert detail.status_code == 200 and "Scores" in detail.content.decode()
    leaks = [_leaks(client.get(path).content.decode()) for path in history]
    assert leaks == [[], [], []]
