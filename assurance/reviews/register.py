"""Hand-over of a review's suggested improvements to the host's register,
through the register's typed intake (``recommendations.intake``): the review
describes what its report issued and the register creates or brings into
line one source, keyed by the review, with one recommendation per
improvement, keyed by the finding. Responses and register numbers survive a
reissue; an improvement withdrawn before a reissue is marked superseded."""

from __future__ import annotations

from django.utils import timezone

from assurance.recommendations.intake import IssuedItem, IssuedSource
from assurance.recommendations.services import source_record_issue

from .models import Finding, Review
from .rules import ReviewType, TeamRole

SOURCE_KIND = "peer_review"


def _responding_council_id(review: Review) -> int:
    """A partnership's review is answered by its first member council (by
    name); the other members read it through the partnership."""
    if review.organisation_id:
        return review.organisation_id
    return review.partnership.members.order_by("name").values_list("pk", flat=True).first()


def _made_by(review: Review) -> str:
    manager = (
        review.team.filter(role=TeamRole.REVIEW_MANAGER).select_related("organisation").first()
    )
    return manager.organisation.name if manager else "Peer review team"


def _item(number: int, finding: Finding) -> IssuedItem:
    criteria = sorted(finding.criteria.all(), key=lambda c: c.number)
    return IssuedItem(
        key=str(finding.pk),
        number=number,
        text=finding.text,
        theme=finding.group.title if finding.group else "",
        criterion_ids=tuple(c.pk for c in criteria),
    )


def improvements_to_register(*, actor, review: Review, improvements: list[Finding]) -> None:
    """Every suggested improvement of the issued report becomes (or stays) one
    recommendation in the host's register."""
    source_record_issue(
        actor=actor,
        issued=IssuedSource(
            kind=SOURCE_KIND,
            origin_id=review.pk,
            organisation_id=_responding_council_id(review),
            partnership_id=review.partnership_id,
            title=f"{ReviewType(review.review_type).label}: {review.title}",
            made_by=_made_by(review),
            made_on=timezone.localdate(),
            reference=f"Peer review report, {review.starts_on:%B %Y}",
            marking=review.marking,
            items=tuple(_item(n, f) for n, f in enumerate(improvements, start=1)),
        ),
    )
