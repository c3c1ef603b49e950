"""Writes about users and roles. Every write checks permission first."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from assurance.core.links import absolute_url

from .audit import audit_record
from .models import (
    ApiToken,
    AssessorAssignment,
    AuditKind,
    Invitation,
    Membership,
    TokenScope,
    User,
)
from .permissions import (
    Action,
    can,
    council_role_conflict,
    forget_grants,
    is_council_role,
    may_make_token,
    may_remove_membership,
    may_revoke_token,
    may_write,
    removes_own_lead_role,
    role_grant_conflict,
    stored_roles,
)
from .tokens import new_token

if TYPE_CHECKING:
    from assurance.organisations.models import Organisation


@transaction.atomic
def colleague_invite(
    *,
    actor: User,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: str,
) -> Invitation:
    """Offer a colleague a council role. The same happens whether or not the
    address has an account (nothing tells the inviter who uses the service):
    an invitation, and an email with a link. The role is given when its owner
    signs in and accepts it (``invitation_accept``)."""
    if not can(actor, Action.MANAGE_COLLEAGUES, organisation.pk):
        raise PermissionDenied
    if not is_council_role(role):
        raise ValidationError({"role": "Choose a council role."})
    email = User.objects.normalize_email(email.strip()).lower()
    if Invitation.objects.filter(
        organisation=organisation, email=email, role=role, accepted_at__isnull=True
    ).exists():
        raise ValidationError({"email": f"{email} has already been invited to that role."})
    if Membership.objects.filter(user__email=email, organisation=organisation, role=role).exists():
        raise ValidationError({"email": f"{email} already has that role at {organisation}."})
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        full_name=full_name.strip(),
        role=role,
        invited_by=actor,
    )
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name.strip()}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    transaction.on_commit(lambda: _send_invitation(user, invitation))
    return invitation


def _send_invitation(user: User, invitation: Invitation) -> None:
    organisation = invitation.organisation
    if user.has_usable_password():
        link = absolute_url("accounts:profile")
        how = "Sign in and accept it on your account page"
    else:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = absolute_url("accounts:password_reset_confirm", uid, token)
        how = "Set a password, sign in and accept it on your account page"
    send_mail(
        subject=f"You have been invited to {organisation} on Prevent Duty Assurance",
        message=(
            f"Hello {invitation.full_name},\n\nYou have been invited to a role at "
            f"{organisation} on Prevent Duty Assurance ({invitation.get_role_display()}). "
            f"{how}:\n\n{link}\n"
        ),
        from_email=None,
        recipient_list=[invitation.email],
    )


@transaction.atomic
def invitation_accept(*, actor: User, invitation: Invitation) -> Membership:
    """The invited person takes the role, unless it would be a conflict of interest."""
    if invitation.email != actor.email.lower() or invitation.accepted_at is not None:
        raise PermissionDenied
    conflict = council_role_conflict(actor, invitation.organisation)
    if conflict:
        raise ValidationError(conflict)
    membership, _ = Membership.objects.get_or_create(
        user=actor, organisation=invitation.organisation, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        kind=AuditKind.ROLE_GRANTED,
        summary=f"{actor.email} accepted {invitation.get_role_display().lower()} "
        f"at {invitation.organisation} (invited by {invitation.invited_by or 'unknown'})",
        actor=actor,
        organisation=invitation.organisation,
    )
    forget_grants(actor)
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    if not may_remove_membership(actor, membership):
        raise PermissionDenied
    if removes_own_lead_role(actor, membership):
        raise ValidationError("You cannot remove your own council lead role.")
    audit_record(
        kind=AuditKind.ROLE_REMOVED,
        summary=f"Removed {membership.get_role_display().lower()} of {membership.user.email} "
        f"at {membership.organisation}",
        actor=actor,
        organisation=membership.organisation,
    )
    membership.delete()


@transaction.atomic
def sign_in_lockout_lift(*, actor: User) -> None:
    """A completed password reset proves the owner (the actor): lift any lock on
    the account, from whatever address, so the cool-down never keeps them out."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.filter(username__iexact=actor.email).delete()


# --- Administration (the Django admin calls these; it saves nothing itself) ----


def _administer(actor, record) -> None:
    if not can(actor, Action.MANAGE_USERS, None):
        raise PermissionDenied
    record._history_user = actor


@transaction.atomic
def membership_save(*, actor: User, membership: Membership) -> Membership:
    """An administrator gives or changes any role (validated by the model's constraints)."""
    _administer(actor, membership)
    membership.full_clean()
    memberships, assignments = stored_roles(membership.user)
    conflict = role_grant_conflict(
        membership.user,
        memberships=[(o, r) for o, r, pk in memberships if pk != membership.pk]
        + [(membership.organisation, membership.role)],
        assignments=[(o, r) for o, r, _ in assignments],
    )
    if conflict:
        raise ValidationError(conflict)
    membership.save()
    forget_grants(membership.user)
    return membership


@transaction.atomic
def membership_delete(*, actor: User, membership: Membership) -> None:
    _administer(actor, membership)
    membership.delete()


@transaction.atomic
def assignment_save(*, actor: User, assignment: AssessorAssignment) -> AssessorAssignment:
    _administer(actor, assignment)
    assignment.full_clean()
    memberships, assignments = stored_roles(assignment.assessor)
    conflict = role_grant_conflict(
        assignment.assessor,
        memberships=[(o, r) for o, r, _ in memberships],
        assignments=[(o, r) for o, r, pk in assignments if pk != assignment.pk]
        + [(assignment.organisation_id, assignment.region_id)],
    )
    if conflict:
        raise ValidationError(conflict)
    assignment.save()
    forget_grants(assignment.assessor)
    return assignment


@transaction.atomic
def assignment_delete(*, actor: User, assignment: AssessorAssignment) -> None:
    _administer(actor, assignment)
    assignment.delete()


# --- Personal API tokens ----------------------------------------------------------

TOKEN_LIFETIMES = (30, 90, 365)  # days offered on the account page


@transaction.atomic
def api_token_create(
    *, actor: User, name: str, scope: str, lifetime_days: int
) -> tuple[ApiToken, str]:
    """A new token for the actor's own use; returns the row and the token,
    which is never stored and cannot be shown again. A read-write token is
    offered only to those whose roles change something."""
    if not may_make_token(actor):
        raise PermissionDenied
    errors = {}
    name = name.strip()
    if not name:
        errors["name"] = "Enter a name that says where the token is used."
    elif len(name) > 100:
        errors["name"] = "The name must be 100 characters or fewer."
    if scope not in TokenScope.values:
        errors["scope"] = "Choose read only or read and write."
    elif scope == TokenScope.READ_WRITE and not may_write(actor):
        errors["scope"] = "Your roles only read, so the token can only read."
    if lifetime_days not in TOKEN_LIFETIMES:
        errors["lifetime_days"] = "Choose how long the token lasts."
    if errors:
        raise ValidationError(errors)
    token, prefix, secret_hash = new_token()
    row = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=prefix,
        secret_hash=secret_hash,
        scope=scope,
        expires_at=timezone.now() + timedelta(days=lifetime_days),
    )
    return row, token


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Stop a token working at once. Revoking twice changes nothing."""
    if not may_revoke_token(actor, token):
        raise PermissionDenied
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token._change_reason = "Revoked by its owner"
        token.save(update_fields=["revoked_at"])
    return token


def api_token_used(*, token: ApiToken) -> None:
    """Note when a token was last used (at most once a minute, and without
    history: this is bookkeeping, not a change anyone makes)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
