from rest_framework import serializers

from .fields import ListWithGaps


class CriterionColumnSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.IntegerField()
    title = serializers.CharField()
    scored = serializers.BooleanField()


class CellSerializer(serializers.Serializer):
    """A council's level in one criterion; value, name and band are empty
    where the assessment left the criterion without a level."""

    value = serializers.IntegerField(allow_null=True)
    name = serializers.CharField(allow_blank=True)
    band = serializers.CharField(allow_null=True)
    movement = serializers.CharField()


class HeatRowSerializer(serializers.Serializer):
    holder = serializers.CharField(source="holder.name")
    key = serializers.CharField(source="holder.key")
    region = serializers.CharField(source="holder.region_label")
    previous_period = serializers.CharField(allow_null=True)
    # One per criterion of the version, null where it is not scored (assured separately).
    cells = ListWithGaps(child=CellSerializer())


class VersionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()


class HeatmapSerializer(serializers.Serializer):
    version = VersionSerializer(allow_null=True)
    period = serializers.CharField(allow_null=True)
    criteria = CriterionColumnSerializer(many=True)
    rows = HeatRowSerializer(many=True)
