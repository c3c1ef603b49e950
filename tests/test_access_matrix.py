"""Every URL pattern × every role × own / other organisation gets its designed
answer. A URL that no app has described fails the test, so nothing new can be
left unprotected by accident."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.access.world import ROLES, build_world

SELF_GUARDED = {"admin"}  # the Django admin is checked by test_admin_is_staff_only


def _walk(patterns, namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield (
                f"{namespace}{pattern.name}"
                if pattern.name
                else f"{namespace}<unnamed {pattern.pattern}>"
            )


def url_names() -> list[str]:
    return sorted(
        {n for n in _walk(get_resolver().url_patterns) if n.split(":")[0] not in SELF_GUARDED}
    )


def _app_modules():
    for app in settings.INSTALLED_APPS:
        if not app.startswith("assurance."):
            continue
        try:
            yield import_module(f"{app}.tests.access")
        except ModuleNotFoundError:
            continue


def all_entries() -> dict:
    entries = {}
    for module in _app_modules():
        entries.update(module.ENTRIES)
    return entries


ENTRIES = all_entries()


def test_every_url_has_an_entry():
    missing = [name for name in url_names() if name not in ENTRIES]
    assert not missing, f"URLs with no access-matrix entry: {missing}"


def test_no_stale_entries():
    stale = set(ENTRIES) - set(url_names())
    assert not stale, f"Entries for URLs that no longer exist: {sorted(stale)}"


@pytest.fixture
def world(db):
    world = build_world()
    for module in _app_modules():
        if hasattr(module, "build"):
            module.build(world)
    return world


def _request(client: Client, entry, world, target: str):
    path = entry.url(world, target)
    data = entry.data(world, target) if entry.data else None
    extra = entry.extra(world, target) if entry.extra else {}
    # Each request runs in a savepoint that is rolled back, so one role's
    # successful POST cannot change what the next role sees.
    with transaction.atomic():
        response = getattr(client, entry.method)(path, data=data, **extra)
        transaction.set_rollback(True)
    return path, response.status_code


@pytest.mark.parametrize("name", url_names())
def test_url_answers_as_designed(name, world):
    entry = ENTRIES.get(name)
    if entry is None:
        pytest.fail(f"{name} has no access-matrix entry")
    entries = entry if isinstance(entry, list | tuple) else [entry]
    wrong = []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world.users[role])
        for entry, target in ((e, t) for e in entries for t in e.targets):
            path, status = _request(client, entry, world, target)
            expected = entry.expected(role, target)
            if status != expected:
                wrong.append(
                    f"{role} {entry.method.upper()} {path} ({target}): "
                    f"{status}, expected {expected}"
                )
    assert not wrong, "\n".join(wrong)


def test_admin_is_staff_only(world):
    from django.contrib import admin

    paths = ["/admin/"] + [
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model in admin.site._registry
    ]
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world.users[role])
        for path in paths:
            status = client.get(path).status_code
            expected = 200 if role == "administrator" else 302
            assert status == expected, f"{role} {path}: {status}, expected {expected}"
