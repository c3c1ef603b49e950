from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from assurance.accounts.permissions import Action
from assurance.oversight import selectors
from assurance.oversight.filters import FilterForm

from ..serializers.oversight import HeatmapSerializer

REGIONAL = Action.VIEW_REGIONAL_OVERSIGHT


@extend_schema(
    summary="Issued levels by council and criterion (the heatmap)",
    description=(
        "The councils in your scope, with the final level of each criterion in the latest "
        "issued assessment of the version and period chosen (by default the latest)."
    ),
    parameters=[
        OpenApiParameter("version", int, description="A framework version id."),
        OpenApiParameter("period", str),
        OpenApiParameter("region", int),
        OpenApiParameter("nation", str),
        OpenApiParameter("kind", str, description="Kind of council."),
        OpenApiParameter("priority", str, enum=["yes", "no"]),
    ],
    responses={200: HeatmapSerializer, 400: OpenApiResponse(description="Unknown filter values.")},
)
class Heatmap(APIView):
    action_required = REGIONAL

    def get(self, request):
        view = selectors.scoped(request.user, purpose=REGIONAL)
        form = FilterForm(request.query_params or None, choices=selectors.filter_choices(view))
        if form.is_bound and not form.is_valid():
            return Response(form.errors, status=400)
        report = selectors.heatmap(view, filters=form.filters())
        return Response(HeatmapSerializer(report).data)
