"""Fields of our own where DRF's or drf-spectacular's would misdescribe the data."""

from rest_framework import serializers


class ListWithGaps(serializers.ListField):
    """A list some of whose items are null, such as a row of the heatmap where
    a criterion is not scored. ``many=True`` would hand each null to the
    child serializer (which fails on it); a list field keeps it as null, and
    the schema extension ``ListWithGapsSchema`` says so in the document."""
