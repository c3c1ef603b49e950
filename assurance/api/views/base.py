"""What every endpoint shares: authentication, the action it needs, cursor
pages, the rate limit and the error answers come from settings.REST_FRAMEWORK;
an endpoint names its action and calls the owning app's selectors and
services, never a query of its own."""

from __future__ import annotations

from rest_framework import generics

from assurance.accounts.permissions import Action

READ = Action.VIEW_RECORDS


class ReadList(generics.ListAPIView):
    """A scoped list: ``records(request)`` returns the selector's queryset."""

    action_required: Action = READ

    def records(self, request):  # pragma: no cover - each endpoint defines it
        raise NotImplementedError

    def get_queryset(self):
        return self.records(self.request)


def choice(request, name: str, allowed) -> str:
    """A filter value from the query string, or "" if it is not one of ``allowed``."""
    value = request.query_params.get(name, "")
    return value if value in allowed else ""


def number(request, name: str) -> int | None:
    value = request.query_params.get(name, "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def many(request, name: str, allowed) -> list[str]:
    return [v for v in request.query_params.getlist(name) if v in allowed]
