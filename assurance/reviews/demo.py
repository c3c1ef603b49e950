"""Demo peer reviews (idempotent): a completed Scottish review with its report
issued and its improvements in the host's register, and a Home Office peer
review at the on-site stage. Text lives in demo_content.yaml. Everything goes
through the services, as a person using the pages would; the peers' accounts
come from accounts.demo (accounts are the one thing no service creates)."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from assurance.accounts.demo import administrator, assign, demo_user
from assurance.accounts.models import Membership, Role, User
from assurance.frameworks.models import Criterion, CriterionGroup, FrameworkVersion
from assurance.organisations.models import Organisation, Region
from assurance.organisations.services import organisation_save
from assurance.recommendations.models import Recommendation
from assurance.recommendations.services import ResponseInput, source_respond

from . import services
from .models import Review, SelfAssessmentResponse
from .rules import ReviewType, StageStatus

CONTENT = Path(__file__).with_name("demo_content.yaml")
SCOTTISH_MANAGER = ("manager@gov-scot.example", "Isla Manager")
GLENRANNOCH_LEAD = ("lead@glenrannoch.example", "Jo Lead")


def _content() -> dict:
    return yaml.safe_load(CONTENT.read_text(encoding="utf-8"))


def _user(email: str, name: str, role: str, organisation: Organisation | None) -> User:
    return demo_user(email, name, role, organisation)


def _version(spec: dict) -> FrameworkVersion | None:
    return FrameworkVersion.objects.filter(
        framework__slug=spec["slug"], version=spec["version"]
    ).first()


def _peers(review: Review, manager: User, peers: list[dict]) -> None:
    for spec in peers:
        user = User.objects.filter(email=spec["email"]).first()
        if user is None:
            organisation = Organisation.objects.filter(name=spec["organisation"]).first()
            if organisation is None:
                # The peers' own councils join the directory as an administrator adds them.
                organisation = organisation_save(
                    actor=administrator(),
                    organisation=Organisation(
                        name=spec["organisation"],
                        kind="scottish",
                        region=Region.objects.get(nation="scotland"),
                    ),
                )
            user = _user(spec["email"], spec["name"], Role.PEER_REVIEWER, organisation)
        organisation = Membership.objects.filter(user=user).first().organisation
        services.team_member_add(
            actor=manager,
            review=review,
            email=user.email,
            role=spec["role"],
            organisation=organisation,
        )
        services.declaration_make(actor=user, review=review, has_conflict=False)


def _criteria(review: Review) -> dict[int, Criterion]:
    return {
        c.number: c for c in Criterion.objects.filter(framework_version=review.framework_version)
    }


def _team_work(review: Review, actor: User, data: dict) -> None:
    criteria = _criteria(review)
    for item in data.get("enquiries", []):
        services.enquiry_add(
            actor=actor,
            review=review,
            question=item["question"],
            criteria=[criteria[n] for n in item["criteria"]],
        )
    for item in data.get("sessions", []):
        session = services.session_add(
            actor=actor,
            review=review,
            title=item["title"],
            held_on=review.starts_on + timedelta(days=30 + item["day"]),
            starts_at=time.fromisoformat(item["time"]),
            format=item["format"],
        )
        for job_title, agency in item["participants"]:
            services.participant_add(
                actor=actor, session=session, job_title=job_title, agency=agency
            )
        services.session_notes_save(
            actor=actor, session=session, notes=item["notes"], marking="OFFICIAL"
        )
    groups = {
        g.code: g
        for g in CriterionGroup.objects.filter(framework_version_id=review.framework_version_id)
    }
    for item in data.get("findings", []):
        services.finding_add(
            actor=actor,
            review=review,
            kind=item["kind"],
            text=item["text"],
            group=groups.get(item.get("group")),
            criteria=[criteria[n] for n in item["criteria"]],
        )


def _complete_stages(review: Review, manager: User, upto: int, in_progress: int | None) -> None:
    for stage in review.stages.order_by("position"):
        if stage.position > upto and stage.position != in_progress:
            continue
        done = stage.position <= upto
        start = review.starts_on + timedelta(days=15 * stage.position)
        services.stage_update(
            actor=manager,
            stage=stage,
            planned_from=start,
            planned_to=start + timedelta(days=10),
            actual_from=start,
            actual_to=start + timedelta(days=12) if done else None,
            owner=review.team.filter(user=manager).first(),
            done_check_ids=list(stage.checks.values_list("pk", flat=True)) if done else [],
            status=StageStatus.COMPLETED if done else StageStatus.IN_PROGRESS,
        )


def _self_assessment(review: Review, host_lead: User, data: dict) -> None:
    responses = {
        r.criterion.number: r
        for r in SelfAssessmentResponse.objects.filter(review=review).select_related("criterion")
    }
    for number, narrative in data.get("responses", {}).items():
        response = responses[number]
        response.review = review
        services.response_save(
            actor=host_lead,
            response=response,
            expected_version=None,
            narrative=narrative,
            task_status="completed",
        )
    for number, item in data.get("evidence", {}).items():
        response = responses[number]
        response.review = review
        services.response_evidence_link_add(
            actor=host_lead,
            response=response,
            title=item["title"],
            evidence_date=review.starts_on,
            marking="OFFICIAL",
            url=item["url"],
        )


def _scottish(data: dict) -> None:
    if Review.objects.filter(title=data["title"]).exists():
        return
    version = _version(data["framework"])
    host = Organisation.objects.filter(name=data["host"]).first()
    body = Organisation.objects.filter(name="Scottish Government Prevent Review Team").first()
    if not (version and host and body and host.region):
        raise ImproperlyConfigured(
            "The peer reviews demo needs the shipped frameworks and the demo councils: "
            "run the frameworks and organisations demos first."
        )
    manager = _user(*SCOTTISH_MANAGER, Role.ASSESSOR, body)
    assign(manager, host.region)
    host_lead = _user(*GLENRANNOCH_LEAD, Role.COUNCIL_LEAD, host)
    today = timezone.localdate()
    review = services.review_set_up(
        actor=manager,
        framework_version=version,
        review_type=ReviewType.SCOTTISH,
        title=data["title"],
        starts_on=today + timedelta(days=data["starts_in_days"]),
        ends_on=today + timedelta(days=data["ends_in_days"]),
        organisation=host,
    )
    _peers(review, manager, data["peers"])
    _self_assessment(review, host_lead, data)
    _team_work(review, manager, data)
    services.report_text_save(
        actor=manager,
        review=review,
        executive_summary=data["executive_summary"],
        background=data["background"],
        next_steps=data["next_steps"],
    )
    _complete_stages(review, manager, upto=4, in_progress=5)
    services.report_issue(actor=manager, review=review)
    _host_responds(review, host_lead, data.get("host_responses", {}))


def _host_responds(review: Review, host_lead: User, answers: dict) -> None:
    from .selectors import register_source_of

    source = register_source_of(review)
    if source is None:
        return
    today = timezone.localdate()
    items = []
    answers = {str(number): answer for number, answer in answers.items()}
    for entry in Recommendation.objects.filter(source=source):
        answer = answers.get(str(entry.number))
        if answer is None:
            continue
        items.append(
            ResponseInput(
                recommendation_id=entry.pk,
                response=answer["response"],
                reason=answer.get("reason", ""),
                lead=answer["lead"],
                milestone=today + timedelta(days=answer["milestone_in_days"]),
            )
        )
    source_respond(actor=host_lead, source=source, responses=items)


def _home_office(data: dict) -> None:
    if Review.objects.filter(title=data["title"]).exists():
        return
    version = _version(data["framework"])
    host = Organisation.objects.filter(name=data["host"]).first()
    manager = User.objects.filter(email=data["manager"]).first()
    if not (version and host and manager):
        raise ImproperlyConfigured(
            "The peer reviews demo needs the shipped frameworks and the demo accounts: "
            "run the frameworks and accounts demos first."
        )
    today = timezone.localdate()
    review = services.review_set_up(
        actor=manager,
        framework_version=version,
        review_type=ReviewType.HOME_OFFICE,
        title=data["title"],
        starts_on=today + timedelta(days=data["starts_in_days"]),
        ends_on=today + timedelta(days=data["ends_in_days"]),
        organisation=host,
    )
    _peers(review, manager, data["peers"])
    _team_work(review, manager, data)
    _complete_stages(review, manager, upto=1, in_progress=2)


def seed() -> None:
    content = _content()
    _scottish(content["scottish"])
    _home_office(content["home_office"])
