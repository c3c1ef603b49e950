"""Setting up a review, its team and its stages."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from assurance.accounts.models import User
from assurance.accounts.permissions import Action, can_any, forget_grants, team_place_refusal
from assurance.core.concurrency import check_history_mark
from assurance.core.marking import Marking
from assurance.frameworks.models import FrameworkVersion
from assurance.frameworks.services import check_version_use
from assurance.organisations.models import Organisation, Partnership

from .. import rules
from ..models import Review, SelfAssessmentResponse, Stage, StageCheck, TeamMember
from ..rules import ReviewStatus, StageKind, StageStatus, TeamRole
from ..selectors import host_ids
from ._common import lock, require, require_open, save


def _hosts(organisation, partnership) -> list[Organisation]:
    if (organisation is None) == (partnership is None):
        raise ValidationError({"host": "Choose one council or one partnership to review."})
    if organisation is not None:
        if not organisation.is_council:
            raise ValidationError({"host": "Only a council or partnership can host a review."})
        return [organisation]
    return list(partnership.members.select_related("region"))


@transaction.atomic
def review_set_up(
    *,
    actor: User,
    framework_version: FrameworkVersion,
    review_type: str,
    title: str,
    starts_on: date | None,
    ends_on: date | None,
    organisation: Organisation | None = None,
    partnership: Partnership | None = None,
    marking: str = Marking.OFFICIAL,
    manager_organisation: Organisation | None = None,
) -> Review:
    """Open a review with its six stages, one self-assessment task per
    criterion, and the person setting it up as its review manager."""
    hosts = _hosts(organisation, partnership)
    if not can_any(actor, Action.SET_UP_REVIEW, [h.pk for h in hosts]):
        raise PermissionDenied("You cannot set up a review of that council.")
    errors = {}
    if review_type not in rules.ReviewType.values:
        errors["review_type"] = "Choose the type of review."
    if not (title or "").strip():
        errors["title"] = "Enter a title for the review."
    if starts_on is None:
        errors["starts_on"] = "Enter the date the review starts."
    if ends_on is None:
        errors["ends_on"] = "Enter the date the review ends."
    elif starts_on and ends_on < starts_on:
        errors["ends_on"] = "The review must end on or after the day it starts."
    if marking not in Marking.values:
        errors["marking"] = "Choose OFFICIAL or OFFICIAL-SENSITIVE."
    if errors:
        raise ValidationError(errors)
    check_version_use(framework_version, use="peer_review", organisations=hosts)
    review = Review(
        organisation=organisation,
        partnership=partnership,
        framework_version=framework_version,
        review_type=review_type,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        marking=marking,
        created_by=actor,
    )
    save(review, actor, "Set up")
    stages = bulk_create_with_history(
        [
            Stage(review=review, kind=kind, position=position)
            for position, kind in enumerate(rules.STAGE_ORDER)
        ],
        Stage,
        default_user=actor,
    )
    stages = list(Stage.objects.filter(review=review).order_by("position"))
    bulk_create_with_history(
        [
            StageCheck(stage=stage, position=i, text=text)
            for stage in stages
            for i, text in enumerate(rules.STAGE_CHECKLISTS[stage.kind])
        ],
        StageCheck,
        default_user=actor,
    )
    bulk_create_with_history(
        [
            SelfAssessmentResponse(review=review, criterion=criterion)
            for criterion in framework_version.criteria.all()
        ],
        SelfAssessmentResponse,
        default_user=actor,
    )
    body = manager_organisation or _own_organisation(actor)
    if body is not None:
        save(
            TeamMember(review=review, user=actor, role=TeamRole.REVIEW_MANAGER, organisation=body),
            actor,
        )
        forget_grants(actor)
    return review


def _own_organisation(user: User) -> Organisation | None:
    membership = user.memberships.filter(organisation__isnull=False).first()
    return membership.organisation if membership else None


@transaction.atomic
def team_member_add(
    *,
    actor: User,
    review: Review,
    email: str,
    role: str,
    organisation: Organisation | None = None,
) -> TeamMember:
    review = lock(review)
    require(actor, Action.MANAGE_REVIEW, review)
    require_open(review)
    errors = {}
    user = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None:
        errors["email"] = "There is no active user with that email address."
    if errors:
        raise ValidationError(errors)
    if TeamMember.objects.filter(review=review, user=user).exists():
        raise ValidationError({"email": f"{user.full_name} is already on the team."})
    hosts = host_ids(review)
    refusal = team_place_refusal(user, role, hosts)
    if refusal:
        raise ValidationError(refusal)
    organisation = organisation or _own_organisation(user)
    if organisation is None:
        raise ValidationError({"organisation": "Choose the organisation they come from."})
    if organisation.pk in hosts:
        raise ValidationError(
            {"email": "Peers come from other organisations: the host cannot review itself."}
        )
    if rules.lead_peer_taken(role, review.team.values_list("role", flat=True)):
        raise ValidationError({"role": "The review already has a lead peer."})
    member = TeamMember(review=review, user=user, role=role, organisation=organisation)
    save(member, actor, "Added to the team")
    return member


@transaction.atomic
def team_member_remove(*, actor: User, member: TeamMember) -> None:
    review = lock(member.review)
    require(actor, Action.MANAGE_REVIEW, review)
    require_open(review)
    if member.user_id == actor.pk:
        raise ValidationError("You cannot remove yourself from the team.")
    member._history_user = actor
    member.delete()


@transaction.atomic
def declaration_make(
    *, actor: User, review: Review, has_conflict: bool | None, details: str = ""
) -> TeamMember:
    """A team member declares whether they have a conflict of interest with
    the host. Until they declare none, the host's evidence stays closed."""
    review = lock(review)
    require(actor, Action.WORK_ON_REVIEW, review)
    member = TeamMember.objects.select_for_update().filter(review=review, user=actor).first()
    if member is None:
        raise PermissionDenied
    if has_conflict is None:
        raise ValidationError({"has_conflict": "Say whether you have a conflict of interest."})
    details = (details or "").strip()
    if has_conflict and not details:
        raise ValidationError({"details": "Describe the conflict of interest."})
    member.has_conflict = bool(has_conflict)
    member.conflict_details = details if has_conflict else ""
    member.declared_at = timezone.now()
    save(member, actor, "Conflict of interest declared" if has_conflict else "No conflict")
    return member


