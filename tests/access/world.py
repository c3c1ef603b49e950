"""The world the access matrix runs in: an own council and an other council
(in another region), one user per role, and the records each app adds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.organisations.tests.factories import (
    OrganisationFactory,
    PartnershipFactory,
    RegionFactory,
)

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS] + [r.value for r in Role]
OWN, OTHER, NO_TARGET = "own", "other", "-"


@dataclass
class World:
    own: Any
    other: Any
    users: dict[str, Any]
    objects: dict[str, Any] = field(default_factory=dict)

    def org(self, target: str):
        return self.own if target == OWN else self.other

    def obj(self, name: str, target: str):
        """A record an app registered for a target, e.g. obj("assessment", OWN)."""
        return self.objects[f"{name}:{target}"]

    def add(self, name: str, own: Any, other: Any) -> None:
        # Apps build into one world: a second app reusing a name would silently
        # point the first app's URLs at the wrong records.
        if f"{name}:{OWN}" in self.objects:
            raise ValueError(f"The access-matrix world already has records named {name!r}.")
        self.objects[f"{name}:{OWN}"] = own
        self.objects[f"{name}:{OTHER}"] = other


def build_world() -> World:
    own = OrganisationFactory(name="Own Council", region=RegionFactory(name="Own Region"))
    other = OrganisationFactory(name="Other Council", region=RegionFactory(name="Other Region"))
    body = OrganisationFactory(name="Assessing Body", kind="assessing_body", region=None)
    users = {
        Role.COUNCIL_LEAD: user_with_role(Role.COUNCIL_LEAD, own),
        Role.COUNCIL_CONTRIBUTOR: user_with_role(Role.COUNCIL_CONTRIBUTOR, own),
        Role.COUNCIL_VIEWER: user_with_role(Role.COUNCIL_VIEWER, own),
        Role.ASSESSOR: assessor_for(region=own.region, body=body),
        Role.PEER_REVIEWER: user_with_role(Role.PEER_REVIEWER, own),
        Role.NATIONAL_ANALYST: user_with_role(Role.NATIONAL_ANALYST, can_moderate=True),
        Role.ADMINISTRATOR: user_with_role(Role.ADMINISTRATOR),
    }
    world = World(own=own, other=other, users={str(k): v for k, v in users.items()})
    world.add(
        "partnership",
        PartnershipFactory(name="Own Partnership", members=[own]),
        PartnershipFactory(name="Other Partnership", members=[other]),
    )
    return world
