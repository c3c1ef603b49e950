from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics

from assurance.accounts.permissions import Action
from assurance.organisations import selectors

from ..serializers.organisations import OrganisationSerializer
from .base import ReadList

Q = OpenApiParameter("q", str, description="Part of the name.")


@extend_schema(parameters=[Q], summary="Organisations you may see")
class OrganisationList(ReadList):
    serializer_class = OrganisationSerializer
    action_required = Action.VIEW_ORGANISATION

    def records(self, request):
        return selectors.organisation_directory(request.user, q=request.query_params.get("q", ""))


@extend_schema(summary="One organisation")
class OrganisationDetail(generics.RetrieveAPIView):
    serializer_class = OrganisationSerializer
    action_required = Action.VIEW_ORGANISATION

    def get_object(self):
        return selectors.get_organisation_for(
            self.request.user, self.kwargs["pk"], purpose=Action.VIEW_ORGANISATION
        )
