"""Identity providers that public bodies sign in through (OpenID Connect),
and which of the service's accounts each external identity is linked to.
A provider never creates an account or gives a role: it only proves that the
person owns an email address the service already knows."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class IdentityProvider(models.Model):
    name = models.CharField(
        max_length=120, unique=True, help_text="Shown to people: “Sign in with <name>”."
    )
    issuer = models.URLField(
        help_text="The provider's issuer URL; its discovery document is read from "
        "<issuer>/.well-known/openid-configuration."
    )
    client_id = models.CharField(max_length=255)
    client_secret = models.CharField(max_length=500, blank=True)
    email_domains = models.CharField(
        max_length=1000,
        help_text="Email domains this provider vouches for, separated by commas or spaces "
        "(e.g. council.gov.uk). Only addresses on these domains can sign in through it.",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="identity_providers",
        help_text="The organisation that runs this provider, if it is one organisation's.",
    )
    is_active = models.BooleanField(default=True)
    # The secret is not kept in history: history is readable more widely than this row.
    history = HistoricalRecords(excluded_fields=["client_secret"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ExternalIdentity(models.Model):
    """One person at one provider (issuer + subject), linked to one account
    the first time they signed in with a verified email address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    linked_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-linked_at"]
        verbose_name_plural = "external identities"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.issuer}"
