"""A peer review of a council (or partnership) by a team from other councils
and an assessing body: its six stages, the team, the host's self-assessment
with evidence, key lines of enquiry, the on-site programme, findings and the
issued report. Sessions record job titles and agencies, never people's names.
Nothing here is about people referred to Prevent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from assurance.core.marking import Marking
from assurance.documents.models import IssuedDocument
from assurance.evidence.models import EvidenceItem, private_storage
from assurance.selfassessment.models import HeldRecord, SelfAssessedCriterion, holder_fields

from .rules import FindingKind, ReviewStatus, ReviewType, SessionFormat, StageKind, StageStatus
from .rules import TeamRole as TeamRoleChoices

USER = settings.AUTH_USER_MODEL


class Review(HeldRecord):
    organisation, partnership, framework_version = holder_fields(
        "reviews_hosted", version_related_name="reviews"
    )
    review_type = models.CharField(max_length=30, choices=ReviewType.choices)
    title = models.CharField(max_length=200)
    starts_on = models.DateField("review starts")
    ends_on = models.DateField("review ends")
    status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PLANNED
    )
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    # The report's own words, written by the team
    executive_summary = models.TextField(blank=True)
    background = models.TextField(blank=True)
    next_steps = models.TextField("next steps and further support", blank=True)
    reopen_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            *HeldRecord.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="review_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def host_name(self) -> str:
        return self.host.name if self.host else ""

    @property
    def is_issued(self) -> bool:
        return self.status in (ReviewStatus.REPORT_ISSUED, ReviewStatus.COMPLETED)


class Stage(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(max_length=20, choices=StageKind.choices)
    position = models.PositiveSmallIntegerField()
    planned_from = models.DateField("planned start", null=True, blank=True)
    planned_to = models.DateField("planned end", null=True, blank=True)
    actual_from = models.DateField("actual start", null=True, blank=True)
    actual_to = models.DateField("actual end", null=True, blank=True)
    owner = models.ForeignKey(
        "TeamMember", on_delete=models.SET_NULL, null=True, blank=True, related_name="stages"
    )
    status = models.CharField(
        max_length=12, choices=StageStatus.choices, default=StageStatus.NOT_STARTED
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "kind"], name="stage_unique_kind"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class StageCheck(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="checks")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=200)
    done = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["stage", "position"]

    def __str__(self) -> str:
        return self.text


class TeamMember(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="review_places")
    role = models.CharField(max_length=16, choices=TeamRoleChoices.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    declared_at = models.DateTimeField("declaration made", null=True, blank=True)
    has_conflict = models.BooleanField(default=False)
    conflict_details = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="team_member_once"),
            models.CheckConstraint(
                condition=models.Q(has_conflict=False) | ~models.Q(conflict_details=""),
                name="team_conflict_has_details",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.organisation}"

    @property
    def declared(self) -> bool:
        return self.declared_at is not None


class SelfAssessmentResponse(SelfAssessedCriterion):
    """The host's self-assessment of one criterion. Its fields (from
    SelfAssessedCriterion) carry the same names as the annual assessment's,
    so the shared task list, form and evidence handling serve both."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="responses")
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["review", "criterion__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="review_response_unique_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review} – {self.criterion}"


class LineOfEnquiry(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="enquiries")
    number = models.PositiveIntegerField()
    question = models.TextField()
    criteria = models.ManyToManyField("frameworks.Criterion", related_name="+")
    evidence = models.ManyToManyField(EvidenceItem, blank=True, related_name="+")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(m2m_fields=[criteria, evidence])

    class Meta:
        ordering = ["review", "number"]
        verbose_name_plural = "lines of enquiry"
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="enquiry_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Line of enquiry {self.number}"


class Session(models.Model):
    """One session of the on-site programme. Participants are roles and
    agencies only; the team's notes carry their own marking."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    held_on = models.DateField("date")
    starts_at = models.TimeField("start time")
    format = models.CharField(max_length=10, choices=SessionFormat.choices)
    notes = models.TextField("team's notes", blank=True)
    notes_marking = models.CharField(
        "marking of the notes",
        max_length=20,
        choices=Marking.choices,
        default=Marking.OFFICIAL,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "held_on", "starts_at"]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    job_title = models.CharField(max_length=150)
    agency = models.CharField(max_length=150)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "agency", "job_title"]

    def __str__(self) -> str:
        return f"{self.job_title}, {self.agency}"


class Finding(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=16, choices=FindingKind.choices)
    group = models.ForeignKey(
        "frameworks.CriterionGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="delivery area",
    )
    criteria = models.ManyToManyField("frameworks.Criterion", blank=True, related_name="+")
    text = models.TextField()
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[criteria])

    class Meta:
        ordering = ["review", "group__position", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def is_improvement(self) -> bool:
        return self.kind == FindingKind.IMPROVEMENT


class IssuedReport(IssuedDocument):
    """A report exactly as issued, both files kept with their SHA-256. The
    unique version number is what makes a second, concurrent issue fail."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="reports")
    pdf = models.FileField(storage=private_storage, upload_to="reviews/")
    docx = models.FileField(storage=private_storage, upload_to="reviews/")
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "-version_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "version_number"], name="review_report_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"Report {self.version_number} of {self.review}"
