"""Who may do what, and where. The one place access is decided.

Views, selectors, services, templates and the API ask this module; nothing
else inspects roles. Everything is denied unless a grant below allows it.

A *grant* is a set of actions together with the organisations it covers
(or every organisation). A user's grants come from their memberships and,
for assessors, their assignments. They are worked out once per request and
kept on the user object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_not_required
from django.db.models import Q, QuerySet

from .models import COUNCIL_ROLES, AssessorAssignment, Membership, Role, User

if TYPE_CHECKING:
    from collections.abc import Iterable


class Action(StrEnum):
    # Directory
    VIEW_ORGANISATION = "view_organisation"
    # Assurance records of an organisation: assessments, evidence, recommendations
    VIEW_RECORDS = "view_records"
    VIEW_HISTORY = "view_history"
    MANAGE_COLLEAGUES = "manage_colleagues"
    # Self-assessment
    EDIT_SELF_ASSESSMENT = "edit_self_assessment"
    SUBMIT_SELF_ASSESSMENT = "submit_self_assessment"
    # Assessment by the assessing body
    OPEN_ASSESSMENT = "open_assessment"
    SCORE_ASSESSMENT = "score_assessment"
    MODERATE_ASSESSMENT = "moderate_assessment"
    ISSUE_ASSESSMENT = "issue_assessment"
    REOPEN_ASSESSMENT = "reopen_assessment"
    # Recommendations
    RESPOND_RECOMMENDATIONS = "respond_recommendations"
    RECORD_PROGRESS = "record_progress"
    MANAGE_RECOMMENDATION_SOURCES = "manage_recommendation_sources"
    CLOSE_SOURCE = "close_source"
    # Verify addressed recommendations and decide extensions (see
    # recommendations.rules.answering_action for which applies to a source).
    VERIFY_ASSESSMENT_RECOMMENDATIONS = "verify_assessment_recommendations"
    VERIFY_OWN_RECOMMENDATIONS = "verify_own_recommendations"
    PUBLISH_NATIONAL_RECOMMENDATIONS = "publish_national_recommendations"
    # Delivery records (plan, governance, Channel, referrals, training, policies, engagement)
    EDIT_DELIVERY_RECORDS = "edit_delivery_records"
    # Exact small counts of referrals and cases: only the council itself
    VIEW_UNSUPPRESSED_FIGURES = "view_unsuppressed_figures"
    # A council's own work before it signs it off (its own self-assessment):
    # only the council itself (see restrict_unsigned_own_work)
    VIEW_UNSIGNED_OWN_WORK = "view_unsigned_own_work"
    # Peer review
    VIEW_REVIEW = "view_review"
    SET_UP_REVIEW = "set_up_review"
    WORK_ON_REVIEW = "work_on_review"
    MANAGE_REVIEW = "manage_review"
    # Oversight
    VIEW_REGIONAL_OVERSIGHT = "view_regional_oversight"
    VIEW_NATIONAL_OVERSIGHT = "view_national_oversight"
    # A council's own levels over time beside its region and nation (bands and shares only)
    VIEW_COUNCIL_OVERVIEW = "view_council_overview"
    # Frameworks and administration
    VIEW_FRAMEWORKS = "view_frameworks"
    MANAGE_FRAMEWORKS = "manage_frameworks"
    MANAGE_ORGANISATIONS = "manage_organisations"
    MANAGE_USERS = "manage_users"


A = Action
_COUNCIL_READ = {
    A.VIEW_ORGANISATION,
    A.VIEW_RECORDS,
    A.VIEW_HISTORY,
    A.VIEW_FRAMEWORKS,
    A.VIEW_COUNCIL_OVERVIEW,
    A.VIEW_REVIEW,
}
# What only the council's own people get: never an assessor's or an analyst's grant.
_COUNCIL_OWN = {A.VIEW_UNSUPPRESSED_FIGURES, A.VIEW_UNSIGNED_OWN_WORK}

ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.COUNCIL_LEAD: frozenset(
        _COUNCIL_READ
        | {
            A.MANAGE_COLLEAGUES,
            A.EDIT_SELF_ASSESSMENT,
            A.SUBMIT_SELF_ASSESSMENT,
            A.RESPOND_RECOMMENDATIONS,
            A.RECORD_PROGRESS,
            A.MANAGE_RECOMMENDATION_SOURCES,
            A.CLOSE_SOURCE,
            A.VERIFY_OWN_RECOMMENDATIONS,
            A.EDIT_DELIVERY_RECORDS,
        }
        | _COUNCIL_OWN
    ),
    Role.COUNCIL_CONTRIBUTOR: frozenset(
        _COUNCIL_READ
        | _COUNCIL_OWN
        | {A.EDIT_SELF_ASSESSMENT, A.RECORD_PROGRESS, A.EDIT_DELIVERY_RECORDS}
    ),
    Role.COUNCIL_VIEWER: frozenset(_COUNCIL_READ | _COUNCIL_OWN),
    Role.ASSESSOR: frozenset(
        _COUNCIL_READ
        | {
            A.OPEN_ASSESSMENT,
            A.SCORE_ASSESSMENT,
            A.MODERATE_ASSESSMENT,
            A.ISSUE_ASSESSMENT,
            A.REOPEN_ASSESSMENT,
            A.VERIFY_ASSESSMENT_RECOMMENDATIONS,
            A.VIEW_REGIONAL_OVERSIGHT,
            # Assessing bodies (regional advisers, Scottish Government review
            # managers) set up peer reviews of the councils in their scope.
            A.SET_UP_REVIEW,
        }
    ),
    # Peer reviewers see only the reviews they are on: their scope is a set of
    # reviews (team grants below), never their own council's records.
    Role.PEER_REVIEWER: frozenset({A.VIEW_FRAMEWORKS, A.VIEW_REVIEW, A.WORK_ON_REVIEW}),
    Role.NATIONAL_ANALYST: frozenset(
        _COUNCIL_READ
        | {A.VIEW_REGIONAL_OVERSIGHT, A.VIEW_NATIONAL_OVERSIGHT, A.PUBLISH_NATIONAL_RECOMMENDATIONS}
    ),
    Role.ADMINISTRATOR: frozenset(
        {
            A.VIEW_ORGANISATION,
            A.VIEW_HISTORY,
            A.VIEW_FRAMEWORKS,
            A.MANAGE_FRAMEWORKS,
            A.MANAGE_ORGANISATIONS,
            A.MANAGE_USERS,
            A.PUBLISH_NATIONAL_RECOMMENDATIONS,
        }
    ),
}


class _Everywhere:
    """Scope of a grant that covers every organisation."""

    def __repr__(self) -> str:
        return "EVERYWHERE"

    def __reduce__(self) -> str:
        # Kept grants are pickled: they must come back as this very object,
        # which the code compares with ``is``.
        return "EVERYWHERE"


EVERYWHERE = _Everywhere()
Scope = _Everywhere | frozenset[int]


@dataclass(frozen=True)
class Grant:
    role: str
    actions: frozenset[Action]
    scope: Scope


def _assessor_scope(user) -> frozenset[int]:
    from assurance.organisations.models import Organisation

    assignments = AssessorAssignment.objects.filter(assessor=user)
    return frozenset(
        Organisation.objects.filter(
            Q(pk__in=assignments.values("organisation"))
            | Q(region__in=assignments.values("region"))
        ).values_list("pk", flat=True)
    )


def _build_grants(user) -> tuple[Grant, ...]:
    grants: list[Grant] = []
    for membership in Membership.objects.filter(user=user):
        actions = ROLE_ACTIONS.get(membership.role, frozenset())
        if membership.role == Role.NATIONAL_ANALYST and membership.can_moderate:
            actions = actions | {A.MODERATE_ASSESSMENT}
        if membership.role in (Role.NATIONAL_ANALYST, Role.ADMINISTRATOR):
            scope: Scope = EVERYWHERE
        elif membership.role == Role.ASSESSOR:
            scope = _assessor_scope(user)
            # An assessor may always see their own assessing body in the directory.
            grants.append(
                Grant(
                    membership.role,
                    frozenset({A.VIEW_ORGANISATION}),
                    frozenset({membership.organisation_id}),
                )
            )
        elif membership.role == Role.PEER_REVIEWER:
            # Their council is where they work, not what they may see: the
            # reviews they are on come from team grants (review_scope).
            scope = frozenset()
        else:
            scope = frozenset({membership.organisation_id})
        grants.append(Grant(membership.role, actions, scope))
    return tuple(grants)


# --- Peer review teams ---------------------------------------------------------
# A place on a review team grants actions on that review only. The scope of
# these grants is a set of review ids, never an organisation, so a peer
# reviewer sees the reviews they are on and nothing of their own council's.

TEAM_ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    "lead_peer": frozenset({A.VIEW_REVIEW, A.WORK_ON_REVIEW}),
    "peer": frozenset({A.VIEW_REVIEW, A.WORK_ON_REVIEW}),
    "review_manager": frozenset({A.VIEW_REVIEW, A.WORK_ON_REVIEW, A.MANAGE_REVIEW}),
}
# Actions that only a place on the team gives: no organisation-wide role
# (not even the host council's lead) works on a review or manages it.
TEAM_ONLY_ACTIONS = frozenset({A.WORK_ON_REVIEW, A.MANAGE_REVIEW})
_REVIEW_ACTIONS = frozenset().union(*TEAM_ROLE_ACTIONS.values())


@dataclass(frozen=True)
class TeamGrant:
    team_role: str
    actions: frozenset[Action]
    reviews: frozenset[int]


def _build_team_grants(user) -> tuple[TeamGrant, ...]:
    from django.apps import apps

    if not apps.is_installed("assurance.reviews"):
        return ()
    member_model = apps.get_model("reviews", "TeamMember")
    by_role: dict[str, set[int]] = {}
    for role, review_id in member_model.objects.filter(user=user).values_list("role", "review_id"):
        by_role.setdefault(role, set()).add(review_id)
    return tuple(
        TeamGrant(role, TEAM_ROLE_ACTIONS.get(role, frozenset()), frozenset(ids))
        for role, ids in by_role.items()
    )


def team_place_refusal(user, team_role: str, host_ids: Iterable[int]) -> dict[str, str] | None:
    """Why ``user`` may not take ``team_role`` on a review of these hosts (a
    field and a sentence), or None. Peers come from outside the host: nobody
    who holds a role at a host council joins its team, whatever organisation
    they are said to come from (a council role there is a conflict of
    interest); a review manager must be able to set up
    reviews for the host."""
    hosts = frozenset(host_ids)
    if team_role not in TEAM_ROLE_ACTIONS:
        return {"role": "Choose lead peer, peer or review manager."}
    if Membership.objects.filter(
        user=user, organisation_id__in=hosts, role__in=COUNCIL_ROLES
    ).exists():
        return {"email": "Peers come from other organisations: the host cannot review itself."}
    if team_role == "review_manager" and not can_any(user, A.SET_UP_REVIEW, hosts):
        return {"role": "A review manager must work for an assessing body that covers the host."}
    return None


def team_grants_for(user) -> tuple[TeamGrant, ...]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, "_pda_team_grants", None)
    if cached is None:
        from assurance.core.freshness import kept  # core builds on accounts

        cached = kept("team-grants", (user.pk,), lambda: _build_team_grants(user))
        if getattr(user, _READING_ONLY, False):
            cached = tuple(
                TeamGrant(g.team_role, g.actions & READ_ACTIONS, g.reviews) for g in cached
            )
        user._pda_team_grants = cached
    return cached


def review_scope(user, action: Action) -> frozenset[int]:
    """The reviews a place on the team lets the user act on."""
    ids: set[int] = set()
    for grant in team_grants_for(user):
        if action in grant.actions:
            ids |= grant.reviews
    return frozenset(ids)


def review_filter(user, action: Action, *host_lookups: str) -> Q | None:
    """A Q on reviews the user may act on: those whose team they are on, and,
    for actions an organisation role gives (reading), those hosted by an
    organisation in scope. None means no restriction."""
    condition = Q(pk__in=sorted(review_scope(user, action)))
    if action in TEAM_ONLY_ACTIONS:
        return condition
    scope = organisation_scope(user, action)
    if scope is EVERYWHERE:
        return None
    for lookup in host_lookups or ("organisation", "partnership__members"):
        condition |= Q(**{f"{lookup}__in": scope})
    return condition


def restrict_reviews(queryset: QuerySet, user, action: Action, *host_lookups: str) -> QuerySet:
    condition = review_filter(user, action, *host_lookups)
    if condition is None:
        return queryset
    return queryset.filter(pk__in=queryset.model._base_manager.filter(condition).values("pk"))


def can_on_review(user, action: Action, review_id: int, host_ids: Iterable[int]) -> bool:
    """May the user perform the action on this review (hosted by host_ids)?"""
    if review_id in review_scope(user, action):
        return True
    return action not in TEAM_ONLY_ACTIONS and can_any(user, action, host_ids)


def _role_grants(user) -> tuple[Grant, ...]:
    """What the user's roles give, whatever a token limits them to."""
    cached = getattr(user, "_pda_role_grants", None)
    if cached is None:
        # Worked out once per person until any data changes (memberships and
        # assignments are data), not on every request.
        from assurance.core.freshness import kept  # core builds on accounts

        cached = kept("grants", (user.pk,), lambda: _build_grants(user))
        user._pda_role_grants = cached
    return cached


