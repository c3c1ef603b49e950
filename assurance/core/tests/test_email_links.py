"""Every email links back to the service with a full address built from
SITE_URL, never a bare path and never the Host header of whoever asked."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from assurance.accounts.models import Role
from assurance.accounts.services import colleague_invite
from assurance.accounts.tests.factories import UserFactory, assessor_for
from assurance.assessments.tests.factories import (
    complete_self_assessment,
    open_assessment,
    scored_version,
    submit,
)
from assurance.recommendations.reminders import send_due_reminders
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

pytestmark = pytest.mark.django_db
SITE = "https://assurance.example.gov.uk"
LINK = re.compile(r"\S+://\S+|(?<!\S)/\S+")


@pytest.fixture(autouse=True)
def production_like(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["assurance.example.gov.uk", "evil.example"]


def links(message) -> list[str]:
    found = LINK.findall(message.body)
    assert found, message.body
    return found


def assert_all_links_absolute(message, *, to: str):
    for link in links(message):
        assert link.startswith(SITE + "/"), link
    assert any(link.startswith(SITE + to) for link in links(message)), message.body


def test_the_assessor_is_sent_a_full_link_to_the_submitted_assessment(council, lead):
    assessor = assessor_for(region=council.region)
    assessment = open_assessment(
        assessor=assessor, version=scored_version(criteria=2), organisation=council
    )
    complete_self_assessment(assessment, lead)
    submit(assessment, lead)
    message = mail.outbox[-1]
    assert message.to == [assessor.email]
    assert_all_links_absolute(message, to=reverse("assessments:scores", args=[assessment.pk]))


@pytest.mark.parametrize("mode", ["each", "digest"])
def test_reminders_link_to_the_recommendation(council, lead, mode):
    today = date(2026, 6, 1)
    item = RecommendationFactory(
        source=SourceFactory(organisation=council),
        milestone=today + timedelta(days=3),
        response="accepted",
    )
    assert send_due_reminders(today, mode=mode) == 1
    assert_all_links_absolute(
        mail.outbox[-1], to=reverse("recommendations:recommendation", args=[item.pk])
    )


@pytest.mark.parametrize("has_account", [False, True])
def test_invitations_link_to_set_a_password_or_sign_in(
    council, lead, has_account, django_capture_on_commit_callbacks
):
    if has_account:
        UserFactory(email="new@council.example")
    with django_capture_on_commit_callbacks(execute=True):
        colleague_invite(
            actor=lead,
            organisation=council,
            email="new@council.example",
            full_name="New Person",
            role=Role.COUNCIL_CONTRIBUTOR,
        )
    to = reverse("accounts:profile") if has_account else "/accounts/password/reset/"
    assert_all_links_absolute(mail.outbox[-1], to=to)


def test_password_reset_link_ignores_the_host_that_asked(client):
    UserFactory(email="amrit@council.example")
    client.post(
        reverse("accounts:password_reset"),
        {"email": "amrit@council.example"},
        HTTP_HOST="evil.example",
    )
    message = mail.outbox[-1]
    assert "evil.example" not in message.body
    assert_all_links_absolute(message, to="/accounts/password/reset/")
