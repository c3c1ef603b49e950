"""Every read of peer reviews, scoped through the permissions chokepoint:
``restrict_reviews`` keeps the reviews whose team the user is on and, for
reading, those hosted by an organisation their role covers. 404 alike for
missing and forbidden, on every page of a review."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from assurance.accounts.permissions import Action, can_any, can_on_review, restrict_reviews
from assurance.evidence.models import EvidenceItem
from assurance.frameworks.models import Criterion, CriterionGroup

from . import rules
from .models import (
    Finding,
    IssuedReport,
    LineOfEnquiry,
    Review,
    SelfAssessmentResponse,
    Session,
    Stage,
    TeamMember,
)

HOST_LOOKUPS = ("organisation", "partnership__members")


def visible_reviews(user, *, purpose: Action) -> QuerySet[Review]:
    qs = Review.objects.select_related(
        "organisation__region", "partnership", "framework_version__framework"
    )
    return restrict_reviews(qs, user, purpose, *HOST_LOOKUPS)


def get_review_for(user, pk: int, *, purpose: Action) -> Review:
    """404 alike for a missing review and one the user may not act on."""
    return get_object_or_404(visible_reviews(user, purpose=purpose), pk=pk)


def host_ids(review: Review) -> list[int]:
    if review.organisation_id:
        return [review.organisation_id]
    return list(review.partnership.members.values_list("pk", flat=True))


def review_for_history(user, pk: int, *, purpose: Action) -> Review:
    return get_review_for(user, pk, purpose=purpose)


@dataclass(frozen=True)
class Abilities:
    """What the user may do on one review, worked out once per page."""

    on_team: bool
    work: bool
    manage: bool
    edit_self_assessment: bool
    respond: bool
    view_register: bool
    member: TeamMember | None

    @property
    def see_evidence(self) -> bool:
        member = self.member
        return rules.may_see_host_evidence(
            on_team=member is not None,
            declared=bool(member and member.declared),
            has_conflict=bool(member and member.has_conflict),
        )

    @property
    def see_report(self) -> bool:
        return self.on_team

    @property
    def evidence_refusal(self) -> str:
        member = self.member
        return rules.evidence_refusal(
            declared=bool(member and member.declared),
            has_conflict=bool(member and member.has_conflict),
        )


def abilities(user, review: Review) -> Abilities:
    hosts = host_ids(review)
    member = (
        TeamMember.objects.filter(review=review, user=user).select_related("organisation").first()
    )
    return Abilities(
        on_team=member is not None,
        work=can_on_review(user, Action.WORK_ON_REVIEW, review.pk, hosts),
        manage=can_on_review(user, Action.MANAGE_REVIEW, review.pk, hosts),
        edit_self_assessment=member is None and can_any(user, Action.EDIT_SELF_ASSESSMENT, hosts),
        respond=can_any(user, Action.RESPOND_RECOMMENDATIONS, hosts),
        view_register=can_any(user, Action.VIEW_RECORDS, hosts),
        member=member,
    )


# --- Stages and team ---------------------------------------------------------------


def stages_of(review: Review) -> list[Stage]:
    return list(
        Stage.objects.filter(review=review)
        .select_related("owner__user", "owner__organisation")
        .prefetch_related("checks")
        .annotate(
            checks_total=Count("checks"), checks_done=Count("checks", filter=Q(checks__done=True))
        )
    )


def stage_states(review: Review) -> list[rules.StageState]:
    return [
        rules.StageState(s.kind, s.status, s.checks_done, s.checks_total) for s in stages_of(review)
    ]


def get_stage_of(review: Review, pk: int) -> Stage:
    stage = get_object_or_404(
        Stage.objects.select_related("owner").prefetch_related("checks"), review=review, pk=pk
    )
    stage.review = review
    return stage


def team_of(review: Review) -> list[TeamMember]:
    return list(TeamMember.objects.filter(review=review).select_related("user", "organisation"))


# --- Self-assessment --------------------------------------------------------------


def responses_with_evidence(review: Review) -> list[SelfAssessmentResponse]:
    return list(
        SelfAssessmentResponse.objects.filter(review=review)
        .select_related("criterion", "self_assessed_by")
        .prefetch_related(
            Prefetch("evidence", queryset=EvidenceItem.objects.order_by("evidence_date", "pk"))
        )
        .order_by("criterion__number")
    )


def get_response_for(
    user, review_pk: int, criterion_pk: int, *, purpose: Action
) -> SelfAssessmentResponse:
    review = get_review_for(user, review_pk, purpose=purpose)
    response = get_object_or_404(
        SelfAssessmentResponse.objects.select_related("criterion", "self_assessed_by"),
        review=review,
        criterion_id=criterion_pk,
    )
    response.review = review
    return response


def evidence_of(response: SelfAssessmentResponse) -> list[EvidenceItem]:
    return list(response.evidence.select_related("uploaded_by").order_by("evidence_date", "pk"))


def get_evidence_of(response: SelfAssessmentResponse, pk: int) -> EvidenceItem:
    return get_object_or_404(response.evidence.all(), pk=pk)


def evidence_holder_for(user, pk: int, *, purpose: Action) -> SelfAssessmentResponse:
    """The evidence download's check: the review must be visible, and a team
    member must have declared no conflict of interest. Reading a council's
    records (VIEW_RECORDS) is, on a review, reading the review."""
    response = get_object_or_404(SelfAssessmentResponse.objects.all(), pk=pk)
    on_review = Action.VIEW_REVIEW if purpose == Action.VIEW_RECORDS else purpose
    review = get_review_for(user, response.review_id, purpose=on_review)
    if not abilities(user, review).see_evidence:
        raise Http404
    return response


def review_evidence(review: Review) -> list[EvidenceItem]:
    """All the host's evidence for the review, for linking to lines of enquiry."""
    ids = SelfAssessmentResponse.objects.filter(review=review).values("pk")
    return list(
        EvidenceItem.objects.filter(
            holder_type__app_label="reviews",
            holder_type__model="selfassessmentresponse",
            holder_id__in=ids,
        ).order_by("title", "pk")
    )


