from rest_framework import serializers

from assurance.frameworks.models import Criterion, Descriptor, FrameworkVersion, RatingLevel


class LevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = RatingLevel
        fields = ["id", "value", "label", "description", "band"]


class DescriptorSerializer(serializers.ModelSerializer):
    level = serializers.IntegerField(source="level.value")

    class Meta:
        model = Descriptor
        fields = ["level", "text"]


class CriterionSerializer(serializers.ModelSerializer):
    group = serializers.CharField(source="group.title", default=None, allow_null=True)
    descriptors = DescriptorSerializer(many=True)

    class Meta:
        model = Criterion
        fields = [
            "id",
            "number",
            "code",
            "title",
            "statement",
            "group",
            "assured_separately",
            "descriptors",
        ]


class FrameworkVersionSerializer(serializers.ModelSerializer):
    framework = serializers.CharField(source="framework.slug")

    class Meta:
        model = FrameworkVersion
        fields = [
            "id",
            "framework",
            "version",
            "title",
            "effective_from",
            "effective_to",
            "is_scored",
            "scale_name",
            "meets_duty_from",
        ]


class FrameworkVersionDetailSerializer(FrameworkVersionSerializer):
    levels = LevelSerializer(many=True, source="scale")
    criteria = CriterionSerializer(many=True, source="criteria_in_order")

    class Meta(FrameworkVersionSerializer.Meta):
        fields = [*FrameworkVersionSerializer.Meta.fields, "levels", "criteria"]
