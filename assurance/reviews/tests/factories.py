"""Reviews for tests, made through the services as the pages make them."""

from __future__ import annotations

from datetime import date

from assurance.accounts.models import Role
from assurance.accounts.permissions import forget_grants
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.frameworks.tests.factories import framework_doc, load_version, unscored_doc
from assurance.organisations.tests.factories import OrganisationFactory

from .. import services
from ..rules import ReviewType


def peer_review_version(slug: str = "test-peer-review", *, grouped: bool = True, **extra):
    doc = unscored_doc(slug=slug) if grouped else framework_doc(slug=slug)
    doc.update({"uses": ["peer_review"], **extra})
    return load_version(doc)


def set_up(*, manager, council, version, title: str = "Peer review 2026", **kwargs):
    return services.review_set_up(
        actor=manager,
        framework_version=version,
        review_type=kwargs.pop("review_type", ReviewType.SCOTTISH),
        title=title,
        starts_on=kwargs.pop("starts_on", date(2026, 3, 1)),
        ends_on=kwargs.pop("ends_on", date(2026, 5, 31)),
        organisation=council,
        **kwargs,
    )


def manager_for(council):
    return assessor_for(region=council.region)


def peer(organisation=None):
    """A peer reviewer from another council."""
    organisation = organisation or OrganisationFactory()
    return user_with_role(Role.PEER_REVIEWER, organisation), organisation


def add_peer(review, manager, user, organisation, role="peer", *, declare=True):
    member = services.team_member_add(
        actor=manager, review=review, email=user.email, role=role, organisation=organisation
    )
    forget_grants(user)  # grants are worked out once per request; this is a new one
    if declare:
        services.declaration_make(actor=user, review=review, has_conflict=False)
    return member


def add_findings(review, actor):
    group = review.framework_version.groups.order_by("position").first()
    criteria = list(review.framework_version.criteria.order_by("number")[:2])
    good = services.finding_add(
        actor=actor,
        review=review,
        kind="good_practice",
        text="The contact is visible and trusted.",
        group=group,
        criteria=criteria[:1],
    )
    improvement = services.finding_add(
        actor=actor,
        review=review,
        kind="improvement",
        text="Report progress to a senior board every year.",
        group=group,
        criteria=criteria[1:],
    )
    return good, improvement


def ready_to_issue(review, actor):
    add_findings(review, actor)
    return services.report_text_save(
        actor=actor,
        review=review,
        executive_summary="The building blocks are in place.",
        background="Asked for by the council.",
        next_steps="A mentor can be introduced.",
    )


def record_as_issued(review, actor, *, pdf: bytes = b"%PDF-1.4 stored report"):
    """A quick issued state for access tests, without rendering a real report."""
    import hashlib

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from ..models import IssuedReport
    from ..rules import ReviewStatus

    docx = b"PK\x03\x04 stored docx"
    report = IssuedReport(
        review=review,
        version_number=1,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        docx_sha256=hashlib.sha256(docx).hexdigest(),
        issued_by=actor,
        issued_at=timezone.now(),
    )
    report.pdf.save("t.pdf", ContentFile(pdf), save=False)
    report.docx.save("t.docx", ContentFile(docx), save=False)
    report.save()
    review.status = ReviewStatus.REPORT_ISSUED
    review.save(update_fields=["status"])
    return report
