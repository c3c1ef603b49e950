"""The few records the national data set does not make but the newer pages
need (peer reviews, delivery records, a national source, a file of evidence,
a council's own self-assessment, a document being built), added to the bench
database once, for the busiest source's council, so that every page of the
access matrix is measured rather than skipped.

Made through the apps' services and test factories, as the access-matrix
world makes them; all fictional. Each is found again by a fixed title or
name on the next run, so reusing a bench database adds nothing twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction

BENCH = "Bench"  # titles of the records made here start with it


def review_records(w) -> dict[str, object]:
    """An in-progress peer review of the council (with a session, a spare team
    member and a piece of evidence) and an issued one, managed by the
    assessor the bench signs in as."""
    from assurance.evidence.models import EvidenceItem
    from assurance.reviews import services
    from assurance.reviews.models import Review
    from assurance.reviews.rules import ReviewType
    from assurance.reviews.tests.factories import (
        add_peer,
        ready_to_issue,
        record_as_issued,
        set_up,
    )

    manager = w.user_for("assessor", w.own.pk)
    found = {
        r.title: r for r in Review.objects.filter(organisation=w.own, title__startswith=f"{BENCH} ")
    }
    if len(found) < 2:
        with transaction.atomic():
            version = _peer_review_version()
            peer_user, peer_org = _peer_reviewer(w)
            for title in (f"{BENCH} peer review", f"{BENCH} issued peer review"):
                if title in found:
                    continue
                review = set_up(
                    manager=manager,
                    council=w.own,
                    version=version,
                    title=title,
                    review_type=ReviewType.HOME_OFFICE,
                )
                if peer_user is not None:
                    add_peer(review, manager, peer_user, peer_org, declare=False)
                ready_to_issue(review, manager)
                if "issued" in title:
                    record_as_issued(review, manager)
                else:
                    services.session_add(
                        actor=manager,
                        review=review,
                        title="Leadership",
                        held_on=review.starts_on,
                        starts_at="10:00",
                        format="in_person",
                    )
                    EvidenceItem.objects.create(
                        holder=review.responses.order_by("criterion__number").first(),
                        organisation=w.own,
                        title=f"{BENCH} terms of reference",
                        evidence_date=date(2026, 1, 1),
                        kind="link",
                        url="https://example.org/terms",
                        uploaded_by=manager,
                    )
                found[title] = review
    review = found[f"{BENCH} peer review"]
    return {
        "review": review,
        "issued_review": found[f"{BENCH} issued peer review"],
        "review_session": review.sessions.order_by("pk").first(),
        "review_spare_member": review.team.exclude(user=manager).order_by("pk").first(),
        "review_evidence": EvidenceItem.objects.filter(
            organisation=w.own, title=f"{BENCH} terms of reference"
        ).first(),
    }


def _peer_review_version():
    """The toolkit, which English and Welsh councils' peer reviews use."""
    from assurance.frameworks.models import FrameworkVersion

    return (
        FrameworkVersion.objects.filter(framework__slug="home-office-prevent-duty-toolkit")
        .order_by("-pk")
        .first()
    )


def _peer_reviewer(w):
    """A peer reviewer from another council, if the data set has one."""
    from assurance.accounts.models import Membership, Role

    member = (
        Membership.objects.filter(role=Role.PEER_REVIEWER)
        .exclude(organisation=w.own)
        .select_related("user", "organisation")
        .order_by("pk")
        .first()
    )
    return (member.user, member.organisation) if member else (None, None)


def delivery_records(w):
    """One delivery record of each kind for the council (the test factory's)."""
    from assurance.delivery import models as m
    from assurance.delivery.tests.factories import Records, records_for

    own = w.own
    if not m.GovernanceBody.objects.filter(organisation=own).exists():
        with transaction.atomic():
            return records_for(own)
    first = lambda qs: qs.order_by("pk").first()  # noqa: E731
    return Records(
        body=first(m.GovernanceBody.objects.filter(organisation=own)),
        meeting=first(m.Meeting.objects.filter(body__organisation=own)),
        plan=first(m.PartnershipPlan.objects.filter(organisation=own)),
        action=first(m.PlanAction.objects.filter(plan__organisation=own)),
        risk=first(m.Risk.objects.filter(organisation=own)),
        panel=first(m.ChannelPanel.objects.filter(organisation=own)),
        quarter=first(m.ChannelQuarter.objects.filter(panel__organisation=own)),
        referral=first(m.ReferralFigure.objects.filter(organisation=own)),
        training=first(m.TrainingCohort.objects.filter(organisation=own)),
        policy=first(m.Policy.objects.filter(organisation=own)),
        engagement=first(m.EngagementActivity.objects.filter(organisation=own)),
    )


