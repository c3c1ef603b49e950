from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from assurance.accounts.audit import audit_download
from assurance.accounts.permissions import hidden_fields
from assurance.assessments import rules, selectors
from assurance.assessments.rules import Status
from assurance.documents.responses import file_response

from ..serializers.assessments import AssessmentDetailSerializer, AssessmentSerializer
from ..visibility import blank_hidden, hidden_for
from .base import READ, ReadList, choice

FILTERS = [
    OpenApiParameter("q", str, description="Part of the council's or partnership's name."),
    OpenApiParameter("period", str, description="The reporting year, for example 2024/25."),
    OpenApiParameter("status", str, enum=list(Status.values)),
]


@extend_schema(parameters=FILTERS, summary="Assessments you may see")
class AssessmentList(ReadList):
    serializer_class = AssessmentSerializer

    def records(self, request):
        filters = selectors.AssessmentFilters(
            q=request.query_params.get("q", ""),
            period=request.query_params.get("period", ""),
            status=choice(request, "status", Status.values),
        )
        return selectors.assessment_list(request.user, filters)


@extend_schema(
    summary="An assessment with its levels, feedback, recommendations and letters",
    description=(
        "Before issue, the assessing side's draft levels, feedback, summary and closing "
        "recommendations are null (or left out) for anyone who does not score or moderate it."
    ),
)
class AssessmentDetail(generics.RetrieveAPIView):
    serializer_class = AssessmentDetailSerializer
    action_required = READ

    def get_object(self):
        request = self.request
        assessment = selectors.get_assessment_for(request.user, self.kwargs["pk"], purpose=READ)
        assessment.results = selectors.responses_with_evidence(assessment)
        assessment.closing = selectors.recommendations_of(assessment)
        assessment.issued_letters = selectors.letters_of(assessment)
        for letter in assessment.issued_letters:
            for fmt in ("pdf", "docx"):
                path = reverse(
                    "api:letter_download", args=[assessment.pk, letter.version_number, fmt]
                )
                setattr(letter, f"{fmt}_url", request.build_absolute_uri(path))
        return assessment

    def retrieve(self, request, *args, **kwargs):
        assessment = self.get_object()
        for part in (*assessment.results, *assessment.closing):
            part.assessment = assessment  # parts stand where their assessment does
        data = self.get_serializer(assessment).data
        blank_hidden(data, hidden_fields(request.user, assessment))
        in_draft = hidden_for(request.user, assessment.results)
        for row in data["criteria"]:
            blank_hidden(row, in_draft)
        if hidden_for(request.user, assessment.closing):
            data["recommendations"] = []  # a draft recommendation is draft through and through
        return Response(data)


@extend_schema(
    summary="An issued letter, exactly as issued",
    responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
)
class LetterDownload(APIView):
    action_required = READ

    def get(self, request, pk: int, version: int, fmt: str):
        letter = selectors.get_letter_for(request.user, pk, version, purpose=READ)
        audit_download(
            request,
            marking=letter.assessment.marking,
            what=f"letter v{letter.version_number} of {letter.assessment} ({fmt}) by the API",
            organisation=letter.assessment.organisation,
        )
        with getattr(letter, fmt).open("rb") as handle:
            content = handle.read()
        assessment = letter.assessment
        name = rules.file_stem(
            "assessment letter", assessment.assessed_name, assessment.period, letter.version_number
        )
        return file_response(content, filename=name, extension=fmt)