def grants_for(user) -> tuple[Grant, ...]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, "_pda_grants", None)
    if cached is None:
        cached = _role_grants(user)
        if getattr(user, _READING_ONLY, False):
            cached = tuple(Grant(g.role, g.actions & READ_ACTIONS, g.scope) for g in cached)
        user._pda_grants = cached
    return cached


# --- API tokens ------------------------------------------------------------------
# A read-only API token acts as its user with only the reading actions of their
# roles, so every service and selector refuses a write exactly as it would
# refuse a role without it. A token never has more than its user's roles.

READ_ACTIONS = frozenset(
    {
        A.VIEW_ORGANISATION,
        A.VIEW_RECORDS,
        A.VIEW_HISTORY,
        A.VIEW_UNSUPPRESSED_FIGURES,
        A.VIEW_REVIEW,
        A.VIEW_REGIONAL_OVERSIGHT,
        A.VIEW_NATIONAL_OVERSIGHT,
        A.VIEW_COUNCIL_OVERVIEW,
        A.VIEW_FRAMEWORKS,
        A.VIEW_UNSIGNED_OWN_WORK,
    }
)
_READING_ONLY = "_pda_reading_only"


def limit_to_reading(user) -> None:
    """For the rest of the request, the user holds only reading actions."""
    setattr(user, _READING_ONLY, True)
    forget_grants(user)


