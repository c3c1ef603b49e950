"""A council's own self-assessment: started, completed and signed off by the
council for its own governance (for example a red, amber, green rating for
its committee), against a framework that allows it. No assessor, no score,
never a letter: the status machine (rules.OWN_TRANSITIONS) has no way there.
An assessor may later open an assessment that starts from it."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assurance.accounts.permissions import Action, can
from assurance.evidence.models import EvidenceItem
from assurance.evidence.services import carry_evidence
from assurance.frameworks.models import FrameworkVersion
from assurance.organisations.models import Organisation

from .. import rules
from ..models import Assessment, CriterionResponse
from ..rules import Event, Status
from ._common import lock, require, save, step
from .carrying import create_responses
from .self_assessment import _states

# Starting and signing off are the council lead's, like submitting to an assessor.
OWN_ACTION = Action.SUBMIT_SELF_ASSESSMENT


@transaction.atomic
def own_self_assessment_start(
    *,
    actor,
    organisation: Organisation,
    framework_version: FrameworkVersion,
    period: str,
    marking: str = "OFFICIAL",
    carry_forward: bool = False,
) -> Assessment:
    """With ``carry_forward``, the council's latest earlier self-assessment or
    issued assessment gives the starting draft (services.carrying)."""
    if not can(actor, OWN_ACTION, organisation.pk):
        raise PermissionDenied(
            "Only your council's Prevent lead can start a self-assessment of its own."
        )
    if not framework_version.allows_council_self_assessment:
        raise ValidationError(
            {"framework_version": "Choose a framework that councils may self-assess against."}
        )
    try:
        period = rules.check_period(period)
    except ValueError as error:
        raise ValidationError({"period": str(error)}) from error
    if Assessment.objects.filter(
        organisation=organisation,
        framework_version=framework_version,
        period=period,
        council_owned=True,
    ).exists():
        raise ValidationError(
            {"period": f"Your council already has its own self-assessment for {period}."}
        )
    assessment = Assessment(
        organisation=organisation,
        framework_version=framework_version,
        period=period,
        due_date=timezone.localdate(),
        marking=marking,
        council_owned=True,
    )
    save(assessment, actor, "Council self-assessment started")
    create_responses(
        actor, assessment, framework_version.criteria.all(), carry_forward=carry_forward
    )
    return assessment


@transaction.atomic
def own_self_assessment_sign_off(*, actor, assessment: Assessment) -> Assessment:
    assessment = lock(assessment)
    require(actor, OWN_ACTION, assessment)
    new_status = step(assessment, Event.SIGN_OFF)
    problems = rules.submission_problems(_states(assessment))
    if problems:
        raise ValidationError(problems)
    assessment.status = new_status
    assessment.signed_off_by, assessment.signed_off_at = actor, timezone.now()
    save(assessment, actor, "Signed off by the council")
    return assessment


def council_proposal(assessment: Assessment) -> Assessment | None:
    """The council's own signed-off self-assessment for the same framework
    version and period, if there is one."""
    if not assessment.organisation_id:
        return None
    return Assessment.objects.filter(
        organisation=assessment.organisation_id,
        framework_version=assessment.framework_version_id,
        period=assessment.period,
        council_owned=True,
        status=Status.SIGNED_OFF,
    ).first()


def copy_proposal(actor, assessment: Assessment, proposal: Assessment) -> None:
    """Start an assessment from the council's own answers: narrative, proposed
    level, completed tasks and the evidence linked to each criterion (linked
    again, not uploaded again; the council's record keeps its own)."""
    own = {r.criterion_id: r for r in proposal.responses.all()}
    taking = {}
    for response in assessment.responses.all():
        source = own.get(response.criterion_id)
        if source is None:
            continue
        taking[source.pk] = response
        response.narrative, response.self_level_id = source.narrative, source.self_level_id
        response.task_status = source.task_status
        response.self_assessed_by_id = source.self_assessed_by_id
        response.self_assessed_at = source.self_assessed_at
        save(response, actor, "Taken from the council's own self-assessment")
    items = EvidenceItem.objects.filter(
        holder_type=ContentType.objects.get_for_model(CriterionResponse),
        holder_id__in=list(taking),
    ).order_by("pk")
    carry_evidence(
        [(item, taking[item.holder_id]) for item in items],
        carried_by=actor,
        reason="Taken from the council's own self-assessment",
        mark=False,
    )
    assessment.proposal_from = proposal
    save(assessment, actor, "Started from the council's own self-assessment")
