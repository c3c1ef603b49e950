"""The home page block: how many recommendations are open and overdue."""

from assurance.accounts.permissions import acts_for_council

from .selectors import home_counts


def recommendations_section(user) -> dict | None:
    if not acts_for_council(user):
        return None
    return home_counts(user)