def may_write(user) -> bool:
    """Does any of the user's roles (or review places) let them change something?
    Only then may they create a read-write API token."""
    return any(g.actions - READ_ACTIONS for g in grants_for(user)) or any(
        g.actions - READ_ACTIONS for g in team_grants_for(user)
    )


def may_make_token(user) -> bool:
    """Anyone holding a role may make an API token for themselves."""
    return bool(grants_for(user) or team_grants_for(user))


def may_revoke_token(actor, token) -> bool:
    """A token is revoked by its own user only."""
    return token.user_id == actor.pk


def forget_grants(user) -> None:
    """Call after changing a user's memberships within the same request."""
    user.__dict__.pop("_pda_grants", None)
    user.__dict__.pop("_pda_role_grants", None)
    user.__dict__.pop("_pda_team_grants", None)


def roles_of(user) -> frozenset[str]:
    return frozenset(g.role for g in grants_for(user))


def council_role_conflict(user, organisation) -> str | None:
    """Why ``user`` may not hold a council role at ``organisation``, or None.

    Those who oversee a council (its assessors, national analysts and
    administrators) may never also speak for it."""
    roles = roles_of(user)
    if Role.NATIONAL_ANALYST in roles or Role.ADMINISTRATOR in roles:
        return (
            "National analysts and administrators oversee every council, so they cannot "
            f"also hold a role at {organisation}. Ask for the invitation to go to another "
            "email address."
        )
    if Role.ASSESSOR in roles and organisation.pk in _assessor_scope(user):
        return (
            f"You assess {organisation}, so you cannot also hold a role there. "
            "Ask for the invitation to go to someone else."
        )
    return None


