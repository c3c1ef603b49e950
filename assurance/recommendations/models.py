"""The recommendations register: where recommendations came from, the
council's response to each, who leads it, by when, and the progress log
until the source can be closed. Organisations only: nothing here is about
people referred to Prevent."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from assurance.core.marking import Marking
from assurance.organisations.models import Organisation, Partnership

from .rules import number_key


class SourceKind(models.TextChoices):
    ASSESSMENT = "assessment", "Assessment"
    PEER_REVIEW = "peer_review", "Peer review"
    SCRUTINY_REVIEW = "scrutiny_review", "Scrutiny review"
    INTERNAL_AUDIT = "internal_audit", "Internal audit"
    NATIONAL = "national", "National recommendations"
    OTHER = "other", "Other review"


class SourceStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Response(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    PARTIALLY_ACCEPTED = "partially_accepted", "Partially accepted"
    REJECTED = "rejected", "Rejected"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    SUPERSEDED = "superseded", "Superseded"


class Verification(models.TextChoices):
    """Addressed by the council, then verified (or sent back) by the body
    that made the recommendation."""

    NONE = "", "Not addressed"
    ADDRESSED = "addressed", "Addressed, awaiting verification"
    VERIFIED = "verified", "Verified"
    SENT_BACK = "sent_back", "Sent back"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", "Asked for"
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"


class RecommendationSource(models.Model):
    """A body of recommendations: an issued assessment, a peer review, a
    scrutiny review, an internal audit or any other review."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="recommendation_sources"
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendation_sources",
        help_text="When the recommendations were made to a partnership the council belongs to.",
    )
    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    # For a source handed over by an issuing app (see intake.py): the id of the
    # issuing record within its kind, so a reissue updates the same register
    # entries rather than adding a second set. Empty for sources made by hand.
    origin_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    title = models.CharField(max_length=250)
    made_by = models.CharField(
        "made by", max_length=250, help_text="The body that made the recommendations."
    )
    made_on = models.DateField("date made")
    reference = models.CharField(max_length=120, blank=True)
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    status = models.CharField(max_length=8, choices=SourceStatus.choices, default=SourceStatus.OPEN)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_statement = models.TextField(blank=True)
    verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="named verifier",
        help_text="Who verifies addressed recommendations and decides extensions, "
        "besides those the source's kind names.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open")
                | models.Q(closed_by__isnull=False, closed_at__isnull=False),
                name="source_closed_has_who_and_when",
            ),
            models.UniqueConstraint(
                fields=["kind", "origin_id"],
                condition=models.Q(origin_id__isnull=False),
                name="source_one_per_issued_record",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == SourceStatus.CLOSED

    @property
    def is_issued(self) -> bool:
        """Handed over by an issuing app: its items come from the issuer, not by hand."""
        return self.origin_id is not None


class RecommendationQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.number_key = number_key(obj.number)
        return super().bulk_create(objs, *args, **kwargs)


class Recommendation(models.Model):
    source = models.ForeignKey(
        RecommendationSource, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.CharField(
        max_length=20, help_text="Its number within the source, such as 3, 2a or 1.1."
    )
    # The number padded so that it sorts naturally (rules.number_key): kept in
    # step with the number by save() and bulk_create, never set by hand.
    number_key = models.CharField(max_length=80, editable=False, default="")
    # For an issued source: the issuer's stable key of the item this entry
    # answers (intake.IssuedItem.key); blank for entries made by hand.
    origin_key = models.CharField(max_length=64, blank=True, editable=False)
    criterion = models.ForeignKey(
        "frameworks.Criterion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    text = models.TextField("recommendation")
    theme = models.CharField(max_length=200, blank=True)
    response = models.CharField(max_length=20, choices=Response.choices, default=Response.PENDING)
    reason = models.TextField(
        blank=True, help_text="Why the recommendation is partially accepted or rejected."
    )
    lead = models.CharField(
        max_length=250, blank=True, help_text="A role or organisation, in words."
    )
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_recommendations",
        verbose_name="lead person",
    )
    milestone = models.DateField("milestone (target date)", null=True, blank=True)
    # The latest extension granted; the milestone keeps the original date.
    revised_milestone = models.DateField("revised milestone", null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    completed_on = models.DateField("date completed", null=True, blank=True)
    verification = models.CharField(
        max_length=10, choices=Verification.choices, default=Verification.NONE, blank=True
    )
    addressed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    addressed_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    # A duplicate of a recommendation from another of the council's sources:
    # the work recorded on that one answers this one too.
    answered_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="answered by",
    )
    # Optimistic concurrency: a form carries the version it was drawn from
    # and a save from an older version is refused rather than applied.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()
    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["source", "number_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "number"], name="recommendation_number_unique"
            ),
            models.UniqueConstraint(
                fields=["source", "origin_key"],
                condition=~models.Q(origin_key=""),
                name="recommendation_one_per_issued_item",
            ),
            # Mirrors rules.reason_required so that no path can store a bare refusal.
            models.CheckConstraint(
                condition=~models.Q(response__in=["partially_accepted", "rejected"])
                | ~models.Q(reason=""),
                name="recommendation_reason_when_not_accepted",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "milestone"]),
            models.Index(fields=["verification"]),
            models.Index(fields=["source", "number_key"]),
            models.Index(fields=["response"]),
            # The register's default order, read a page at a time.
            models.Index(
                fields=["milestone", "source", "number_key", "id"], name="register_milestone_idx"
            ),
            # The register's list of leads in use.
            models.Index(fields=["lead"], name="recommendation_lead_idx"),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"

    def save(self, *args, **kwargs):
        self.number = str(self.number)
        self.number_key = number_key(self.number)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "number_key"}
        super().save(*args, **kwargs)


