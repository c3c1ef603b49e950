"""Delivery records, one pair of endpoints per kind. Reads and writes go
through the delivery app's selectors, its record form (the same parsing and
messages as the pages) and its services."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from assurance.accounts.permissions import Action
from assurance.delivery import forms, selectors, services
from assurance.delivery.kinds import KINDS

from ..serializers.delivery import SERIALIZERS
from .base import READ, ReadList, form_data, number

EDIT = Action.EDIT_DELIVERY_RECORDS


class DeliveryList(ReadList):
    slug = ""
    write_action = EDIT

    def records(self, request):
        kind = KINDS[self.slug]
        # Exact referral and Channel counts go only to the council's own people.
        purpose = Action.VIEW_UNSUPPRESSED_FIGURES if kind.counts else READ
        records = selectors.visible_records(request.user, self.slug, purpose=purpose)
        organisation = number(request, "organisation")
        if organisation is not None:
            records = selectors.of_council(records, self.slug, organisation)
        return selectors.with_many(records, self.slug)

    def post(self, request):
        data = form_data(request.data)
        organisation = _given_id(data)
        if organisation is None:
            raise ValidationError({"organisation": ["Give the council's id."]})
        council = selectors.get_council_for(request.user, organisation, purpose=EDIT)
        form = forms.RecordForm(self.slug, council.pk, data=data)
        if not form.is_valid():
            return Response(form.errors, status=status.HTTP_400_BAD_REQUEST)
        record = services.delivery_record_create(
            actor=request.user, slug=self.slug, organisation=council, values=dict(form.cleaned_data)
        )
        record = selectors.get_record_for(request.user, self.slug, record.pk, purpose=READ)
        return Response(self.get_serializer(record).data, status=status.HTTP_201_CREATED)


def _given_id(data) -> int | None:
    value = data.get("organisation", "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def list_view(slug: str):
    kind = KINDS[slug]
    serializer = SERIALIZERS[slug]
    organisation = OpenApiParameter("organisation", int, description="Only this council's.")
    decorated = extend_schema(
        methods=["GET"],
        summary=f"{kind.plural} you may see",
        parameters=[organisation],
        tags=["delivery"],
    )(
        extend_schema(
            methods=["POST"],
            summary=f"Record a new {kind.label}",
            description=(
                "Give `organisation` (the council's id) and the fields, as on the page. "
                "Related records (plans, bodies, risks, criteria) by id."
            ),
            request=serializer,
            responses={
                201: serializer,
                400: OpenApiResponse(description="Refused: the messages say why, by field."),
            },
            tags=["delivery"],
        )(
            type(
                f"{serializer.__name__}List",
                (DeliveryList,),
                {"slug": slug, "serializer_class": serializer},
            )
        )
    )
    return decorated