_OVERSEE_EVERY_COUNCIL = (Role.NATIONAL_ANALYST, Role.ADMINISTRATOR)


def role_grant_conflict(
    user,
    *,
    memberships: Iterable[tuple[Any, str]],
    assignments: Iterable[tuple[int | None, int | None]],
) -> str | None:
    """Why ``user`` may not hold this set of roles, or None: the whole set
    they would hold after a change (the administrator's forms pass what the
    form proposes together with what is stored).

    ``memberships`` are (organisation or None, role) pairs; ``assignments``
    are (organisation id, region id) pairs of assessor assignments. The rule
    is the one ``council_role_conflict`` applies to invitations: whoever
    oversees a council (its assessors, every national analyst and
    administrator) never also holds a council role there."""
    from assurance.organisations.models import Organisation

    memberships = list(memberships)
    councils = {org.pk: org for org, role in memberships if is_council_role(role) and org}
    if not councils:
        return None
    name = getattr(user, "email", None) or "This person"
    overseer = next((role for _, role in memberships if role in _OVERSEE_EVERY_COUNCIL), None)
    if overseer:
        first = next(iter(councils.values()))
        return (
            f"{name} would be a {Role(overseer).label.lower()} and hold a council role at "
            f"{first}. National analysts and administrators oversee every council, so "
            "they cannot also hold a role at one: remove one of the two roles."
        )
    if not any(role == Role.ASSESSOR for _, role in memberships):
        return None
    assignments = list(assignments)
    org_ids = {o for o, _ in assignments if o}
    region_ids = {r for _, r in assignments if r}
    assessed = Organisation.objects.filter(
        Q(pk__in=councils) & (Q(pk__in=org_ids) | Q(region__in=region_ids))
    ).first()
    if assessed is None:
        return None
    return (
        f"{name} would assess {assessed} and hold a council role there. Whoever "
        "assesses a council cannot also hold a role at it: remove the council role "
        "or the assignment."
    )


