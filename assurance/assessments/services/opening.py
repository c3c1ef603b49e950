from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from assurance.accounts.permissions import Action, assessing_body_of, can, can_any
from assurance.frameworks.models import FrameworkVersion
from assurance.frameworks.services import check_version_use
from assurance.organisations.models import Organisation, Partnership

from .. import rules
from ..models import Assessment
from .carrying import create_responses
from .own import copy_proposal, council_proposal


def _check_target(
    actor, organisation: Organisation | None, partnership: Partnership | None
) -> None:
    if (organisation is None) == (partnership is None):
        raise ValidationError({"target": "Choose one council or one partnership to assess."})
    if organisation is not None:
        if not organisation.is_council:
            raise ValidationError({"target": "Only councils can be assessed."})
        allowed = can(actor, Action.OPEN_ASSESSMENT, organisation.pk)
    else:
        allowed = can_any(
            actor, Action.OPEN_ASSESSMENT, partnership.members.values_list("pk", flat=True)
        )
    if not allowed:
        raise PermissionDenied("You cannot open an assessment for that council.")


@transaction.atomic
def assessment_open(
    *,
    actor,
    framework_version: FrameworkVersion,
    period: str,
    due_date: date,
    organisation: Organisation | None = None,
    partnership: Partnership | None = None,
    marking: str = "OFFICIAL",
    from_council_self_assessment: bool = False,
    carry_forward: bool = False,
) -> Assessment:
    """Open an assessment; with ``from_council_self_assessment``, the council's
    own signed-off self-assessment for the same framework and period is its
    proposal (refused if there is none). With ``carry_forward``, the previous
    issued assessment's narratives and evidence are the starting draft
    (services.carrying), unless the council's proposal for this very period
    is taken instead: it is newer."""
    _check_target(actor, organisation, partnership)
    councils = [organisation] if organisation else list(partnership.members.all())
    check_version_use(framework_version, use="assessment", organisations=councils)
    try:
        period = rules.check_period(period)
    except ValueError as error:
        raise ValidationError({"period": str(error)}) from error
    holder = {"organisation": organisation} if organisation else {"partnership": partnership}
    if Assessment.objects.filter(
        framework_version=framework_version, period=period, council_owned=False, **holder
    ).exists():
        raise ValidationError(
            {
                "period": f"{(organisation or partnership).name} already has an assessment "
                f"against this framework for {period}."
            }
        )
    body = assessing_body_of(actor)
    assessment = Assessment(
        framework_version=framework_version,
        period=period,
        due_date=due_date,
        marking=marking,
        assessor=actor,
        assessing_body_id=body,
        **holder,
    )
    assessment._history_user = actor
    assessment.save()
    create_responses(
        actor,
        assessment,
        framework_version.criteria.all(),
        carry_forward=carry_forward and not from_council_self_assessment,
    )
    if from_council_self_assessment:
        proposal = council_proposal(assessment)
        if proposal is None:
            raise ValidationError(
                {
                    "from_council_self_assessment": "The council has no signed-off "
                    "self-assessment of its own against this framework for this period."
                }
            )
        copy_proposal(actor, assessment, proposal)
    return assessment
