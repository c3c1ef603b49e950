"""Delivery records a council keeps all year: its action plan, local risks,
governance bodies and their meetings, Channel assurance, referral figures,
training coverage, policies and engagement.

Everything here is about organisations. Nothing identifies a person referred
to Prevent or Channel: referral and case figures are aggregate counts only,
and free text never asks for anyone's circumstances."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from assurance.core.marking import Marking
from assurance.frameworks.models import Criterion
from assurance.organisations.models import Organisation


class Sector(models.TextChoices):
    """Sectors used for referrals (the published national categories) and attendance."""

    EDUCATION = "education", "Education"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    COMMUNITY = "community", "Community"
    OTHER = "other", "Other"


class AgencySector(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary and community"
    OTHER = "other", "Other"


class BodyKind(models.TextChoices):
    STRATEGIC_BOARD = "strategic_board", "Strategic board"
    OPERATIONAL_NETWORK = "operational_network", "Operational network"
    CHANNEL = "channel", "Channel"
    MULTI_AGENCY_PANEL = "multi_agency_panel", "Multi-agency panel (Scotland)"
    OTHER = "other", "Other"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    DELAYED = "delayed", "Delayed"
    CANCELLED = "cancelled", "Cancelled"


class RiskRating(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class TrainingMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face"
    E_LEARNING = "e_learning", "E-learning"
    BLENDED = "blended", "Blended"


class PolicyKind(models.TextChoices):
    VENUE_LETTINGS = "venue_lettings", "Lettings of council venues"
    IT_STAFF = "it_staff", "IT filtering: staff network"
    IT_PUBLIC = "it_public", "IT filtering: public networks"
    IT_LIBRARIES = "it_libraries", "IT filtering: libraries"
    IT_SCHOOLS = "it_schools", "IT filtering: schools' service"
    PROCUREMENT = "procurement", "Procurement clause"
    OTHER = "other", "Other"


class EngagementKind(models.TextChoices):
    EVENT = "event", "Event"
    COMMUNICATION = "communication", "Communication"


class AudienceType(models.TextChoices):
    PROFESSIONALS = "professionals", "Professionals and partners"
    COMMUNITY = "community", "Community groups"
    SCHOOLS = "schools", "Schools and pupils"
    MEMBERS = "members", "Elected members"
    PUBLIC = "public", "General public"
    MIXED = "mixed", "Mixed"


class Quarter(models.IntegerChoices):
    Q1 = 1, "Quarter 1 (April to June)"
    Q2 = 2, "Quarter 2 (July to September)"
    Q3 = 3, "Quarter 3 (October to December)"
    Q4 = 4, "Quarter 4 (January to March)"


class DeliveryRecord(models.Model):
    """What every top-level delivery record has: an owning council, a marking,
    the criteria it is evidence for, and timestamps."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    criteria = models.ManyToManyField(Criterion, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_sensitive(self) -> bool:
        return self.marking == Marking.OFFICIAL_SENSITIVE


class GovernanceBody(DeliveryRecord):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=BodyKind.choices)
    chair_role = models.CharField("chair (role)", max_length=200, blank=True)
    member_agencies = models.TextField(blank=True)
    cadence_months = models.PositiveSmallIntegerField("meets at least every (months)", default=3)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name_plural = "governance bodies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cadence_months__gte=1, cadence_months__lte=24),
                name="delivery_body_cadence_range",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    body = models.ForeignKey(GovernanceBody, on_delete=models.CASCADE, related_name="meetings")
    meeting_on = models.DateField("date of the meeting")
    status = models.CharField(max_length=12, choices=MeetingStatus.choices)
    sectors_attending = models.JSONField(default=list, blank=True)
    plan_reviewed = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "-meeting_on"]

    def __str__(self) -> str:
        return f"{self.body.name}, {self.meeting_on:%d/%m/%Y}"

    @property
    def organisation_id(self) -> int:
        return self.body.organisation_id

    @property
    def marking(self) -> str:
        return self.body.marking

    @property
    def sector_labels(self) -> list[str]:
        labels = dict(AgencySector.choices)
        return [labels.get(code, code) for code in self.sectors_attending]


class Risk(DeliveryRecord):
    # The local risk picture draws on the police's CTLP: sensitive unless chosen otherwise.
    marking = models.CharField(
        max_length=20,
        choices=Marking.choices,
        default=Marking.OFFICIAL_SENSITIVE,
    )
    title = models.CharField(max_length=250)
    source = models.CharField(max_length=200, help_text="For example, the police's CTLP.")
    rating = models.CharField(max_length=8, choices=RiskRating.choices)
    last_reviewed_on = models.DateField("last reviewed", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "title"]

    def __str__(self) -> str:
        return self.title


