"""The product's own users, what role they hold for which organisation, and
which councils an assessor is responsible for. No one referred to Prevent is
ever a user or a record here."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    COUNCIL_LEAD = "council_lead", "Council lead"
    COUNCIL_CONTRIBUTOR = "council_contributor", "Council contributor"
    COUNCIL_VIEWER = "council_viewer", "Council viewer"
    ASSESSOR = "assessor", "Assessor"
    PEER_REVIEWER = "peer_reviewer", "Peer reviewer"
    NATIONAL_ANALYST = "national_analyst", "National analyst"
    ADMINISTRATOR = "administrator", "Administrator"


# The council roles, in the order forms offer them: the one definition.
COUNCIL_ROLES = (Role.COUNCIL_LEAD, Role.COUNCIL_CONTRIBUTOR, Role.COUNCIL_VIEWER)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="Can sign in to the Django admin (administrators only)."
    )
    date_joined = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Membership(models.Model):
    """A user's role. Council roles and assessors belong to an organisation;
    national analysts and administrators act across the whole service."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(max_length=24, choices=Role.choices)
    can_moderate = models.BooleanField(
        default=False,
        help_text="Lets a national analyst moderate assessments. Assessors always may.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__full_name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role__in=["national_analyst", "administrator"])
                    | models.Q(organisation__isnull=False)
                ),
                name="membership_org_required_for_org_roles",
            ),
        ]

    def __str__(self) -> str:
        where = self.organisation or "all organisations"
        return f"{self.user} – {self.get_role_display()} ({where})"


class AssessorAssignment(models.Model):
    """An assessor is responsible for named councils or for a whole region."""

    assessor = models.ForeignKey(User, on_delete=models.CASCADE, related_name="assignments")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessors",
    )
    region = models.ForeignKey(
        "organisations.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessors",
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, region__isnull=True)
                    | models.Q(organisation__isnull=True, region__isnull=False)
                ),
                name="assignment_org_xor_region",
            ),
            models.UniqueConstraint(
                fields=["assessor", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="assignment_unique_org",
            ),
            models.UniqueConstraint(
                fields=["assessor", "region"],
                condition=models.Q(region__isnull=False),
                name="assignment_unique_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessor} → {self.organisation or self.region}"


class Invitation(models.Model):
    """A council role offered to an email address. It becomes a membership
    only when the owner of that address signs in and accepts it, so inviting
    never shows the inviter whether the address already has an account, and a
    conflict of interest is refused to the person it concerns."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=24, choices=Role.choices)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email", "role"],
                condition=models.Q(accepted_at__isnull=True),
                name="invitation_unique_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.get_role_display()} ({self.organisation})"


class SignedInSession(models.Model):
    """One signed-in browser, for the "signed-in devices" page and signing out
    everywhere. The session itself lives in Django's session table."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    user_agent = models.CharField(max_length=200, blank=True)
    address = models.CharField(max_length=45, blank=True)

    NO_HISTORY_REASON = "a record of a browser session, kept only while it lasts"

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{self.user} – {self.user_agent or 'unknown browser'}"


class AuditKind(models.TextChoices):
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
    LOCKED_OUT = "locked_out", "Locked out"
    ROLE_GRANTED = "role_granted", "Role given"
    ROLE_REMOVED = "role_removed", "Role removed"
    SENSITIVE_DOWNLOAD = "sensitive_download", "OFFICIAL-SENSITIVE download"
    REOPENED = "reopened", "Issued record reopened"
    SECOND_FACTOR = "second_factor", "Second factor passed"
    SECOND_FACTOR_FAILED = "second_factor_failed", "Wrong second-factor code"
    TWO_FACTOR_CHANGED = "two_factor_changed", "Two-factor set-up changed"


class AuditEvent(models.Model):
    """A security-relevant event, for the administrators' audit view. Written
    once and never changed, so it keeps no history of its own."""

    kind = models.CharField(max_length=24, choices=AuditKind.choices, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.CharField(max_length=254, blank=True, help_text="As given, for failures.")
    address = models.CharField(max_length=45, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    summary = models.CharField(max_length=500)

    NO_HISTORY_REASON = "an append-only audit record"

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}: {self.summary}"


class TokenScope(models.TextChoices):
    READ = "read", "Read only"
    READ_WRITE = "read_write", "Read and write"


class ApiToken(models.Model):
    """A personal token for the REST API. Only a SHA-256 hash of the secret is
    kept: the token is shown once, when it is made, and can never be shown
    again. ``prefix`` (not secret) finds the row; the hash proves the rest."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    scope = models.CharField(max_length=10, choices=TokenScope.choices, default=TokenScope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["secret_hash", "last_used_at"])

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    def is_active_at(self, moment) -> bool:
        return self.revoked_at is None and self.expires_at > moment
