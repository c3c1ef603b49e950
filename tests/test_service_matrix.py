"""Every public service × every role × own / other organisation refuses or
permits as designed (tests/access/services.py). A service with no entry
fails, as a URL with no entry fails the URL matrix."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tests.access.services import app_service_entries, public_services
from tests.access.world import ANONYMOUS, ROLES
from tests.test_access_matrix import world as world  # noqa: F401 (fixture)

SERVICES = app_service_entries()
SIGNED_IN_ROLES = [role for role in ROLES if role != ANONYMOUS]


def test_every_service_has_an_entry():
    missing = sorted(set(public_services()) - set(SERVICES))
    assert not missing, f"Services with no service-matrix entry: {missing}"


def test_no_stale_service_entries():
    stale = sorted(set(SERVICES) - set(public_services()))
    assert not stale, f"Entries for services that no longer exist: {stale}"


def _refused(entry, world, target, actor) -> bool:
    with transaction.atomic():
        try:
            entry.call(world, target, actor)
        except PermissionDenied:
            return True
        except ValidationError:
            return False
        finally:
            transaction.set_rollback(True)
    return False


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_service_refuses_as_designed(name, world):  # noqa: F811
    entry = SERVICES[name]
    wrong = []
    for role in SIGNED_IN_ROLES:
        for target in entry.targets:
            actor = world.users[role]
            actor.__dict__.pop("_pda_grants", None)
            refused = _refused(entry, world, target, actor)
            if refused == entry.permitted(role, target):
                expected = "permitted" if entry.permitted(role, target) else "refused"
                wrong.append(f"{role} ({target}): expected {expected}")
    assert not wrong, "\n".join(wrong)