class PartnershipPlan(DeliveryRecord):
    title = models.CharField(max_length=250)
    version_label = models.CharField("version", max_length=40)
    approved_on = models.DateField("approved", null=True, blank=True)
    board = models.ForeignKey(
        GovernanceBody, on_delete=models.PROTECT, null=True, blank=True, related_name="plans"
    )
    review_cadence_months = models.PositiveSmallIntegerField(
        "the board reviews it at least every (months)", default=6
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-approved_on", "-pk"]
        verbose_name = "action plan"

    def __str__(self) -> str:
        return f"{self.title} ({self.version_label})"


class PlanAction(models.Model):
    plan = models.ForeignKey(PartnershipPlan, on_delete=models.CASCADE, related_name="actions")
    reference = models.CharField(max_length=20)
    title = models.CharField("action", max_length=500)
    owner = models.CharField(max_length=200, help_text="A role or an organisation, never a name.")
    start_on = models.DateField("start date", null=True, blank=True)
    due_on = models.DateField("due date", null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    risks = models.ManyToManyField(Risk, blank=True, related_name="actions")
    criteria = models.ManyToManyField(Criterion, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "reference", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "reference"], name="delivery_action_ref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def organisation_id(self) -> int:
        return self.plan.organisation_id

    @property
    def marking(self) -> str:
        return self.plan.marking


class ActionUpdate(models.Model):
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    recorded_on = models.DateField("date of the update")
    note = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "-recorded_on", "-pk"]

    def __str__(self) -> str:
        return f"Update of {self.recorded_on:%d/%m/%Y}"


class ChannelPanel(DeliveryRecord):
    body = models.ForeignKey(
        GovernanceBody, on_delete=models.PROTECT, related_name="channel_assurance"
    )
    chair_role = models.CharField("chair (role)", max_length=200)
    chair_trained = models.BooleanField(default=False)
    deputy_role = models.CharField("deputy chair (role)", max_length=200, blank=True)
    deputy_trained = models.BooleanField(default=False)
    terms_document = models.CharField("terms of reference (document)", max_length=300, blank=True)
    terms_reviewed_on = models.DateField("terms of reference last reviewed", null=True, blank=True)
    statement_submitted_on = models.DateField(
        "annual assurance statement submitted", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "body__name"]
        verbose_name = "Channel assurance record"

    def __str__(self) -> str:
        return self.body.name


class ChannelQuarter(models.Model):
    """Aggregate case counts for one quarter: never about any one person."""

    panel = models.ForeignKey(ChannelPanel, on_delete=models.CASCADE, related_name="quarters")
    period = models.CharField("year", max_length=7)
    quarter = models.PositiveSmallIntegerField(choices=Quarter.choices)
    discussed = models.PositiveIntegerField(default=0)
    adopted = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    reviewed_6_months = models.PositiveIntegerField("reviewed at 6 months", default=0)
    reviewed_12_months = models.PositiveIntegerField("reviewed at 12 months", default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["panel", "-period", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "period", "quarter"], name="delivery_channel_quarter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} quarter {self.quarter}"

    @property
    def organisation_id(self) -> int:
        return self.panel.organisation_id

    @property
    def marking(self) -> str:
        return self.panel.marking


class ReferralFigure(DeliveryRecord):
    period = models.CharField("year", max_length=7)
    quarter = models.PositiveSmallIntegerField(choices=Quarter.choices)
    sector = models.CharField("referring sector", max_length=20, choices=Sector.choices)
    count = models.PositiveIntegerField("number of referrals")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-period", "quarter", "sector"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period", "quarter", "sector"],
                name="delivery_referral_figure_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} quarter {self.quarter}, {self.get_sector_display()}"


class TrainingCohort(DeliveryRecord):
    name = models.CharField("cohort", max_length=200)
    mode = models.CharField(max_length=16, choices=TrainingMode.choices)
    mandated = models.BooleanField(default=False)
    cohort_size = models.PositiveIntegerField()
    trained = models.PositiveIntegerField("number trained")
    as_at = models.DateField("figures as at")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-as_at", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trained__lte=models.F("cohort_size")),
                name="delivery_trained_within_cohort",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Policy(DeliveryRecord):
    kind = models.CharField(max_length=16, choices=PolicyKind.choices)
    title = models.CharField(max_length=250)
    owner = models.CharField(max_length=200, help_text="A role or a team.")
    document = models.CharField(max_length=300, blank=True)
    last_reviewed_on = models.DateField("last reviewed", null=True, blank=True)
    next_review_on = models.DateField("next review due", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "next_review_on", "title"]
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        return self.title


class EngagementActivity(DeliveryRecord):
    title = models.CharField(max_length=250)
    kind = models.CharField(max_length=16, choices=EngagementKind.choices)
    held_on = models.DateField("date")
    audience_type = models.CharField(max_length=16, choices=AudienceType.choices)
    attendance = models.PositiveIntegerField(null=True, blank=True)
    feedback_responses = models.PositiveIntegerField(null=True, blank=True)
    feedback_positive_percent = models.PositiveSmallIntegerField(
        "positive feedback (%)", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-held_on"]
        verbose_name = "engagement record"
        verbose_name_plural = "engagement records"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(feedback_positive_percent__lte=100)
                | models.Q(feedback_positive_percent__isnull=True),
                name="delivery_feedback_percent_range",
            )
        ]

    def __str__(self) -> str:
        return self.title