def stored_roles(
    user,
) -> tuple[list[tuple[Any, str, int]], list[tuple[int | None, int | None, int]]]:
    """A user's stored memberships (organisation, role, id) and assessor
    assignments (organisation id, region id, id), for ``role_grant_conflict``."""
    if user is None or user.pk is None:
        return [], []
    memberships = [
        (m.organisation, m.role, m.pk)
        for m in Membership.objects.filter(user=user).select_related("organisation")
    ]
    assignments = list(
        AssessorAssignment.objects.filter(assessor=user).values_list(
            "organisation_id", "region_id", "pk"
        )
    )
    return memberships, assignments


def has_action(user, action: Action) -> bool:
    """True if the user may perform the action for at least one organisation
    or, for peer-review actions, on at least one review."""
    if any(action in g.actions for g in grants_for(user)):
        return True
    # Only review actions come from team places: other checks never ask for them.
    return action in _REVIEW_ACTIONS and any(action in g.actions for g in team_grants_for(user))


def organisation_scope(user, action: Action) -> Scope:
    """Every organisation id the user may perform the action for."""
    ids: set[int] = set()
    for grant in grants_for(user):
        if action not in grant.actions:
            continue
        if grant.scope is EVERYWHERE:
            return EVERYWHERE
        ids |= grant.scope
    return frozenset(ids)


def can(user, action: Action, organisation_id: int | None) -> bool:
    """May the user perform the action for this organisation?"""
    scope = organisation_scope(user, action)
    return scope is EVERYWHERE or (organisation_id is not None and organisation_id in scope)


# Kinds of register source (recommendations.models.SourceKind values) that an
# issuing app hands over through recommendations.intake, and the action that
# lets its user do so. A new issuer adds its kind here.
ISSUER_ACTIONS: dict[str, Action] = {
    "assessment": A.ISSUE_ASSESSMENT,
    # A peer review's report is issued by its review manager, who always works
    # for an assessing body covering the host (reviews.services.team_member_add).
    "peer_review": A.SET_UP_REVIEW,
    "national": A.PUBLISH_NATIONAL_RECOMMENDATIONS,
}


def may_record_source(user, organisation_id: int | None) -> bool:
    """May the user record a source of any kind by hand in the organisation's register?"""
    return can(user, A.MANAGE_RECOMMENDATION_SOURCES, organisation_id)


