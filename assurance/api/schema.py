"""How the API's authentication and our own fields appear in the OpenAPI document."""

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.plumbing import append_meta, build_array_type


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "assurance.api.authentication.ApiTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token made on your account page (pda_…).",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "assurance.api.authentication.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


class ListWithGapsSchema(OpenApiSerializerFieldExtension):
    """Items of the item's own schema or null. drf-spectacular maps a list of
    serializers to a list of their component and drops the child's
    ``allow_null``, so the document would refuse the nulls we send."""

    target_class = "assurance.api.serializers.fields.ListWithGaps"

    def map_serializer_field(self, auto_schema, direction):
        item = auto_schema._map_serializer_field(self.target.child, direction)
        return build_array_type(append_meta(item, {"nullable": True}))
