"""Assessments as the caller may see them. The view removes the fields
``permissions.hidden_fields`` hides at this stage (visibility.without_hidden):
the serializers decide nothing."""

from rest_framework import serializers

from assurance.assessments.models import (
    Assessment,
    AssessmentRecommendation,
    CriterionResponse,
    IssuedLetter,
)


class LevelValue(serializers.IntegerField):
    """A rating level given as its value on the scale (null when not set)."""

    def to_representation(self, level):
        return level.value


class CriterionResultSerializer(serializers.ModelSerializer):
    criterion = serializers.IntegerField(source="criterion_id")
    criterion_number = serializers.IntegerField(source="criterion.number")
    self_level = LevelValue(allow_null=True)
    assessed_level = LevelValue(allow_null=True)
    moderated_level = LevelValue(allow_null=True)
    # Null while the assessing side's drafts are hidden from the caller.
    good_practice = serializers.CharField(allow_null=True)
    areas_for_development = serializers.CharField(allow_null=True)

    class Meta:
        model = CriterionResponse
        fields = [
            "criterion",
            "criterion_number",
            "narrative",
            "self_level",
            "assessed_level",
            "good_practice",
            "areas_for_development",
            "moderated_level",
        ]


class ClosingRecommendationSerializer(serializers.ModelSerializer):
    criterion = serializers.IntegerField(source="criterion_id", allow_null=True)

    class Meta:
        model = AssessmentRecommendation
        fields = ["number", "criterion", "text"]


class LetterSerializer(serializers.ModelSerializer):
    pdf = serializers.URLField(source="pdf_url")
    docx = serializers.URLField(source="docx_url")

    class Meta:
        model = IssuedLetter
        fields = ["version_number", "issued_at", "pdf_sha256", "docx_sha256", "pdf", "docx"]


class AssessmentSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id", allow_null=True)
    partnership = serializers.IntegerField(source="partnership_id", allow_null=True)
    framework_version = serializers.IntegerField(source="framework_version_id")
    assessed = serializers.CharField(source="assessed_name")

    class Meta:
        model = Assessment
        fields = [
            "id",
            "organisation",
            "partnership",
            "assessed",
            "framework_version",
            "period",
            "status",
            "council_owned",
            "marking",
            "issued_at",
        ]


class AssessmentDetailSerializer(AssessmentSerializer):
    summary = serializers.CharField(allow_null=True)
    criteria = CriterionResultSerializer(many=True, source="results")
    recommendations = ClosingRecommendationSerializer(many=True, source="closing")
    letters = LetterSerializer(many=True, source="issued_letters")

    class Meta(AssessmentSerializer.Meta):
        fields = [
            *AssessmentSerializer.Meta.fields,
            "summary",
            "criteria",
            "recommendations",
            "letters",
        ]