def may_hand_over(user, kind: str, organisation_id: int | None) -> bool:
    """May the user hand an issued source of this kind to the organisation's register?"""
    issuer_action = ISSUER_ACTIONS.get(kind)
    return issuer_action is not None and can(user, issuer_action, organisation_id)


# --- Questions about roles, answered here so that no other module compares them


def is_council_role(role: str) -> bool:
    return role in COUNCIL_ROLES


def acts_for_council(user) -> bool:
    """Does the user hold a role at a council (lead, contributor or viewer)?"""
    return bool(roles_of(user) & frozenset(COUNCIL_ROLES))


def acts_as_assessor(user) -> bool:
    return Role.ASSESSOR in roles_of(user)


# Roles that reach many councils' records (or can change who reaches them) must
# prove a second factor; everyone else may choose to.
SECOND_FACTOR_ROLES = frozenset({Role.ASSESSOR, Role.NATIONAL_ANALYST, Role.ADMINISTRATOR})


def second_factor_required_for_roles(roles: frozenset[str] | set[str], *, is_staff: bool) -> bool:
    """The rule itself, without the database: any oversight role, or access to
    the Django admin, means two-factor authentication is compulsory."""
    return is_staff or bool(frozenset(roles) & SECOND_FACTOR_ROLES)


def must_use_second_factor(user) -> bool:
    """Must ``user`` set up and pass two-factor authentication to use the service?"""
    if not getattr(user, "is_authenticated", False):
        return False
    return second_factor_required_for_roles(
        roles_of(user), is_staff=user.is_staff or user.is_superuser
    )


def sees_every_organisation(user) -> bool:
    """National analysts and administrators: the directory has no edge for them."""
    return organisation_scope(user, A.VIEW_ORGANISATION) is EVERYWHERE


def assessing_body_of(user) -> int | None:
    """The assessing body an assessor works for (their assessor membership's organisation)."""
    return (
        Membership.objects.filter(user=user, role=Role.ASSESSOR)
        .values_list("organisation", flat=True)
        .first()
    )


def council_memberships(
    organisation_ids: Iterable[int], *, holding: Action = A.VIEW_RECORDS
) -> QuerySet[Membership]:
    """Active users' council-role memberships at these organisations whose role
    grants ``holding`` (e.g. RESPOND_RECOMMENDATIONS: the council's leads)."""
    roles = [r for r in COUNCIL_ROLES if holding in ROLE_ACTIONS[r]]
    return Membership.objects.filter(
        organisation_id__in=list(organisation_ids), role__in=roles, user__is_active=True
    )


def council_people(
    organisation_ids: Iterable[int], *, holding: Action = A.VIEW_RECORDS
) -> QuerySet[User]:
    """A council's people: the one definition (who may be named a lead, who is reminded)."""
    memberships = council_memberships(organisation_ids, holding=holding)
    return User.objects.filter(pk__in=memberships.values("user")).order_by("full_name", "pk")


def may_remove_membership(actor, membership: Membership) -> bool:
    """A council lead removes council roles at their own council."""
    return is_council_role(membership.role) and can(
        actor, A.MANAGE_COLLEAGUES, membership.organisation_id
    )


def removes_own_lead_role(actor, membership: Membership) -> bool:
    """Refused with a message: a council must not lose its lead by accident."""
    return membership.user_id == actor.pk and membership.role == Role.COUNCIL_LEAD


def people_who_can(action: Action, organisation_id: int) -> Q:
    """A condition on users: those whose roles grant the action for this
    organisation (the reverse of ``can``, for telling people by email)."""
    roles = [role for role, actions in ROLE_ACTIONS.items() if action in actions]
    everywhere = [r for r in roles if r in (Role.NATIONAL_ANALYST, Role.ADMINISTRATOR)]
    local = [r for r in roles if r not in everywhere and r != Role.ASSESSOR]
    condition = Q(memberships__role__in=everywhere) | Q(
        memberships__role__in=local, memberships__organisation_id=organisation_id
    )
    if Role.ASSESSOR in roles:
        covered = Q(assignments__organisation_id=organisation_id) | Q(
            assignments__region__organisations__id=organisation_id
        )
        condition |= Q(memberships__role=Role.ASSESSOR) & covered
    return condition & Q(is_active=True)


