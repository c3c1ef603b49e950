"""Pure rules for single sign-on: which provider vouches for an address, and
whether a provider's claims are enough to sign someone in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

# Why a sign-in through a provider is refused, as codes the views turn into pages.
UNVERIFIED = "unverified"
NO_EMAIL = "no_email"
WRONG_DOMAIN = "wrong_domain"
UNKNOWN = "unknown"


def email_domain(email: str) -> str:
    """The part after the last @, lower-cased; empty when there is none."""
    local, at, domain = (email or "").strip().rpartition("@")
    return domain.lower().rstrip(".") if at and local and domain else ""


def parse_domains(value: str | Iterable[str]) -> frozenset[str]:
    """Domains written one way or another (commas, spaces, new lines, an "@" in front)."""
    parts = re.split(r"[\s,;]+", value) if isinstance(value, str) else list(value)
    return frozenset(p.strip().lstrip("@").lower().rstrip(".") for p in parts if p.strip())


def claims_refusal(claims: Mapping[str, Any], domains: frozenset[str]) -> str | None:
    """None when the claims prove a verified address the provider vouches for.

    Only an explicit ``email_verified: true`` counts (a string "true" from a
    sloppy provider is accepted, anything else is not). The address must be on
    one of the provider's own domains, so one council's provider can never
    speak for an address at another body."""
    email = str(claims.get("email") or "").strip()
    if not email or not email_domain(email):
        return NO_EMAIL
    verified = claims.get("email_verified")
    if not (verified is True or (isinstance(verified, str) and verified.lower() == "true")):
        return UNVERIFIED
    if email_domain(email) not in domains:
        return WRONG_DOMAIN
    return None


def amr_of(claims: Mapping[str, Any]) -> list[str]:
    """The ID token's authentication methods as a list of strings (RFC 8176)."""
    value = claims.get("amr") or []
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value if isinstance(v, str | int)][:20]
