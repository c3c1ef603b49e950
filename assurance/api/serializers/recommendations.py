from rest_framework import serializers

from assurance.recommendations.models import (
    ProgressEntry,
    Recommendation,
    RecommendationSource,
    Response,
    Status,
)
from assurance.ui.text import clean_text


class SourceSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id")
    partnership = serializers.IntegerField(source="partnership_id", allow_null=True)

    class Meta:
        model = RecommendationSource
        fields = [
            "id",
            "organisation",
            "partnership",
            "kind",
            "title",
            "made_by",
            "made_on",
            "reference",
            "marking",
            "status",
            "closed_at",
        ]


class RecommendationSerializer(serializers.ModelSerializer):
    source = serializers.IntegerField(source="source_id")
    criterion = serializers.IntegerField(source="criterion_id", allow_null=True)
    lead_user = serializers.IntegerField(source="lead_user_id", allow_null=True)
    overdue = serializers.BooleanField(default=False)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "source",
            "number",
            "criterion",
            "theme",
            "text",
            "response",
            "reason",
            "lead",
            "lead_user",
            "milestone",
            "revised_milestone",
            "status",
            "completed_on",
            "verification",
            "overdue",
            "version",
        ]


class ProgressSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.full_name")

    class Meta:
        model = ProgressEntry
        fields = ["id", "entry", "author", "created_at", "worked_on", "status_from", "status_to"]


# --- Input: parsed here, decided by the services ---------------------------------


class CleanText(serializers.CharField):
    """Text as the forms take it: without the characters the service never keeps."""

    def to_internal_value(self, data):
        return clean_text(super().to_internal_value(data))


class ResponseInputSerializer(serializers.Serializer):
    response = serializers.ChoiceField(choices=Response.choices)
    reason = CleanText(required=False, allow_blank=True, default="")
    lead = CleanText(required=False, allow_blank=True, default="", max_length=200)
    lead_user = serializers.IntegerField(required=False, allow_null=True, default=None)
    milestone = serializers.DateField(required=False, allow_null=True, default=None)


class ProgressInputSerializer(serializers.Serializer):
    entry = CleanText()
    status = serializers.ChoiceField(choices=Status.choices, required=False, allow_null=True)
    completed_on = serializers.DateField(required=False, allow_null=True)
    worked_on = serializers.DateField(required=False, allow_null=True)


class ImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The register template, as CSV or XLSX.")


class ImportResultSerializer(serializers.Serializer):
    imported = serializers.IntegerField(help_text="Recommendations created or changed.")