class ProgressEntry(models.Model):
    """A dated line in a recommendation's progress log, possibly moving its status."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="progress"
    )
    entry = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # When the work happened, which may be before the entry was typed.
    worked_on = models.DateField("date of the work", null=True, blank=True)
    status_from = models.CharField(max_length=12, choices=Status.choices)
    status_to = models.CharField(max_length=12, choices=Status.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "progress entries"
        # The latest entry of each recommendation without reading the others.
        indexes = [
            models.Index(
                fields=["recommendation", "-created_at", "-id"], name="progress_latest_idx"
            )
        ]

    def __str__(self) -> str:
        return f"Progress on {self.recommendation} at {self.created_at:%Y-%m-%d}"

    @property
    def changed_status(self) -> bool:
        return self.status_from != self.status_to


class Extension(models.Model):
    """A new target date asked for by the council and decided by the source's
    approver. Every request is kept, granted or refused."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="extensions"
    )
    date_before = models.DateField("date in force when asked")
    requested_date = models.DateField("new date asked for")
    reason = models.TextField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=8, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation"],
                condition=models.Q(status="pending"),
                name="extension_one_pending_per_recommendation",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending")
                | models.Q(decided_by__isnull=False, decided_at__isnull=False),
                name="extension_decided_has_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return f"Extension to {self.requested_date} for {self.recommendation}"


class ReminderStage(models.TextChoices):
    DUE_SOON = "due_soon", "Due within 14 days"
    OVERDUE = "overdue", "Overdue"
    ESCALATED = "escalated", "Overdue with no extension: approver told"


class ReminderSent(models.Model):
    """The unique pair (recommendation, stage) is what guarantees a reminder
    goes out at most once per stage, even if two workers run at once."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="reminders"
    )
    stage = models.CharField(max_length=10, choices=ReminderStage.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "stage"], name="reminder_once_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} reminder for {self.recommendation}"


class NationalSource(models.Model):
    """Recommendations made nationally (a learning review, an inquiry, a
    national report) and published to chosen councils. Each council answers
    them in its own register source (see NationalApplication)."""

    title = models.CharField(max_length=250)
    made_by = models.CharField("made by", max_length=250)
    made_on = models.DateField("date made")
    reference = models.CharField(max_length=120, blank=True)
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    # Which councils it applies to: every council, narrowed by any of these.
    nation = models.CharField(max_length=16, blank=True)
    region = models.ForeignKey(
        "organisations.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    council_kind = models.CharField("kind of council", max_length=20, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_on", "title"]

    def __str__(self) -> str:
        return self.title


class NationalRecommendation(models.Model):
    national_source = models.ForeignKey(
        NationalSource, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveIntegerField()
    text = models.TextField()
    theme = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["national_source", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_source", "number"], name="national_recommendation_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"National recommendation {self.number}"


class NationalApplication(models.Model):
    """A national source applied to one council. Its id is the origin id of
    that council's register source (kind "national"), through the intake."""

    national_source = models.ForeignKey(
        NationalSource, on_delete=models.CASCADE, related_name="applications"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="national_applications"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["national_source", "organisation"], name="national_applied_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.national_source} for {self.organisation}"


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    BUILDING = "building", "Being built"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not be built"


def _private_storage():
    from assurance.evidence.models import private_storage

    return private_storage()


class SourceDocument(models.Model):
    """A tracker or response matrix built by the task worker and kept until
    the source changes: the fingerprint names the state of the source and its
    recommendations the file was built from (selectors.source_fingerprint)."""

    source = models.ForeignKey(
        RecommendationSource, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(max_length=10)
    extension = models.CharField(max_length=5)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    step = models.CharField(max_length=120, blank=True, help_text="Progress, in words.")
    file = models.FileField(storage=_private_storage, upload_to="documents/", blank=True)
    filename = models.CharField(max_length=300, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "extension", "fingerprint"],
                name="source_document_once_per_state",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.extension}) of {self.source}"

    @property
    def is_ready(self) -> bool:
        return self.status == DocumentStatus.READY


class ScrutinyPackDocument(models.Model):
    """A council's scrutiny pack for a period, built by the task worker for the
    person who asked and kept until what it shows changes (the fingerprint:
    selectors.scrutiny_pack_fingerprint). Kept per person, since the pack is
    read through their view of the records. A cache of a file, so no history."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="scrutiny_packs"
    )
    period = models.CharField(max_length=7)
    extension = models.CharField(max_length=5)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    step = models.CharField(max_length=120, blank=True, help_text="Progress, in words.")
    file = models.FileField(storage=_private_storage, upload_to="documents/", blank=True)
    filename = models.CharField(max_length=300, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period", "extension", "requested_by", "fingerprint"],
                name="scrutiny_pack_once_per_state",
            )
        ]

    def __str__(self) -> str:
        return f"scrutiny pack {self.period} ({self.extension}) of {self.organisation}"

    @property
    def is_ready(self) -> bool:
        return self.status == DocumentStatus.READY
