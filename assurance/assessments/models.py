"""An annual assessment of one council or partnership against one framework
version: the council's self-assessment, the assessor's scores, moderation,
and the letters issued.

Levels are foreign keys to the framework version's RatingLevel rows, so a
level that is not on some scale cannot be stored. That the level belongs to
*this* criterion's scale is a cross-table rule that a portable composite
foreign key cannot express in Django; services check it (and forms only
offer that scale), and the framework's own constraint keeps values unique
within a version."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from simple_history.models import HistoricalRecords

from assurance.evidence.models import EvidenceItem, Marking, private_storage

from .rules import Status, TaskStatus

USER = settings.AUTH_USER_MODEL


class Assessment(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    partnership = models.ForeignKey(
        "organisations.Partnership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="assessments"
    )
    period = models.CharField(max_length=7, help_text="The reporting year, for example 2021/22.")
    due_date = models.DateField("self-assessment due")
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.SELF_ASSESSMENT)
    assessor = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments_led"
    )
    council_owned = models.BooleanField(
        "the council's own self-assessment",
        default=False,
        help_text="Run by the council for its own governance, without an assessor; never issued.",
    )
    proposal_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The council's own signed-off self-assessment this one started from.",
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The earlier assessment or self-assessment whose narratives and evidence "
        "this one started from (see rules.carry_source).",
    )
    assessing_body = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments_made",
    )
    summary = models.TextField("overall summary", blank=True)
    submitted_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    assessor_notified_at = models.DateTimeField(
        "assessor told", null=True, blank=True, help_text="When the assessor was emailed."
    )
    signed_off_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_note = models.TextField(blank=True)
    issued_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic concurrency for the summary: see CriterionResponse.version.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        ordering = ["-period", "organisation__name", "partnership__name"]
        # Moderation compares every council assessed against one version in one period.
        indexes = [
            models.Index(fields=["framework_version", "period"], name="assessment_cohort_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, partnership__isnull=True)
                    | models.Q(organisation__isnull=True, partnership__isnull=False)
                ),
                name="assessment_organisation_xor_partnership",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="assessment_status_valid"
            ),
            models.UniqueConstraint(
                fields=["organisation", "framework_version", "period", "council_owned"],
                condition=models.Q(organisation__isnull=False),
                name="assessment_unique_organisation_period_kind",
            ),
            models.UniqueConstraint(
                fields=["partnership", "framework_version", "period", "council_owned"],
                condition=models.Q(partnership__isnull=False),
                name="assessment_unique_partnership_period_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(council_owned=True) | models.Q(assessor__isnull=False),
                name="assessment_has_assessor_unless_council_owned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessed_name} {self.period}"

    @property
    def assessed_name(self) -> str:
        holder = self.organisation or self.partnership
        return holder.name if holder else ""

    @property
    def is_issued(self) -> bool:
        return self.status == Status.ISSUED


class CriterionResponse(models.Model):
    """One criterion of an assessment: the three levels (self-assessed,
    assessed, moderated) side by side, each with who set it and when. History
    keeps every earlier value with the reason it changed."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    criterion = models.ForeignKey(
        "frameworks.Criterion", on_delete=models.PROTECT, related_name="+"
    )
    # The council's self-assessment
    narrative = models.TextField(blank=True)
    self_level = models.ForeignKey(
        "frameworks.RatingLevel", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    task_status = models.CharField(
        max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    # Text or evidence carried from last period that nobody has confirmed yet;
    # cleared when someone saves the task (rules.carried_status).
    carried_forward = models.BooleanField("carried forward, to confirm", default=False)
    self_assessed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    self_assessed_at = models.DateTimeField(null=True, blank=True)
    # The assessor's score
    assessed_level = models.ForeignKey(
        "frameworks.RatingLevel", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    good_practice = models.TextField(blank=True)
    areas_for_development = models.TextField(blank=True)
    rationale = models.TextField(
        blank=True, help_text="Which descriptor the evidence matches, and why."
    )
    assessed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    # Moderation
    moderated_level = models.ForeignKey(
        "frameworks.RatingLevel", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderation_comment = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    # Optimistic concurrency: every save bumps it; a save quoting an older one is refused.
    version = models.PositiveIntegerField(default=1)
    last_saved_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_saved_at = models.DateTimeField(null=True, blank=True)
    evidence = GenericRelation(
        EvidenceItem, content_type_field="holder_type", object_id_field="holder_id"
    )
    history = HistoricalRecords(excluded_fields=["version", "last_saved_by", "last_saved_at"])

    class Meta:
        ordering = ["assessment", "criterion__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="response_unique_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="response_version_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(task_status__in=TaskStatus.values),
                name="response_task_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} – {self.criterion}"

    @property
    def final_level(self):
        return self.moderated_level or self.assessed_level


class AssessmentRecommendation(models.Model):
    """A closing recommendation. Once the assessment is issued, the council's
    recommendations register reads these (see selectors.issued_recommendations)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveIntegerField()
    criterion = models.ForeignKey(
        "frameworks.Criterion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Blank for a general recommendation.",
    )
    text = models.TextField()
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="recommendation_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="recommendation_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"


class IssuedLetter(models.Model):
    """A letter exactly as issued: both files kept byte for byte with their
    SHA-256. Reissuing adds a version; no version is ever replaced."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="letters")
    version_number = models.PositiveIntegerField()
    pdf = models.FileField(storage=private_storage, upload_to="letters/")
    docx = models.FileField(storage=private_storage, upload_to="letters/")
    pdf_sha256 = models.CharField(max_length=64)
    docx_sha256 = models.CharField(max_length=64)
    issued_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "-version_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "version_number"], name="letter_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"Letter {self.version_number} for {self.assessment}"


class LetterDetails(models.Model):
    """What the letter needs beyond the scores: its date, who it is addressed
    to, who signs it. Asked for on the issue page; kept with the assessment
    (history keeps what each issued version said)."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="letter_details"
    )
    letter_date = models.DateField()
    addressee_name = models.CharField("addressee's name", max_length=150)
    addressee_job_title = models.CharField("addressee's job title", max_length=150)
    addressee_address = models.TextField("addressee's postal address")
    cc = models.TextField("copied to", blank=True, help_text="One person or team per line.")
    salutation = models.CharField(max_length=150)
    signatory_name = models.CharField("signatory's name", max_length=150)
    signatory_job_title = models.CharField("signatory's job title", max_length=150)
    signatory_region = models.CharField("signatory's region or team", max_length=150, blank=True)
    signatory_contact = models.TextField("signatory's contact details")
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Letter details for {self.assessment}"


class SignatoryDefaults(models.Model):
    """The signatory details an assessor last used for an assessing body, so
    the next letter's issue page starts from them."""

    assessing_body = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    assessor = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    signatory_name = models.CharField(max_length=150)
    signatory_job_title = models.CharField(max_length=150)
    signatory_region = models.CharField(max_length=150, blank=True)
    signatory_contact = models.TextField()
    cc = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "signatory defaults"
        constraints = [
            models.UniqueConstraint(
                fields=["assessing_body", "assessor"], name="signatory_defaults_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Signatory details of {self.assessor}"
