"""Hand-over of a review's suggested improvements to the host's register.

Kept in this one module so that it can move to the register's typed intake
interface without touching the rest of the app: ``improvements_to_register``
is the only place the reviews app writes through the recommendations app.
The first issue creates the source through ``recommendations.services.
source_create`` (allowed for the review manager, who sets up reviews for
the host); a reissue adds improvements recorded since, and brings changed
wording into line, keeping the host's responses and register numbers."""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone
from simple_history.utils import update_change_reason

from assurance.recommendations.models import Recommendation, SourceKind
from assurance.recommendations.services import source_create

from .models import Finding, Review
from .rules import ReviewType, TeamRole


def _first_criterion(finding: Finding):
    return min(finding.criteria.all(), key=lambda c: c.number, default=None)


def _responding_council(review: Review):
    if review.organisation_id:
        return review.organisation
    return review.partnership.members.order_by("name").first()


def _made_by(review: Review) -> str:
    manager = review.team.filter(role=TeamRole.REVIEW_MANAGER).select_related("organisation")
    first = manager.first()
    return first.organisation.name if first else "Peer review team"


def improvements_to_register(*, actor, review: Review, improvements: list[Finding]) -> None:
    """Every suggested improvement of the review becomes (or stays) one
    recommendation in the host's register, linked one to one."""
    if not improvements:
        return
    source = review.register_source
    if source is None:
        source = source_create(
            actor=actor,
            organisation=_responding_council(review),
            partnership=review.partnership,
            kind=SourceKind.PEER_REVIEW,
            title=f"{ReviewType(review.review_type).label}: {review.title}",
            made_by=_made_by(review),
            made_on=timezone.localdate(),
            reference=f"Peer review report, {review.starts_on:%B %Y}",
            marking=review.classification,
            recommendations=[
                (n, f.text, _first_criterion(f)) for n, f in enumerate(improvements, start=1)
            ],
        )
        review.register_source = source
        review.save(update_fields=["register_source"])
        entries = {e.number: e for e in source.recommendations.all()}
        for n, finding in enumerate(improvements, start=1):
            finding.recommendation = entries[n]
            finding.save(update_fields=["recommendation"])
        return
    next_number = (source.recommendations.aggregate(n=Max("number"))["n"] or 0) + 1
    for finding in improvements:
        entry = finding.recommendation
        if entry is None:
            entry = Recommendation.objects.create(
                source=source,
                number=next_number,
                text=finding.text,
                criterion=_first_criterion(finding),
            )
            next_number += 1
            finding.recommendation = entry
            finding.save(update_fields=["recommendation"])
        elif entry.text != finding.text:
            entry.text = finding.text
            entry.save(update_fields=["text"])
            update_change_reason(entry, "Changed when the peer review report was reissued")
