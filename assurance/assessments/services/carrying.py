"""Carrying last period forward: a new assessment or self-assessment starts
from the narratives and evidence of the earlier record chosen by
rules.carry_source, mapped onto this period's criteria by rules.carry_plan.
What is carried is marked to confirm; no task is completed and no level is
carried (the "what changed" panel shows the earlier level instead).

Called by the opening services, after their own permission checks. A fixed
number of queries, whatever the number of criteria or evidence items."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from simple_history.utils import bulk_create_with_history

from assurance.evidence.models import EvidenceItem
from assurance.evidence.services import carry_evidence

from .. import rules, selectors
from ..models import Assessment, CriterionResponse
from ._common import save


def create_responses(actor, assessment: Assessment, criteria, *, carry_forward: bool) -> None:
    """Create one response per criterion, carrying last period forward when
    asked and there is something to carry from (assessment.carried_from is
    then set)."""
    responses = {c.pk: CriterionResponse(assessment=assessment, criterion=c) for c in criteria}
    source = selectors.carry_source(assessment) if carry_forward else None
    plan = (
        selectors.carry_plan(source.framework_version_id, assessment.framework_version_id)
        if source
        else None
    )
    if plan is None:
        bulk_create_with_history(list(responses.values()), CriterionResponse, default_user=actor)
        return
    earlier = {
        r.criterion_id: r
        for r in CriterionResponse.objects.filter(assessment=source.pk).select_related("criterion")
    }
    evidence: dict[int, list[EvidenceItem]] = {}
    for item in EvidenceItem.objects.filter(
        holder_type=ContentType.objects.get_for_model(CriterionResponse),
        holder_id__in=[r.pk for r in earlier.values()],
    ).order_by("evidence_date", "pk"):
        evidence.setdefault(item.holder_id, []).append(item)
    carried, fresh, copies = [], [], []
    for criterion_id, response in responses.items():
        before = [earlier[pk] for pk in plan.sources(criterion_id) if pk in earlier]
        items = _distinct([item for r in before for item in evidence.get(r.pk, ())])
        response.narrative = rules.carried_narrative(
            [(r.criterion.number, r.narrative) for r in before], label_sources=len(before) > 1
        )
        response.task_status = rules.carried_status(response.narrative)
        response.carried_forward = bool(response.narrative or items)
        (carried if response.carried_forward else fresh).append(response)
        copies.extend((item, response) for item in items)
    reason = f"Carried forward from {source.period}: confirm or update"
    bulk_create_with_history(
        carried, CriterionResponse, default_user=actor, default_change_reason=reason
    )
    bulk_create_with_history(fresh, CriterionResponse, default_user=actor)
    carry_evidence(copies, carried_by=actor, reason=reason)
    assessment.carried_from_id = source.pk
    save(assessment, actor, f"Started from {source.period}'s narratives and evidence")


def _distinct(items: list[EvidenceItem]) -> list[EvidenceItem]:
    """One copy of the same document, when merged criteria both cited it."""
    seen, kept = set(), []
    for item in items:
        key = (item.kind, item.url, item.file.name if item.file else "", item.title)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