@transaction.atomic
def stage_update(
    *,
    actor: User,
    stage: Stage,
    planned_from: date | None,
    planned_to: date | None,
    actual_from: date | None,
    actual_to: date | None,
    owner: TeamMember | None,
    done_check_ids: list[int],
    status: str,
    seen_version: str | None = None,
) -> Stage:
    """Update a stage; refused if it was saved after the form showing
    ``seen_version`` (its history mark) was drawn."""
    review = lock(stage.review)
    require(actor, Action.MANAGE_REVIEW, review)
    stage = Stage.objects.select_for_update().get(pk=stage.pk, review=review)
    check_history_mark(stage, seen_version, f"the {stage.get_kind_display().lower()} stage")
    errors = rules.date_order_problems(planned_from, planned_to, actual_from, actual_to)
    if status not in StageStatus.values:
        errors["status"] = "Choose not started, in progress or completed."
    if owner is not None and owner.review_id != review.pk:
        errors["owner"] = "Choose a member of this review's team."
    if errors:
        raise ValidationError(errors)
    checks = list(stage.checks.all())
    for check in checks:
        done = check.pk in set(done_check_ids)
        if check.done != done:
            check.done = done
            save(check, actor)
    if status == StageStatus.COMPLETED:
        states = [
            rules.StageState(
                s.kind,
                s.status,
                sum(c.done for c in checks) if s.pk == stage.pk else 0,
                len(checks) if s.pk == stage.pk else 0,
            )
            for s in review.stages.all()
        ]
        problems = rules.stage_completion_problems(stage.kind, states)
        if problems:
            raise ValidationError(problems)
        if actual_to is None:
            actual_to = timezone.localdate()
        actual_from = actual_from or actual_to
    stage.planned_from, stage.planned_to = planned_from, planned_to
    stage.actual_from, stage.actual_to = actual_from, actual_to
    stage.owner, stage.status = owner, status
    save(stage, actor)
    if review.status == ReviewStatus.PLANNED and status != StageStatus.NOT_STARTED:
        review.status = ReviewStatus.IN_PROGRESS
        save(review, actor, f"{stage.get_kind_display()} started")
    finished = stage.kind == StageKind.FOLLOW_UP and status == StageStatus.COMPLETED
    if finished and review.status == ReviewStatus.REPORT_ISSUED:
        review.status = ReviewStatus.COMPLETED
        save(review, actor, "Follow-up support completed")
    return stage
