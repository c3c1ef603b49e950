"""The OpenAPI document and its documentation page, rendered on the server in
the service's own style from the same document (no third-party script, so
the content security policy stays strict)."""

from __future__ import annotations

from functools import lru_cache

from django.shortcuts import render
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response

from assurance.accounts.permissions import api_view, public

METHODS = ("get", "post", "put", "patch", "delete")


def document(version: str | None = None) -> dict:
    """The OpenAPI document, built once per process for each version and
    language asked for: it changes only with the code. Nothing else of a
    request reaches it: it is public (no user's permissions filter it), it
    names no server, and the schema view authenticates no one, so every view
    is described to the same anonymous user."""
    return _built(version, translation.get_language())


class Document(dict):
    """A built document, with its renderings (YAML, JSON) kept beside it."""

    rendered: dict

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rendered = {}


@lru_cache(maxsize=8)  # bounded: the version comes from the query string
def _built(version: str | None, language: str | None) -> Document:
    return Document(SchemaGenerator(api_version=version).get_schema(request=None, public=True))


class RenderedOnce:
    """A renderer that renders a built document once per media type: the YAML
    of the whole document takes longer than building the response."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, Document):  # an error, say
            return super().render(data, accepted_media_type, renderer_context)
        key = (type(self), accepted_media_type)
        if key not in data.rendered:
            plain = dict(data)  # YAML's safe dumper takes no subclass of dict
            data.rendered[key] = super().render(plain, accepted_media_type, renderer_context)
        return data.rendered[key]


class Schema(SpectacularAPIView):
    """The OpenAPI 3.1 document, open to anyone: it describes, it holds no data."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []
    renderer_classes = [
        type(r.__name__, (RenderedOnce, r), {}) for r in SpectacularAPIView.renderer_classes
    ]

    def _get_schema_response(self, request):
        # As drf-spectacular's own, but from the document built once.
        version = self.api_version or request.version or self._get_version_parameter(request)
        return Response(
            data=document(version),
            headers={
                "Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'
            },
        )


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


@public
def docs(request):
    built = document()
    operations = _operations(built)
    tags = sorted({o["tag"] for o in operations})
    return render(
        request,
        "api/docs.html",
        {
            "document": built,
            "groups": [(tag, [o for o in operations if o["tag"] == tag]) for tag in tags],
        },
    )
