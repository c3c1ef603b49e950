"""Writes about users and roles. Every write checks permission first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import AssessorAssignment, Membership, User
from .permissions import (
    Action,
    can,
    is_council_role,
    may_remove_membership,
    removes_own_lead_role,
)

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
    base_url: str,
) -> Membership:
    """Give a colleague a council role; new people get an email to set a password."""
    if not can(actor, Action.MANAGE_COLLEAGUES, organisation.pk):
        raise PermissionDenied
    if not is_council_role(role):
        raise ValidationError({"role": "Choose a council role."})
    email = email.strip().lower()
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name.strip()}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise ValidationError({"email": f"{email} already has that role at {organisation}."})
    membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    transaction.on_commit(lambda: _send_invitation(user, organisation, base_url, created))
    return membership


def _send_invitation(user: User, organisation: Organisation, base_url: str, new: bool) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = base_url + reverse("accounts:password_reset_confirm", args=[uid, token])
    action = "set a password and sign in" if new else "sign in"
    send_mail(
        subject=f"You have been added to {organisation} on Prevent Duty Assurance",
        message=(
            f"Hello {user.full_name},\n\nYou now have access to {organisation} on "
            f"Prevent Duty Assurance. Use this link to {action}:\n\n{link}\n"
        ),
        from_email=None,
        recipient_list=[user.email],
    )


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    if not may_remove_membership(actor, membership):
        raise PermissionDenied
    if removes_own_lead_role(actor, membership):
        raise ValidationError("You cannot remove your own council lead role.")
    membership.delete()


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
    membership.save()
    return membership


@transaction.atomic
def membership_delete(*, actor: User, membership: Membership) -> None:
    _administer(actor, membership)
    membership.delete()


@transaction.atomic
def assignment_save(*, actor: User, assignment: AssessorAssignment) -> AssessorAssignment:
    _administer(actor, assignment)
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def assignment_delete(*, actor: User, assignment: AssessorAssignment) -> None:
    _administer(actor, assignment)
    assignment.delete()