# --- Team work --------------------------------------------------------------------


def criteria_of(review: Review) -> list[Criterion]:
    return list(
        Criterion.objects.filter(framework_version=review.framework_version_id)
        .select_related("group")
        .order_by("number")
    )


def groups_of(review: Review) -> list[CriterionGroup]:
    return list(CriterionGroup.objects.filter(framework_version=review.framework_version_id))


def enquiries_of(review: Review) -> list[LineOfEnquiry]:
    return list(
        LineOfEnquiry.objects.filter(review=review).prefetch_related("criteria", "evidence")
    )


def sessions_of(review: Review) -> list[Session]:
    return list(Session.objects.filter(review=review).prefetch_related("participants"))


def get_session_of(review: Review, pk: int) -> Session:
    session = get_object_or_404(
        Session.objects.prefetch_related("participants"), review=review, pk=pk
    )
    session.review = review
    return session


def register_source_of(review: Review):
    """The host's register source made from this review's report, if issued."""
    from assurance.recommendations.models import RecommendationSource, SourceKind

    return RecommendationSource.objects.filter(
        kind=SourceKind.PEER_REVIEW, origin_id=review.pk
    ).first()


def register_entries(review: Review) -> dict[int, object]:
    """Finding id -> its recommendation in the host's register (two queries)."""
    from assurance.recommendations.models import Recommendation, SourceKind

    entries = Recommendation.objects.filter(
        source__kind=SourceKind.PEER_REVIEW, source__origin_id=review.pk
    ).exclude(origin_key="")
    return {int(e.origin_key): e for e in entries if e.origin_key.isdigit()}


def findings_of(review: Review) -> list[Finding]:
    """Findings with ``entry``: the register's recommendation each became."""
    findings = list(
        Finding.objects.filter(review=review).select_related("group").prefetch_related("criteria")
    )
    entries = register_entries(review)
    for finding in findings:
        finding.entry = entries.get(finding.pk)
    return findings


def get_finding_of(review: Review, pk: int) -> Finding:
    finding = get_object_or_404(Finding.objects.select_related("group"), review=review, pk=pk)
    finding.review = review
    return finding


def reports_of(review: Review) -> list[IssuedReport]:
    return list(IssuedReport.objects.filter(review=review).select_related("issued_by"))


def get_report_of(review: Review, version: int) -> IssuedReport:
    return get_object_or_404(IssuedReport.objects, review=review, version_number=version)


def set_up_choices(user) -> dict:
    """Hosts the user may set up a review of, and frameworks open to peer review."""
    from assurance.frameworks.models import FrameworkVersion
    from assurance.organisations.selectors import visible_organisations, visible_partnerships

    return {
        "organisations": visible_organisations(user, purpose=Action.SET_UP_REVIEW)
        .exclude(kind="assessing_body")
        .order_by("name"),
        "partnerships": visible_partnerships(user, purpose=Action.SET_UP_REVIEW).order_by("name"),
        "versions": list(
            FrameworkVersion.objects.filter(for_peer_review=True)
            .select_related("framework")
            .order_by("title")
        ),
    }


def reviews_page(user, page_number) -> object:
    from django.core.paginator import Paginator

    qs = visible_reviews(user, purpose=Action.VIEW_REVIEW).order_by("-starts_on", "pk")
    return Paginator(qs, 25).get_page(page_number)


def team_reviews(user) -> list[Review]:
    """The reviews the user is on the team of, newest first."""
    return list(
        visible_reviews(user, purpose=Action.WORK_ON_REVIEW)
        .filter(team__user=user)
        .order_by("-starts_on", "pk")[:50]
    )
