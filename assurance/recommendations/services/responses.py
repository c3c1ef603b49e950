"""The council's response to its recommendations: response, reason, lead
and milestone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from assurance.accounts.models import User
from assurance.accounts.permissions import Action, council_people

from .. import rules
from ..models import Recommendation, RecommendationSource, Response
from ._common import _lock, _require, _require_open, _save


@dataclass(frozen=True)
class ResponseInput:
    """The council's response to one recommendation, as given on the form."""

    recommendation_id: int
    response: str
    reason: str = ""
    lead: str = ""
    lead_user_id: int | None = None
    milestone: date | None = None
    # The recommendation's version when the form was drawn: a change to a row
    # someone else saved since then is refused, not silently undone.
    seen_version: int | None = None


CONFLICT = "Someone else saved recommendation"


def _response_errors(number: int, item: ResponseInput, members: set[int]) -> list[str]:
    errors = []
    if item.response not in Response.values:
        errors.append(f"Recommendation {number}: choose a response.")
    if rules.reason_required(item.response) and not rules.has_reason(item.reason):
        errors.append(
            f"Recommendation {number}: give a reason for a response of "
            f"“{Response(item.response).label.lower()}”."
        )
    if item.lead_user_id is not None and item.lead_user_id not in members:
        errors.append(f"Recommendation {number}: the lead person must work for the council.")
    return errors


@transaction.atomic
def source_respond(
    *, actor: User, source: RecommendationSource, responses: Sequence[ResponseInput]
) -> list[Recommendation]:
    """The council's reply to a whole source at once: saved only if every
    line is valid."""
    _require(actor, Action.RESPOND_RECOMMENDATIONS, source)
    _require_open(source)
    by_id = {r.pk: r for r in source.recommendations.select_for_update()}
    members = _council_members(source)
    errors = []
    for item in responses:
        if item.recommendation_id not in by_id:
            raise ValidationError("A recommendation on the form is not part of this source.")
        errors += _response_errors(by_id[item.recommendation_id].number, item, members)
    if errors:
        raise ValidationError(errors)
    changed, conflicts = [], []
    for item in responses:
        recommendation = by_id[item.recommendation_id]
        values = {
            "response": item.response,
            "reason": item.reason.strip(),
            "lead": item.lead.strip(),
            "lead_user_id": item.lead_user_id,
            "milestone": item.milestone,
        }
        if any(getattr(recommendation, k) != v for k, v in values.items()):
            if item.seen_version is not None and item.seen_version != recommendation.version:
                conflicts.append(recommendation.number)
                continue
            for field, value in values.items():
                setattr(recommendation, field, value)
            changed.append(recommendation)
    if conflicts:
        numbers = ", ".join(str(n) for n in conflicts)
        raise ValidationError(
            f"{CONFLICT}{'s' if len(conflicts) > 1 else ''} {numbers} after you opened "
            "this page. Nothing has been saved. Open the recommendation to see their answers; "
            "saving this page again will replace them with yours."
        )
    for recommendation in changed:  # only the rows that changed are written
        recommendation.version += 1
        recommendation.save()
    return changed


@transaction.atomic
def recommendation_respond(
    *,
    actor: User,
    recommendation: Recommendation,
    response: ResponseInput,
    expected_version: int | None,
) -> Recommendation:
    """The response to one recommendation, from its own page. Refused if
    someone else saved it since the form was drawn (``expected_version``)."""
    source = recommendation.source
    _require(actor, Action.RESPOND_RECOMMENDATIONS, source)
    _require_open(source)
    if response.recommendation_id != recommendation.pk:
        raise ValidationError("The form is for another recommendation.")
    item = _lock(recommendation, expected_version)
    errors = _response_errors(item.number, response, _council_members(source))
    if errors:
        raise ValidationError(errors)
    item.response, item.reason = response.response, response.reason.strip()
    item.lead, item.lead_user_id = response.lead.strip(), response.lead_user_id
    item.milestone = response.milestone
    _save(item)
    return item


def _council_members(source: RecommendationSource) -> set[int]:
    return set(council_people([source.organisation_id]).values_list("pk", flat=True))