def national_source(w):
    """A national source applied to the council."""
    from assurance.recommendations.models import NationalApplication, NationalSource

    found = NationalSource.objects.filter(applications__organisation=w.own).order_by("pk").first()
    if found:
        return found
    with transaction.atomic():
        source = NationalSource.objects.create(
            title=f"{BENCH} national review",
            made_by="Home Office",
            made_on=date(2026, 1, 10),
            published_by=w.user_for("national_analyst", None),
        )
        NationalApplication.objects.create(national_source=source, organisation=w.own)
    return source


ATTENDANCE = b"a,b\n1,2\n"  # the bench's file of evidence (8 bytes, as recorded)
VAR = Path(__file__).resolve().parents[2] / "var"


def evidence_file(w):
    """A file of evidence held on one of the council's assessments, with its
    file in the private storage of the settings being measured. The record
    outlives the file: it stays in the bench database from run to run, while
    the storage (var/test-private under the test settings) may have been
    emptied since, or the database made under other settings."""
    from assurance.evidence.models import EvidenceItem

    found = EvidenceItem.objects.filter(organisation=w.own, kind="file").order_by("pk").first()
    if found:
        if not found.file.storage.exists(found.file.name):
            _store(found.file, ContentFile(ATTENDANCE))
            found.save(update_fields=["file"])
        return found
    link = EvidenceItem.objects.filter(organisation=w.own).order_by("pk").first()
    if link is None:
        return None
    item = EvidenceItem(
        holder_type=link.holder_type,
        holder_id=link.holder_id,
        organisation=w.own,
        title=f"{BENCH} attendance figures",
        evidence_date=link.evidence_date,
        kind="file",
        original_filename="attendance.csv",
        size=len(ATTENDANCE),
        content_type="text/csv",
        extension="csv",
        sha256="a" * 64,
        uploaded_by=link.uploaded_by,
    )
    _store(item.file, ContentFile(ATTENDANCE, name="attendance.csv"))
    item.save()
    return item


def _store(field_file, content: ContentFile) -> None:
    """Write the file under its recorded name (a new one if it has none), and
    only into a private storage on this machine under var/: the bench must
    never write into a real store of evidence."""
    storage = field_file.storage
    name = field_file.name or field_file.field.generate_filename(field_file.instance, content.name)
    try:
        target = Path(storage.path(name)).resolve()
    except NotImplementedError:  # an object store: not the bench's to write to
        target = None
    if target is None or not target.is_relative_to(VAR.resolve()):
        raise RuntimeError(f"The bench writes evidence only under {VAR}, not to {storage}.")
    field_file.name = storage.save(name, content)


def own_self_assessment(w):
    """The council's own self-assessment (run without an assessor)."""
    from assurance.assessments.models import Assessment
    from assurance.assessments.services import own_self_assessment_start

    found = Assessment.objects.filter(organisation=w.own, council_owned=True).order_by("pk")
    if found.exists():
        return found.first()
    from assurance.frameworks.models import FrameworkVersion

    version = (
        FrameworkVersion.objects.filter(allows_council_self_assessment=True).order_by("-pk").first()
    )
    lead = w.user_for("council_lead", w.own.pk)
    with transaction.atomic():
        return own_self_assessment_start(
            actor=lead, organisation=w.own, framework_version=version, period="2023/24"
        )


def source_document(w):
    """A document of the busiest source, as the status page shows it."""
    from assurance.recommendations.models import SourceDocument

    document, _ = SourceDocument.objects.get_or_create(
        source=w.obj("source", "own"), kind="tracker", extension="xlsx", fingerprint=BENCH
    )
    return document


def assessment_recommendation(w):
    """A recommendation on the assessment being scored (the edit page's).
    Made directly: the assessment awaits moderation, when the service takes
    no new ones, but the page still opens."""
    from assurance.assessments.models import AssessmentRecommendation

    scoring = w.obj("scoring", "own")
    found = AssessmentRecommendation.objects.filter(assessment=scoring).order_by("pk").first()
    return found or AssessmentRecommendation.objects.create(
        assessment=scoring, number=1, text=f"{BENCH}: write a plan.", created_by=scoring.assessor
    )
