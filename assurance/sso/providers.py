"""Where identity providers come from (settings and the admin), which one
vouches for an email address, and the OpenID Connect client for one. Reads
only: the admin's writes go through services."""

from __future__ import annotations

from dataclasses import dataclass

from authlib.integrations.django_client import DjangoIntegration, DjangoOAuth2App
from django.conf import settings

from .models import IdentityProvider
from .rules import email_domain, parse_domains

SCOPES = "openid email profile"
# Seconds before a slow provider is given up on, so a page never hangs.
TIMEOUT = 10


@dataclass(frozen=True)
class ProviderConfig:
    key: str  # "db-<pk>" for the admin's, "env-<key>" for settings'
    name: str
    issuer: str
    client_id: str
    client_secret: str
    domains: frozenset[str]
    organisation_id: int | None = None

    @property
    def metadata_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def _from_settings() -> list[ProviderConfig]:
    found = []
    for entry in getattr(settings, "OIDC_PROVIDERS", []) or []:
        found.append(
            ProviderConfig(
                key=f"env-{entry['key']}",
                name=entry["name"],
                issuer=entry["issuer"],
                client_id=entry["client_id"],
                client_secret=entry.get("client_secret", ""),
                domains=parse_domains(entry.get("email_domains", [])),
            )
        )
    return found


def _from_admin() -> list[ProviderConfig]:
    return [
        ProviderConfig(
            key=f"db-{p.pk}",
            name=p.name,
            issuer=p.issuer,
            client_id=p.client_id,
            client_secret=p.client_secret,
            domains=parse_domains(p.email_domains),
            organisation_id=p.organisation_id,
        )
        for p in IdentityProvider.objects.filter(is_active=True)
    ]


def configured_providers() -> list[ProviderConfig]:
    """Settings first: an operator's configuration wins over the admin's."""
    return _from_settings() + _from_admin()


def provider_for_email(email: str) -> ProviderConfig | None:
    domain = email_domain(email)
    if not domain:
        return None
    return next((p for p in configured_providers() if domain in p.domains), None)


def provider_by_key(key: str) -> ProviderConfig | None:
    return next((p for p in configured_providers() if p.key == key), None)


def oidc_client(provider: ProviderConfig) -> DjangoOAuth2App:
    """An Authlib client for one provider. State, nonce and the PKCE verifier
    are kept in the session (the database), so any web node can finish a
    sign-in another one started."""
    return DjangoOAuth2App(
        DjangoIntegration(provider.key),
        name=provider.key,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        server_metadata_url=provider.metadata_url,
        client_kwargs={
            "scope": SCOPES,
            "code_challenge_method": "S256",
            "timeout": TIMEOUT,
        },
    )
