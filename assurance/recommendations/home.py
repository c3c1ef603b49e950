"""The home page block: how many recommendations are open and overdue."""

from assurance.accounts.models import COUNCIL_ROLES
from assurance.accounts.permissions import roles_of

from .selectors import home_counts


def recommendations_section(user) -> dict | None:
    if not roles_of(user) & COUNCIL_ROLES:
        return None
    return home_counts(user)
