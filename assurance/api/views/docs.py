"""The OpenAPI document and its documentation page, rendered on the server in
the service's own style from the same document (no third-party script, so
the content security policy stays strict)."""

from __future__ import annotations

from functools import cache

from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularAPIView

from assurance.accounts.permissions import api_view, public

METHODS = ("get", "post", "put", "patch", "delete")


class Schema(SpectacularAPIView):
    """The OpenAPI 3.1 document, open to anyone: it describes, it holds no data."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []


schema = api_view(Schema.as_view())


def _operations(document: dict) -> list[dict]:
    found = []
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or ["api"])[0],
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    return found


@cache
def _document() -> dict:
    """The document does not change while the process runs: built once."""
    return SchemaGenerator().get_schema(request=None, public=True)


@public
def docs(request):
    document = _document()
    operations = _operations(document)
    tags = sorted({o["tag"] for o in operations})
    return render(
        request,
        "api/docs.html",
        {
            "document": document,
            "groups": [(tag, [o for o in operations if o["tag"] == tag]) for tag in tags],
        },
    )
