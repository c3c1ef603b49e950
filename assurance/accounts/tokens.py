"""How API tokens look and how they are checked: pure functions, no database.

A token reads ``pda_<prefix>_<secret>``. The prefix finds the row; the
SHA-256 of the whole token is compared in constant time with the stored hash.
The secret has 256 bits from the operating system's generator, so a plain
(unsalted) hash is enough: there is nothing to guess."""

from __future__ import annotations

import hashlib
import hmac
import secrets

PREFIX = "pda"


def new_token() -> tuple[str, str, str]:
    """(token shown once, prefix stored, hash stored)."""
    prefix = secrets.token_hex(6)
    token = f"{PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    return token, prefix, digest(token)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def prefix_of(token: str) -> str | None:
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1]


def matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(digest(token), stored_hash)
