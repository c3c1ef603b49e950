"""What every endpoint shares: authentication, the action it needs, cursor
pages, the rate limit and the error answers come from settings.REST_FRAMEWORK;
an endpoint names its action and calls the owning app's selectors and
services, never a query of its own."""

from __future__ import annotations

from django.http import QueryDict
from rest_framework import generics
from rest_framework.exceptions import ValidationError

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


def form_data(data) -> QueryDict:
    """A request body (JSON object or form) as the strings a Django form reads,
    so that the pages' forms parse API input with their own messages. Anything
    but an object is refused."""
    if isinstance(data, QueryDict):
        return data
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": ["Send the fields as a JSON object."]})
    parsed = QueryDict(mutable=True)
    for name, value in data.items():
        for each in value if isinstance(value, list) else [value]:
            parsed.appendlist(str(name), "" if each is None else str(each))
    return parsed
