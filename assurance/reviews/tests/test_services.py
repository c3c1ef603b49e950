"""Every write of the reviews app: permission, rules, and nothing half-saved."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q

from assurance.evidence.models import EvidenceItem
from assurance.recommendations.models import Recommendation
from assurance.recommendations.services import ResponseInput, source_respond
from assurance.reviews import services
from assurance.reviews.models import Finding, IssuedReport, LineOfEnquiry, Stage, TeamMember
from assurance.reviews.rules import ReviewStatus, StageStatus
from assurance.reviews.selectors import findings_of, register_source_of

from .factories import add_findings, peer, peer_review_version, ready_to_issue, set_up


def _stage(review, position):
    return review.stages.get(position=position)


def _complete(stage, actor, **kwargs):
    return services.stage_update(
        actor=actor,
        stage=stage,
        planned_from=None,
        planned_to=None,
        actual_from=None,
        actual_to=None,
        owner=None,
        done_check_ids=kwargs.get("checks", list(stage.checks.values_list("pk", flat=True))),
        status=StageStatus.COMPLETED,
    )


def test_set_up_creates_six_stages_tasks_and_makes_the_manager_review_manager(review, manager):
    assert list(review.stages.values_list("kind", flat=True)) == [
        "self_assessment",
        "evidence_review",
        "on_site",
        "key_findings",
        "report",
        "follow_up",
    ]
    assert all(stage.checks.exists() for stage in review.stages.all())
    assert review.responses.count() == review.framework_version.criteria.count()
    assert TeamMember.objects.get(review=review, user=manager).role == "review_manager"


def test_set_up_refuses_a_framework_for_another_nation(manager, council, db):
    version = peer_review_version(slug="scotland-only", nations=["scotland"])
    with pytest.raises(ValidationError, match="applies only to councils in Scotland"):
        set_up(manager=manager, council=council, version=version)


def test_set_up_refuses_a_framework_not_open_to_peer_review(manager, council, db):
    version = peer_review_version(slug="assessment-only", uses=["assessment"])
    with pytest.raises(ValidationError, match="cannot be used for a peer review"):
        set_up(manager=manager, council=council, version=version)


def test_only_an_assessing_body_covering_the_host_sets_up(lead, council, version, other_council):
    from .factories import manager_for

    with pytest.raises(PermissionDenied):
        set_up(manager=lead, council=council, version=version)
    with pytest.raises(PermissionDenied):
        set_up(manager=manager_for(other_council), council=council, version=version)


def test_the_host_cannot_review_itself(review, manager, lead):
    with pytest.raises(ValidationError, match="host cannot review itself"):
        services.team_member_add(actor=manager, review=review, email=lead.email, role="peer")


def test_the_hosts_own_staff_cannot_join_as_peers_from_elsewhere(review, manager, lead):
    _, elsewhere = peer()
    with pytest.raises(ValidationError, match="host cannot review itself"):
        services.team_member_add(
            actor=manager, review=review, email=lead.email, role="peer", organisation=elsewhere
        )
    assert not review.team.filter(user=lead).exists()


def test_a_peer_cannot_manage_the_team(review, team_peer):
    someone, organisation = peer()
    with pytest.raises(PermissionDenied):
        services.team_member_add(actor=team_peer, review=review, email=someone.email, role="peer")


def test_a_stage_finished_before_the_one_it_depends_on_changes_nothing(review, manager):
    second = _stage(review, 1)
    with pytest.raises(ValidationError, match="Finish “Self-assessment”"):
        _complete(second, manager)
    second.refresh_from_db()
    assert second.status == StageStatus.NOT_STARTED
    assert not second.checks.filter(done=True).exists()


def test_stages_complete_in_order(review, manager):
    _complete(_stage(review, 0), manager)
    _complete(_stage(review, 1), manager)
    assert _stage(review, 1).status == StageStatus.COMPLETED
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS


def test_a_stage_with_unticked_checks_is_not_completed(review, manager):
    with pytest.raises(ValidationError, match="Tick every item"):
        _complete(_stage(review, 0), manager, checks=[])


def test_undeclared_peer_cannot_link_evidence_and_nothing_is_saved(review, undeclared_peer, lead):
    response = review.responses.first()
    response.review = review
    item = services.response_evidence_link_add(
        actor=lead,
        response=response,
        title="Plan",
        evidence_date=date(2026, 1, 1),
        marking="OFFICIAL",
        url="https://example.org/plan",
    )
    with pytest.raises(ValidationError, match="conflict-of-interest declaration"):
        services.enquiry_add(
            actor=undeclared_peer,
            review=review,
            question="How is the plan used?",
            criteria=[response.criterion],
            evidence=[item],
        )
    assert not LineOfEnquiry.objects.exists()


def test_a_declared_conflict_keeps_the_evidence_closed(review, undeclared_peer):
    with pytest.raises(ValidationError):
        services.declaration_make(actor=undeclared_peer, review=review, has_conflict=True)
    member = services.declaration_make(
        actor=undeclared_peer, review=review, has_conflict=True, details="Worked there in 2024."
    )
    assert member.declared and member.has_conflict


def test_a_finding_without_a_delivery_area_changes_nothing(review, team_peer):
    criterion = review.framework_version.criteria.first()
    with pytest.raises(ValidationError) as error:
        services.finding_add(
            actor=team_peer,
            review=review,
            kind="improvement",
            text="Do more.",
            group=None,
            criteria=[criterion],
        )
    assert error.value.message_dict == {
        "group": ["Choose the delivery area the finding belongs to."]
    }
    assert not Finding.objects.exists()


def test_an_outsider_cannot_write_anything(review, outsider_peer):
    with pytest.raises(PermissionDenied):
        services.session_add(
            actor=outsider_peer,
            review=review,
            title="x",
            held_on=date(2026, 3, 2),
            starts_at="10:00",
            format="online",
        )


def test_participants_are_roles_and_agencies(review, team_peer):
    session = services.session_add(
        actor=team_peer,
        review=review,
        title="Leadership",
        held_on=date(2026, 3, 2),
        starts_at="10:00",
        format="online",
    )
    with pytest.raises(ValidationError, match="not the person's name"):
        services.participant_add(actor=team_peer, session=session, job_title="", agency="Police")


def test_issue_freezes_the_report_and_hands_improvements_to_the_register(
    review, manager, lead, team_peer
):
    ready_to_issue(review, team_peer)
    issued = services.report_issue(actor=manager, review=review)
    review.refresh_from_db()
    assert review.status == ReviewStatus.REPORT_ISSUED
    assert len(issued.pdf_sha256) == 64 and issued.pdf.size > 0
    improvement = next(f for f in findings_of(review) if f.is_improvement)
    entry = improvement.entry
    assert entry.source == register_source_of(review)
    assert entry.source.organisation == review.organisation and entry.number == "1"
    assert entry.criterion_id == improvement.criteria.get().pk
    with pytest.raises(ValidationError, match="report has been issued"):
        add_findings(review, team_peer)
    source_respond(
        actor=lead,
        source=entry.source,
        responses=[ResponseInput(recommendation_id=entry.pk, response="accepted", lead="SPOC")],
    )
    entry.refresh_from_db()
    assert entry.response == "accepted"


def test_issuing_twice_gets_a_clear_message_and_one_report(review, manager, team_peer):
    ready_to_issue(review, team_peer)
    services.report_issue(actor=manager, review=review, expected_version=0)
    with pytest.raises(ValidationError, match="issued this report a moment ago"):
        services.report_issue(actor=manager, review=review, expected_version=0)
    with pytest.raises(ValidationError, match="already been issued"):
        services.report_issue(actor=manager, review=review)
    assert IssuedReport.objects.filter(review=review).count() == 1


def test_a_concurrent_issue_that_reaches_the_database_second_is_refused(
    review, manager, team_peer, monkeypatch
):
    """The race the lock cannot see (SQLite): the other issue's row is already
    there with the number this one chose; the unique constraint refuses it."""
    from assurance.reviews.services import report as report_services

    from .factories import record_as_issued

    ready_to_issue(review, team_peer)
    record_as_issued(review, manager)
    review.status = ReviewStatus.IN_PROGRESS
    review.save(update_fields=["status"])
    monkeypatch.setattr(report_services, "Max", lambda field: Count("pk", filter=Q(pk__in=[])))
    with pytest.raises(ValidationError, match="issued this report a moment ago"):
        services.report_issue(actor=manager, review=review)
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS
    assert IssuedReport.objects.filter(review=review).count() == 1
    assert not Recommendation.objects.exists()


def test_reopen_needs_a_reason_and_reissue_keeps_register_numbers(review, manager, lead, team_peer):
    ready_to_issue(review, team_peer)
    services.report_issue(actor=manager, review=review)
    with pytest.raises(ValidationError, match="Say why"):
        services.report_reopen(actor=manager, review=review, reason=" ")
    services.report_reopen(actor=manager, review=review, reason="A finding was missed.")
    group = review.framework_version.groups.first()
    services.finding_add(
        actor=team_peer, review=review, kind="improvement", text="Sign the agreement.", group=group
    )
    second = services.report_issue(actor=manager, review=review)
    assert second.version_number == 2
    numbers = dict(
        Recommendation.objects.filter(source=register_source_of(review)).values_list(
            "text", "number"
        )
    )
    assert numbers == {
        "Report progress to a senior board every year.": "1",
        "Sign the agreement.": "2",
    }


def test_the_host_completes_the_self_assessment_with_the_shared_rules(review, lead, team_peer):
    response = review.responses.first()
    response.review = review
    with pytest.raises(ValidationError, match="Describe how the council meets"):
        services.response_save(
            actor=lead, response=response, expected_version=1, narrative="", task_status="completed"
        )
    saved = services.response_save(
        actor=lead,
        response=response,
        expected_version=1,
        narrative="We do.",
        task_status="completed",
    )
    assert saved.version == 2
    with pytest.raises(ValidationError, match="while you were editing"):
        services.response_save(
            actor=lead,
            response=response,
            expected_version=1,
            narrative="Hm",
            task_status="completed",
        )
    with pytest.raises(PermissionDenied):
        services.response_save(
            actor=team_peer,
            response=response,
            expected_version=2,
            narrative="x",
            task_status="in_progress",
        )


def test_evidence_belongs_to_the_host(review, lead):
    response = review.responses.first()
    response.review = review
    item = services.response_evidence_link_add(
        actor=lead,
        response=response,
        title="Plan",
        evidence_date=date(2026, 1, 1),
        marking="OFFICIAL",
        url="https://example.org/plan",
    )
    assert item.organisation == review.organisation
    services.response_evidence_remove(actor=lead, response=response, item=item)
    assert not EvidenceItem.objects.exists()
    assert Stage.objects.filter(review=review).count() == 6


def test_an_improvement_withdrawn_before_a_reissue_is_superseded(review, manager, team_peer):
    ready_to_issue(review, team_peer)
    services.report_issue(actor=manager, review=review)
    services.report_reopen(actor=manager, review=review, reason="One suggestion is wrong.")
    improvement = Finding.objects.get(review=review, kind="improvement")
    improvement.review = review
    services.finding_remove(actor=team_peer, finding=improvement)
    services.report_issue(actor=manager, review=review)
    entry = Recommendation.objects.get(source=register_source_of(review))
    assert entry.status == "superseded"


def test_a_partnership_hosts_a_review_answered_by_its_first_council(council, version):
    from assurance.accounts.permissions import forget_grants
    from assurance.organisations.tests.factories import OrganisationFactory, PartnershipFactory

    from .factories import add_peer, manager_for

    second = OrganisationFactory(name="Aardale Council", region=council.region)
    partnership = PartnershipFactory(name="Joint Prevent Partnership", members=[council, second])
    manager = manager_for(council)
    review = services.review_set_up(
        actor=manager,
        framework_version=version,
        review_type="peer_challenge",
        title="Joint review",
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 3, 31),
        partnership=partnership,
    )
    forget_grants(manager)
    peer_user, peer_org = peer()
    add_peer(review, manager, peer_user, peer_org)
    forget_grants(peer_user)
    ready_to_issue(review, peer_user)
    services.report_issue(actor=manager, review=review)
    source = register_source_of(review)
    assert source.organisation == second and source.partnership == partnership
