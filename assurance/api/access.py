"""The DRF side of the chokepoint: an endpoint names the action it needs, as
``@requires`` does for a page, and asks accounts.permissions. Which records
are reachable is then decided by the owning app's selectors (404 outside)."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from assurance.accounts.permissions import Action, has_action


class HoldsAction(BasePermission):
    """The view's ``action`` (or ``write_action`` for unsafe methods) must be held
    for at least one organisation."""

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        action: Action | None = getattr(view, "action_required", None)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            action = getattr(view, "write_action", None)
        return action is not None and has_action(request.user, action)
