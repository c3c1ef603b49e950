from django import template

register = template.Library()

_STATUS = {
    "not_started": "govuk-tag--grey",
    "in_progress": "govuk-tag--blue",
    "completed": "govuk-tag--green",
    "superseded": "govuk-tag--purple",
}
_RESPONSE = {
    "pending": "govuk-tag--grey",
    "accepted": "govuk-tag--green",
    "partially_accepted": "govuk-tag--yellow",
    "rejected": "govuk-tag--orange",
}


@register.filter
def status_tag(value: str) -> str:
    return _STATUS.get(value, "govuk-tag--grey")


@register.filter
def response_tag(value: str) -> str:
    return _RESPONSE.get(value, "govuk-tag--grey")


@register.filter
def response_label(value: str) -> str:
    from ..models import Response

    return Response(value).label if value in Response.values else value


@register.filter
def status_label(value: str) -> str:
    from ..models import Status

    return Status(value).label if value in Status.values else value


@register.filter
def verification_label(value: str) -> str:
    from ..models import Verification

    return Verification(value).label if value in Verification.values else value
