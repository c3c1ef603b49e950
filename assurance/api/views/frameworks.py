from drf_spectacular.utils import extend_schema
from rest_framework import generics

from assurance.accounts.permissions import Action
from assurance.frameworks import selectors

from ..serializers.frameworks import FrameworkVersionDetailSerializer, FrameworkVersionSerializer
from .base import ReadList

VIEW = Action.VIEW_FRAMEWORKS


@extend_schema(summary="Framework versions")
class FrameworkList(ReadList):
    serializer_class = FrameworkVersionSerializer
    action_required = VIEW

    def records(self, request):
        return selectors.visible_framework_versions(request.user, purpose=VIEW)


@extend_schema(summary="A framework version with its scale, criteria and descriptors")
class FrameworkDetail(generics.RetrieveAPIView):
    serializer_class = FrameworkVersionDetailSerializer
    action_required = VIEW

    def get_object(self):
        version = selectors.get_framework_version_for(
            self.request.user, self.kwargs["pk"], purpose=VIEW
        )
        version.scale, version.criteria_in_order = selectors.contents_of(version)
        return version