def can_any(user, action: Action, organisation_ids: Iterable[int]) -> bool:
    """For records held by a partnership: any member organisation in scope suffices."""
    return any(can(user, action, org_id) for org_id in organisation_ids)


def scope_filter(user, action: Action, *lookups: str) -> Q | None:
    """A Q that keeps rows whose organisation (via any of the lookups) is in
    scope; None means no restriction. Use through ``restrict``."""
    scope = organisation_scope(user, action)
    if scope is EVERYWHERE:
        return None
    condition = Q(pk__in=[])
    for lookup in lookups:
        condition |= Q(**{f"{lookup}__in": scope})
    return condition


def _scope_condition(model, lookups: Iterable[str], scope: frozenset[int]) -> Q:
    """Rows of ``model`` reaching an organisation in ``scope`` through any of
    the lookups, as a condition the database answers from its indexes.

    Lookups sharing a foreign-key hop become one ``hop IN (SELECT id ...)``
    on the smaller related table (e.g. a recommendation's source), rather
    than an OR across a LEFT JOIN of the whole table; a many-to-many hop
    (partnership members) becomes ``pk IN (SELECT ...)`` so that it cannot
    duplicate rows."""
    conditions: list[Q] = []
    via: dict[str, list[str]] = {}
    for lookup in lookups:
        head, _, rest = lookup.partition("__")
        field = model._meta.get_field(head) if head != "pk" else model._meta.pk
        if field.many_to_many or field.one_to_many:
            subquery = model._base_manager.filter(**{f"{lookup}__in": scope}).values("pk")
            conditions.append(Q(pk__in=subquery))
        elif not rest:
            conditions.append(Q(**{f"{head}__in": scope}))
        else:
            via.setdefault(head, []).append(rest)
    for head, rests in via.items():
        related = model._meta.get_field(head).related_model
        conditions.append(Q(**{f"{head}__in": _ids_in_scope(related, rests, scope)}))
    condition = Q(pk__in=[])
    for each in conditions:
        condition |= each
    return condition


def _ids_in_scope(model, lookups: list[str], scope: frozenset[int]) -> QuerySet:
    """The ids of ``model``'s rows in scope: one SELECT per lookup, joined by
    UNION. Each SELECT is answered from its own index and its size is known
    to the planner; an OR of them inside one SELECT leaves PostgreSQL
    guessing, and it then walks a whole sorted index of the outer table (a
    council lead's register page: 14.6 ms in its main query, 4.0 ms so)."""
    parts = []
    for lookup in lookups:
        head, _, rest = lookup.partition("__")
        field = model._meta.get_field(head) if head != "pk" else model._meta.pk
        if rest and not (field.many_to_many or field.one_to_many):
            rows = model._base_manager.filter(_scope_condition(model, [lookup], scope))
        else:  # a duplicate from a many-to-many join is harmless inside IN or UNION
            rows = model._base_manager.filter(**{f"{lookup}__in": scope})
        parts.append(rows.order_by().values("pk"))
    return parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]


def restrict(queryset: QuerySet, user, *lookups: str, purpose: Action) -> QuerySet:
    """Narrow a queryset to the rows the user may act on for ``purpose``.

    ``lookups`` name the path(s) from the model to an organisation id, for
    example ``"organisation"`` or ``"partnership__members"`` (default
    ``"organisation"``). The purpose has no default: every read says what
    it is for, so a write page cannot borrow a read scope by accident.

    The user's organisations are resolved first (one small query, kept for
    the request), so the filter is a list of ids the indexes can use."""
    scope = organisation_scope(user, purpose)
    if scope is EVERYWHERE:
        return queryset
    if not scope:
        return queryset.none()
    return queryset.filter(_scope_condition(queryset.model, lookups or ("organisation",), scope))


