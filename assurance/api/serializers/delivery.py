"""One serializer per kind of delivery record, built from the fields the
record form edits (delivery.forms.FIELDS), so the API and the pages name the
same things. Related records are given by id."""

from __future__ import annotations

from rest_framework import serializers

from assurance.delivery.forms import FIELDS
from assurance.delivery.kinds import KINDS


def _serializer(slug: str) -> type[serializers.ModelSerializer]:
    kind = KINDS[slug]
    model_fields = {f.name for f in kind.model._meta.get_fields()}
    names = ["id", *FIELDS[slug]]
    if "organisation" in model_fields:
        names.insert(1, "organisation")
    if "marking" in model_fields and not kind.parent:
        names.append("marking")
    if kind.has_criteria:
        names.append("criteria")
    meta = type("Meta", (), {"model": kind.model, "fields": names})
    name = "Delivery" + "".join(part.title() for part in slug.split("-"))
    return type(name, (serializers.ModelSerializer,), {"Meta": meta})


SERIALIZERS = {slug: _serializer(slug) for slug in KINDS}


class DeliveryInput(serializers.Serializer):
    organisation = serializers.IntegerField(help_text="The council the record belongs to.")
