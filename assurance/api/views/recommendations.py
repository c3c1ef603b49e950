"""The register: sources, recommendations, the council's responses and progress."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from assurance.accounts.permissions import Action
from assurance.recommendations import forms, importing, selectors, services
from assurance.recommendations.models import Response as Answer
from assurance.recommendations.models import Status
from assurance.recommendations.services.responses import ResponseInput

from ..concurrency import etag, expected_version
from ..serializers import recommendations as s
from .base import READ, ReadList, choice, many, number

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    location=OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the recommendation as you last read it.",
)
REFUSALS = {
    400: OpenApiResponse(description="Refused: the messages say why, by field."),
    404: OpenApiResponse(description="No such record within your scope."),
    412: OpenApiResponse(description="Changed by someone else since you read it."),
    428: OpenApiResponse(description="If-Match is missing."),
}


def _with_etag(response: Response, recommendation) -> Response:
    response["ETag"] = etag("recommendation", recommendation.pk, recommendation.version)
    return response


# --- Sources -----------------------------------------------------------------------


@extend_schema(
    summary="Register sources you may see",
    parameters=[
        OpenApiParameter("q", str, description="Part of the title or the council's name."),
        OpenApiParameter("status", str, enum=["open", "closed", "all"], default="open"),
    ],
)
class SourceList(ReadList):
    serializer_class = s.SourceSerializer

    def records(self, request):
        filters = selectors.SourceFilters(
            q=request.query_params.get("q", ""),
            status=choice(request, "status", selectors.SOURCE_STATUSES) or "open",
        )
        return selectors.source_list(request.user, filters)


@extend_schema(summary="One register source")
class SourceDetail(generics.RetrieveAPIView):
    serializer_class = s.SourceSerializer
    action_required = READ

    def get_object(self):
        return selectors.get_source_for(self.request.user, self.kwargs["pk"], purpose=READ)


@extend_schema(
    summary="Import recommendations from the register template (CSV or XLSX)",
    description=(
        "The same file the import page takes: new numbers are added, numbers already in "
        "the source get the progress and status the file gives. Nothing is saved if any "
        "row is refused."
    ),
    request={"multipart/form-data": s.ImportInputSerializer},
    responses={201: s.ImportResultSerializer, **REFUSALS},
)
class SourceImport(APIView):
    action_required = READ
    write_action = Action.MANAGE_RECOMMENDATION_SOURCES
    parser_classes = [MultiPartParser, FormParser]

    def post(self, request, pk: int):
        source = selectors.get_source_for(request.user, pk, purpose=self.write_action)
        form = forms.ImportForm(data={}, files=request.FILES)
        if not form.is_valid():
            return Response(form.errors, status=status.HTTP_400_BAD_REQUEST)
        upload = form.cleaned_data["file"]
        result = importing.parse(upload.name, upload.read(), selectors.numbers_of(source))
        if not result.ok:
            problems = [
                f"{f'Row {e.row}' if e.row else 'Whole file'}"
                f"{f', column {e.column}' if e.column else ''}: {e.problem}"
                for e in result.errors
            ]
            return Response({"file": problems}, status=status.HTTP_400_BAD_REQUEST)
        done = services.recommendations_import(actor=request.user, source=source, rows=result.rows)
        return Response({"imported": len(done)}, status=status.HTTP_201_CREATED)


# --- Recommendations ------------------------------------------------------------------


@extend_schema(
    summary="The register: recommendations you may see",
    parameters=[
        OpenApiParameter("source", int),
        OpenApiParameter("source_q", str, description="Part of the source's title or council."),
        OpenApiParameter("status", str, many=True, enum=list(Status.values)),
        OpenApiParameter("response", str, many=True, enum=list(Answer.values)),
        OpenApiParameter("lead", str),
        OpenApiParameter("criterion", int),
        OpenApiParameter("overdue", bool),
    ],
)
class RecommendationList(ReadList):
    serializer_class = s.RecommendationSerializer

    def records(self, request):
        filters = selectors.RegisterFilters(
            source=number(request, "source"),
            source_q=request.query_params.get("source_q", ""),
            statuses=many(request, "status", Status.values),
            responses=many(request, "response", Answer.values),
            lead=request.query_params.get("lead", ""),
            criterion=number(request, "criterion"),
            overdue=request.query_params.get("overdue") in ("true", "1"),
        )
        return selectors.register(request.user, filters)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        today = timezone.localdate()
        return [selectors.mark_overdue(item, today) for item in page]


class RecommendationDetail(APIView):
    action_required = READ
    write_action = Action.RESPOND_RECOMMENDATIONS

    @extend_schema(
        summary="One recommendation (its ETag is its version)", responses=s.RecommendationSerializer
    )
    def get(self, request, pk: int):
        item = selectors.get_recommendation_for(request.user, pk, purpose=READ)
        return _with_etag(Response(s.RecommendationSerializer(item).data), item)

    @extend_schema(
        summary="The council's response, lead and milestone",
        description="All of response, reason, lead and milestone are set; send If-Match.",
        parameters=[IF_MATCH],
        request=s.ResponseInputSerializer,
        responses={200: s.RecommendationSerializer, **REFUSALS},
    )
    def put(self, request, pk: int):
        item = selectors.get_recommendation_for(request.user, pk, purpose=self.write_action)
        version = expected_version(request, "recommendation", item.pk, item.version)
        given = s.ResponseInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        saved = services.recommendation_respond(
            actor=request.user,
            recommendation=item,
            response=ResponseInput(
                recommendation_id=item.pk,
                response=data["response"],
                reason=data["reason"],
                lead=data["lead"],
                lead_user_id=data["lead_user"],
                milestone=data["milestone"],
            ),
            expected_version=version,
        )
        saved = selectors.get_recommendation_for(request.user, saved.pk, purpose=READ)
        return _with_etag(Response(s.RecommendationSerializer(saved).data), saved)


class ProgressList(APIView):
    action_required = READ
    write_action = Action.RECORD_PROGRESS

    @extend_schema(
        summary="The progress log of a recommendation", responses=s.ProgressSerializer(many=True)
    )
    def get(self, request, pk: int):
        item = selectors.get_recommendation_for(request.user, pk, purpose=READ)
        entries = selectors.progress_of(item).order_by("pk")
        return Response(s.ProgressSerializer(entries, many=True).data)

    @extend_schema(
        summary="Record progress (and optionally a new status)",
        parameters=[IF_MATCH],
        request=s.ProgressInputSerializer,
        responses={201: s.ProgressSerializer, **REFUSALS},
    )
    def post(self, request, pk: int):
        item = selectors.get_recommendation_for(request.user, pk, purpose=self.write_action)
        version = expected_version(request, "recommendation", item.pk, item.version)
        given = s.ProgressInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        entry = services.progress_add(
            actor=request.user,
            recommendation=item,
            expected_version=version,
            **given.validated_data,
        )
        after = selectors.get_recommendation_for(request.user, pk, purpose=READ)
        return _with_etag(
            Response(s.ProgressSerializer(entry).data, status=status.HTTP_201_CREATED), after
        )