def restrict_unsigned_own_work(queryset: QuerySet, user, *lookups: str, unsigned: Q) -> QuerySet:
    """Keep the rows matching ``unsigned`` (a council's own work it has not
    yet signed off, such as its own self-assessment in draft) only for that
    council's own people. A draft is the council's working paper: its
    assessors and national analysts, who otherwise read the council's
    records, see it once the council has signed it off and not before.

    Apply after ``restrict``, which has already decided the organisations;
    this rule only takes unsigned work away, whatever the purpose."""
    scope = organisation_scope(user, A.VIEW_UNSIGNED_OWN_WORK)
    if scope is EVERYWHERE:
        return queryset
    if not scope:
        return queryset.filter(~unsigned)
    own = _scope_condition(queryset.model, lookups or ("organisation",), scope)
    return queryset.filter(~unsigned | own)


# --- Field visibility by stage -----------------------------------------------
# What the assessing side writes before issue (draft levels, rationale and
# feedback, the draft summary, moderators' comments, and the reasons recorded
# with each change) is seen only by those who score or moderate the record
# until it is issued. After issue the current values are part of the letter;
# their history of drafts stays with the assessing side. Pages, history,
# exports and the API all ask ``hidden_fields``; nothing else decides this.

DRAFT_FIELDS: dict[str, frozenset[str]] = {
    "assessments.assessment": frozenset(
        {"summary", "moderation_note", "moderated_by", "moderated_at"}
    ),
    "assessments.criterionresponse": frozenset(
        {
            "assessed_level",
            "good_practice",
            "areas_for_development",
            "rationale",
            "assessed_by",
            "assessed_at",
            "moderated_level",
            "moderation_comment",
            "moderated_by",
            "moderated_at",
        }
    ),
    "assessments.assessmentrecommendation": frozenset(
        {"number", "criterion", "text", "created_by", "created_at"}
    ),
}
ASSESSING_ACTIONS = (A.SCORE_ASSESSMENT, A.MODERATE_ASSESSMENT)


@dataclass(frozen=True)
class Stage:
    """Where a record stands, as far as field visibility is concerned."""

    organisation_ids: tuple[int, ...]
    issued: bool


# model label -> function(record) -> Stage; the owning app registers it in ready().
_STAGES: dict[str, Callable[[Any], Stage]] = {}


def register_stage(label: str, stage_of: Callable[[Any], Stage]) -> None:
    _STAGES[label] = stage_of


def sees_drafts(user, organisation_ids: Iterable[int]) -> bool:
    """Is the user on the assessing side for these organisations? Asked of their
    roles, so an assessor's read-only API token reads their drafts too (seeing
    is not changing; the token still cannot score)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    ids = frozenset(organisation_ids)
    return any(
        grant.actions & frozenset(ASSESSING_ACTIONS)
        and (grant.scope is EVERYWHERE or bool(grant.scope & ids))
        for grant in _role_grants(user)
    )


def hidden_fields(user, record, *, history: bool = False) -> frozenset[str]:
    """The fields of ``record`` the user may not see now (or, with
    ``history=True``, in its history). Empty for most records and users."""
    label = record._meta.label_lower
    fields = DRAFT_FIELDS.get(label)
    if not fields:
        return frozenset()
    stage = _STAGES[label](record)
    if sees_drafts(user, stage.organisation_ids) or (stage.issued and not history):
        return frozenset()
    return fields


# --- Declaring a view's access -------------------------------------------------
# ViewAccessMiddleware refuses any view that has not declared one of these.

ACCESS_ATTR = "pda_access"


def _declare(view: Callable, declaration: Any) -> Callable:
    setattr(view, ACCESS_ATTR, declaration)
    return view


def public(view: Callable) -> Callable:
    """Open to everyone, signed in or not (sign-in, accessibility statement)."""
    return _declare(login_not_required(view), "public")


def api_view(view: Callable) -> Callable:
    """An API endpoint: the API authenticates (token or session) and answers
    401 rather than redirecting to sign in; each endpoint then asks
    ``has_action`` and the owning app's selectors, as pages do."""
    return _declare(login_not_required(view), "api")


def signed_in(view: Callable) -> Callable:
    """Any signed-in user; the view shows only what selectors scope to them."""
    return _declare(view, "signed_in")


def requires(action: Action) -> Callable[[Callable], Callable]:
    """The user must hold the action for at least one organisation. Which
    records they may touch is then decided by selectors (404 outside scope)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            from django.core.exceptions import PermissionDenied

            if not has_action(request.user, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _declare(wrapped, action)

    return decorator
