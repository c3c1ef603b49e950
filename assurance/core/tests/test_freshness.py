"""Pages and grants reused until the data changes (core/freshness.py): a
change shows on the very next page, for everyone, and nothing kept for one
person or session reaches another."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assurance.accounts.models import Membership, Role
from assurance.accounts.tests.factories import user_with_role
from assurance.core import freshness
from assurance.organisations.models import Organisation
from assurance.organisations.tests.factories import OrganisationFactory
from assurance.recommendations.models import Recommendation
from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory
from config.settings.shared_state import local_cache_config


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('INSERT INTO "recommendations_recommendation" ("text") VALUES (%s)', True),
        ('UPDATE "organisations_organisation" SET "name" = %s', True),
        ('DELETE FROM "accounts_membership" WHERE "id" = %s', True),
        ("  insert or replace into recommendations_progressentry values (1)", True),
        ('CREATE TABLE "x" ("id" integer)', True),
        ('SELECT "id" FROM "recommendations_recommendation"', False),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ('INSERT INTO "axes_accessattempt" ("username") VALUES (%s)', False),
        ('UPDATE "otp_totp_totpdevice" SET "last_used_at" = %s', False),
        ('UPDATE "accounts_signedinsession" SET "last_seen" = %s', False),
        ("SAVEPOINT s1", False),
    ],
)
def test_which_statements_change_the_data(sql, writes):
    assert freshness.writes_data(sql) is writes


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_moves_the_version_and_a_session_write_does_not():
    first = freshness.data_version()
    assert first == freshness.data_version()
    store = SessionStore()
    store["seen"] = 1
    store.create()
    assert freshness.data_version() == first
    council = OrganisationFactory()
    second = freshness.data_version()
    assert second != first
    # A bulk update, which sends no signal and writes no history, still counts.
    Organisation.objects.filter(pk=council.pk).update(name="Renamed Council")
    assert freshness.data_version() != second


@pytest.mark.django_db(transaction=True)
def test_uncommitted_writes_are_never_kept_and_a_rollback_changes_nothing():
    before = freshness.data_version()
    with transaction.atomic():
        OrganisationFactory()
        # This connection's own change must show to it: nothing is reused.
        assert freshness.data_version() is None
        assert freshness.kept("probe", (1,), lambda: "fresh") == "fresh"
    after_commit = freshness.data_version()
    assert after_commit not in (None, before)
    try:
        with transaction.atomic():
            OrganisationFactory()
            raise RuntimeError
    except RuntimeError:
        pass
    assert freshness.data_version() == after_commit


def _register_texts(client) -> str:
    return client.get(reverse("recommendations:register")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_register_shows_a_change_at_once_and_reuses_an_unchanged_page(client):
    council = OrganisationFactory(name="Ourshire Council")
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    item = RecommendationFactory(
        source=SourceFactory(organisation=council), text="Train the panel chairs"
    )
    client.force_login(lead)
    assert "Train the panel chairs" in _register_texts(client)
    with CaptureQueriesContext(connection) as again:
        assert "Train the panel chairs" in _register_texts(client)
    assert len(again) < 8, "an unchanged register is reused, not rebuilt"
    Recommendation.objects.filter(pk=item.pk).update(text="Train every panel chair")
    page = _register_texts(client)
    assert "Train every panel chair" in page
    assert "Train the panel chairs" not in page


@pytest.mark.django_db(transaction=True)
def test_a_kept_page_is_never_shown_to_someone_else(client):
    council = OrganisationFactory(name="Ourshire Council")
    first = user_with_role(Role.COUNCIL_LEAD, council)
    first.full_name = "Asha Patel"
    first.save()
    second = user_with_role(Role.COUNCIL_VIEWER, council)
    second.full_name = "Ben Osei"
    second.save()
    client.force_login(first)
    assert "Asha" in client.get("/").content.decode()
    client.force_login(second)
    page = client.get("/").content.decode()
    assert "Ben" in page
    assert "Asha" not in page


@pytest.mark.django_db(transaction=True)
def test_taking_a_role_away_takes_effect_on_the_next_request(client):
    council = OrganisationFactory()
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    client.force_login(lead)
    url = reverse("recommendations:register")
    assert client.get(url).status_code == 200
    Membership.objects.filter(user=lead).delete()
    assert client.get(url).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_a_message_is_shown_once_even_on_a_page_kept_before(client, rf):
    council = OrganisationFactory()
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    client.force_login(lead)
    assert "Saved the draft" not in client.get("/").content.decode()
    # A message waiting for the next page, as after a form is saved.
    storage = CookieStorage(rf.get("/"))
    storage.add(messages.SUCCESS, "Saved the draft")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies.update(carrier.cookies)
    assert "Saved the draft" in client.get("/").content.decode()
    assert "Saved the draft" not in client.get("/").content.decode()


def _caches_in_database_table(table: str) -> dict:
    """The shared cache (and so the data version) in a database table of
    this name, as production keeps it without Redis."""
    return {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table},
        "local": local_cache_config(),
    }


@pytest.mark.django_db(transaction=True)
def test_writes_succeed_before_the_cache_table_exists_and_nothing_is_reused():
    # A new installation migrates before `createcachetable` makes the table.
    with override_settings(CACHES=_caches_in_database_table("pda_cache_not_made_yet")):
        council = OrganisationFactory(name="Newshire Council")
        assert Organisation.objects.filter(pk=council.pk, name="Newshire Council").exists()
        assert freshness.data_version() is None
        assert freshness.kept("probe", (2,), lambda: "fresh") == "fresh"


@pytest.mark.django_db(transaction=True)
def test_a_write_outside_a_transaction_is_kept_with_the_cache_in_the_database():
    # The token lives in the same database: replacing it must never end the
    # write's own statement (an INSERT ... RETURNING not yet read), which on
    # SQLite lost the row.
    with override_settings(CACHES=_caches_in_database_table("pda_cache_in_test")):
        call_command("createcachetable", verbosity=0)
        before = freshness.data_version()
        council = OrganisationFactory(name="Keptshire Council")
        viewer = user_with_role(Role.COUNCIL_VIEWER, council)
        connection.close()  # another connection sees what was committed
        assert Organisation.objects.filter(name="Keptshire Council").exists()
        assert Membership.objects.filter(user=viewer, organisation=council).exists()
        assert freshness.data_version() not in (None, before)
