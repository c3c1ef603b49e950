"""Issued assessments feed the council's recommendations register.

The first issue of an assessment creates a source holding its closing
recommendations, each entry linked to the recommendation it answers. A reissue
(after a recorded reopening) brings that source into line with the new letter
without losing the council's responses and progress: changed wording is
updated, new recommendations are added after the existing ones, and ones the
assessor removed are marked superseded with a progress entry saying why.
Register numbers stay fixed after the first issue, so that cabinet papers
keep their references even if a reissued letter numbers differently."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_update_with_history, update_change_reason

from assurance.accounts.models import User

from ..models import ProgressEntry, Recommendation, RecommendationSource, SourceKind, SourceStatus
from ..models import Status as ItemStatus
from .closure import reopen
from .sources import source_create

DROPPED_NOTE = "Superseded: the assessor removed this recommendation before reissuing the letter."


@transaction.atomic
def source_record_assessment(*, actor: User, assessment) -> RecommendationSource | None:
    """Create or update the register entries for an issued assessment. A
    letter with no recommendations creates no (empty) source."""
    letter_items = list(assessment.recommendations.select_related("criterion").order_by("number"))
    source = RecommendationSource.objects.filter(assessment=assessment).first()
    if source is None and not letter_items:
        return None
    if source is None:
        return _first_issue(actor, assessment, letter_items)
    _bring_into_line(source, letter_items, actor)
    return source


def _first_issue(actor: User, assessment, letter_items) -> RecommendationSource:
    source = source_create(
        actor=actor,
        organisation=_responding_council(assessment),
        partnership=assessment.partnership,
        kind=SourceKind.ASSESSMENT,
        title=f"Assessment {assessment.period}: {assessment.framework_version.framework.title}",
        made_by=str(assessment.assessing_body or assessment.assessor),
        made_on=timezone.localdate(assessment.issued_at),
        reference=f"Assessment letter, {assessment.period}",
        marking=assessment.classification,
        recommendations=[(r.number, r.text, r.criterion) for r in letter_items],
    )
    source.assessment = assessment
    source.save(update_fields=["assessment"])
    by_number = {r.number: r for r in letter_items}
    entries = list(source.recommendations.all())
    for entry in entries:
        entry.assessment_recommendation = by_number[entry.number]
    bulk_update_with_history(
        entries, Recommendation, ["assessment_recommendation"], default_user=actor
    )
    return source


def _responding_council(assessment):
    """A partnership's letter is answered by its first member council (by
    name); the other members read it through the partnership."""
    if assessment.organisation_id:
        return assessment.organisation
    return assessment.partnership.members.order_by("name").first()


def _bring_into_line(source: RecommendationSource, letter_items, actor: User) -> None:
    entries = list(source.recommendations.all())
    linked = {e.assessment_recommendation_id: e for e in entries if e.assessment_recommendation_id}
    next_number = (source.recommendations.aggregate(n=Max("number"))["n"] or 0) + 1
    changed = False
    for item in letter_items:
        entry = linked.get(item.pk)
        if entry is None:
            Recommendation.objects.create(
                source=source,
                number=next_number,
                text=item.text,
                criterion=item.criterion,
                assessment_recommendation=item,
            )
            next_number += 1
            changed = True
        elif (entry.text, entry.criterion_id) != (item.text, item.criterion_id):
            entry.text, entry.criterion = item.text, item.criterion
            entry.save(update_fields=["text", "criterion"])
            update_change_reason(entry, "Changed when the assessment was reissued")
            changed = True
    for entry in entries:
        if entry.assessment_recommendation_id is None and entry.status != ItemStatus.SUPERSEDED:
            _supersede(entry, actor)
            changed = True
    if changed and source.status == SourceStatus.CLOSED:
        reopen(source, "Reopened because the assessment was reissued")


def _supersede(entry: Recommendation, actor: User) -> None:
    ProgressEntry.objects.create(
        recommendation=entry,
        entry=DROPPED_NOTE,
        author=actor,
        status_from=entry.status,
        status_to=ItemStatus.SUPERSEDED,
    )
    entry.status = ItemStatus.SUPERSEDED
    entry.save(update_fields=["status"])
