from rest_framework import serializers

from assurance.organisations.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.name", default=None, allow_null=True)
    parent = serializers.IntegerField(source="parent_id", allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "region", "parent", "gss_code", "is_priority_area"]
