"""How an app declares the designed answer of each of its URLs.

A URL answering several methods (an API record read with GET and changed
with PUT) may have a list of entries, one per method.

Each app has ``assurance/<app>/tests/access.py`` with ``ENTRIES`` (URL name →
Entry) and, if its URLs need records, ``build(world)`` which adds them with
``world.add(name, own_record, other_record)``. The matrix test walks every URL
pattern in the resolver and fails on any without an entry.

For each role and target (own or other organisation) the expected answer is:
- anonymous: a redirect to sign in (or ``ok`` if the entry is public);
- a role listed in ``allowed`` for that target: ``ok``;
- a role listed in ``allowed`` for some other target only: ``out_of_scope`` (404);
- a role not listed: ``denied`` (403, the role lacks the permission).
API entries use ``api_entry``/``api_no_target``: anonymous gets 401, not a redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .world import NO_TARGET, OTHER, OWN

BOTH = frozenset({OWN, OTHER})
OWN_ONLY = frozenset({OWN})
ANY_TARGET = frozenset({NO_TARGET})

COUNCIL = ("council_lead", "council_contributor", "council_viewer")
COUNCIL_READERS = (*COUNCIL, "assessor")
EVERYONE = (*COUNCIL, "assessor", "peer_reviewer", "national_analyst", "administrator")


@dataclass(frozen=True)
class Entry:
    # (world, target) -> path; target is OWN, OTHER or NO_TARGET
    url: Callable[[Any, str], str]
    allowed: dict[str, frozenset[str]] = field(default_factory=dict)
    targets: tuple[str, ...] = (OWN, OTHER)
    public: bool = False
    ok: int = 200
    denied: int = 403
    out_of_scope: int = 404
    method: str = "get"
    data: Callable[[Any, str], dict] | None = None
    # (world, target) -> keyword arguments for the test client, e.g. headers
    # (an API update's If-Match) or content_type="application/json"
    extra: Callable[[Any, str], dict] | None = None
    # role -> status, for answers the rules above do not describe
    overrides: dict[str, int] = field(default_factory=dict)

    def expected(self, role: str, target: str) -> int:
        if role in self.overrides:
            return self.overrides[role]
        if self.public:
            return self.ok
        if role == "anonymous":
            return 302
        if role not in self.allowed:
            return self.denied
        return self.ok if target in self.allowed[role] else self.out_of_scope


def roles(names, targets=BOTH, **overrides) -> dict[str, frozenset[str]]:
    """allowed= helper: roles(COUNCIL_READERS, OWN_ONLY, national_analyst=BOTH)."""
    allowed = {name: frozenset(targets) for name in names}
    allowed.update({k: frozenset(v) for k, v in overrides.items()})
    return allowed


def no_target(url: Callable[[], str], allowed, **kwargs) -> Entry:
    """An entry for a URL with no organisation in it (a list or a form)."""
    return Entry(
        url=lambda world, target: url(),
        allowed=dict.fromkeys(allowed, ANY_TARGET),
        targets=(NO_TARGET,),
        **kwargs,
    )


def api_entry(url, allowed, **kwargs) -> Entry:
    """An API route: no session redirect, so anonymous callers get 401."""
    overrides = {"anonymous": 401, **kwargs.pop("overrides", {})}
    return Entry(url=url, allowed=allowed, overrides=overrides, **kwargs)


def api_no_target(url: Callable[[], str], allowed, **kwargs) -> Entry:
    overrides = {"anonymous": 401, **kwargs.pop("overrides", {})}
    return no_target(url, allowed, overrides=overrides, **kwargs)
