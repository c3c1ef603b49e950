"""Writes for single sign-on: linking an external identity to an account
when someone signs in, and the administrators' provider records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assurance.accounts.permissions import Action, has_action

from . import rules
from .models import ExternalIdentity, IdentityProvider
from .providers import ProviderConfig


@dataclass(frozen=True)
class SignInResult:
    user: Any
    newly_linked: bool


@transaction.atomic
def identity_sign_in(*, provider: ProviderConfig, claims: Mapping[str, Any]) -> SignInResult:
    """The account a provider's verified claims prove, linking it the first time.

    No actor: the person is not signed in yet, and the provider's signature on
    the ID token (checked by the caller) is the proof. Never creates an account
    or a role: an address the service does not know is refused."""
    refusal = rules.claims_refusal(claims, provider.domains)
    if refusal:
        raise ValidationError(refusal, code=refusal)
    subject = str(claims.get("sub") or "")
    if not subject:
        raise ValidationError(rules.NO_EMAIL, code=rules.NO_EMAIL)
    email = str(claims["email"]).strip().lower()
    identity = (
        ExternalIdentity.objects.select_related("user")
        .filter(issuer=provider.issuer, subject=subject)
        .first()
    )
    if identity is not None:
        # Linked before: the same person at the same provider, whatever their
        # address says now, but only while their account is switched on and
        # the address is still one their provider vouches for.
        if not identity.user.is_active:
            raise ValidationError(rules.UNKNOWN, code=rules.UNKNOWN)
        identity.last_used_at = timezone.now()
        identity.save(update_fields=["last_used_at"])
        return SignInResult(user=identity.user, newly_linked=False)
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise ValidationError(rules.UNKNOWN, code=rules.UNKNOWN)
    ExternalIdentity.objects.create(user=user, issuer=provider.issuer, subject=subject)
    return SignInResult(user=user, newly_linked=True)


def _check(actor) -> None:
    if not has_action(actor, Action.MANAGE_USERS):
        raise PermissionDenied


@transaction.atomic
def identity_provider_save(*, actor, provider: IdentityProvider) -> IdentityProvider:
    _check(actor)
    provider.email_domains = ", ".join(sorted(rules.parse_domains(provider.email_domains)))
    if not provider.email_domains:
        raise ValidationError({"email_domains": "Enter at least one email domain."})
    provider.full_clean()
    provider.save()
    return provider


@transaction.atomic
def identity_provider_delete(*, actor, provider: IdentityProvider) -> None:
    _check(actor)
    provider.delete()
