"""Frameworks held as data. The code knows no benchmark by name: everything
about a framework (its criteria, scale and descriptors) is loaded from a
versioned file in ``data/`` and stored here."""

from django.db import models
from simple_history.models import HistoricalRecords


class Band(models.TextChoices):
    """What a level means for the duty; shared across scales so that scores
    from different frameworks can be compared."""

    NOT_MET = "not_met", "Not met"
    PARTIALLY_MET = "partially_met", "Partially met"
    MET = "met", "Met"
    EXCEEDED = "exceeded", "Exceeded"


class Framework(models.Model):
    """A family of versions, e.g. the Home Office scoring criteria."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class FrameworkVersion(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    version = models.CharField(max_length=40)
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)
    source_reference = models.CharField(max_length=500, blank=True)
    is_scored = models.BooleanField(default=True)
    scale_name = models.CharField(max_length=120, blank=True)
    scale_note = models.TextField(
        blank=True, help_text="Assumptions about the scale, e.g. where it is not published."
    )
    meets_duty_from = models.IntegerField(
        null=True, blank=True, help_text="The lowest level value that counts as meeting the duty."
    )
    letter_caveats = models.JSONField(
        default=list,
        blank=True,
        help_text="Sentences every issued letter carries (the file's letter.caveats).",
    )
    allows_council_self_assessment = models.BooleanField(
        default=False,
        help_text="A council may self-assess against it on its own, without an assessor.",
    )
    # SHA-256 of the file's canonical content: a changed file under the same
    # version is refused once the version is in use.
    content_hash = models.CharField(max_length=64)
    source_file = models.CharField(max_length=255, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework__title", "-effective_from", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "version"], name="framework_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.framework.title} ({self.version})"


class RatingLevel(models.Model):
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="levels"
    )
    value = models.IntegerField()
    label = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    band = models.CharField(max_length=20, choices=Band.choices)
    colour = models.CharField(max_length=20, blank=True, help_text="A GOV.UK tag colour name.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework_version", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework_version", "value"], name="rating_level_value_unique"
            )
        ]

    def __str__(self) -> str:
        from .rules import level_name

        return level_name(self.value, self.label)

    @property
    def tag_class(self) -> str:
        from .rules import tag_class

        return tag_class(self.colour)

    @property
    def shows_band(self) -> bool:
        """Whether the band needs saying beside the level's name."""
        from .rules import says_band

        return not says_band(self.label, self.get_band_display())

    @property
    def with_band(self) -> str:
        from .rules import level_with_band

        return level_with_band(self.label, self.get_band_display())


class CriterionGroup(models.Model):
    """A heading criteria are reported under, e.g. a delivery area."""

    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="groups"
    )
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework_version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework_version", "code"], name="criterion_group_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="criteria"
    )
    group = models.ForeignKey(
        CriterionGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="criteria"
    )
    number = models.PositiveIntegerField()
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=250)
    statement = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    evidence_guidance = models.TextField(blank=True)
    assured_separately = models.BooleanField(
        default=False,
        help_text="Assured through another process; not part of the yearly scoring.",
    )
    # Optional hints from the file's ``delivery`` field: which kinds of delivery
    # record evidence the criterion, and thresholds such as mandated training
    # coverage. Not part of what is scored, so not part of the content hash.
    delivery = models.JSONField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework_version", "number"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(
                fields=["framework_version", "number"], name="criterion_number_unique"
            ),
            models.UniqueConstraint(
                fields=["framework_version", "code"], name="criterion_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Descriptor(models.Model):
    """What a criterion looks like at one level of the scale."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="descriptors")
    level = models.ForeignKey(RatingLevel, on_delete=models.CASCADE, related_name="descriptors")
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion", "level__value"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "level"], name="descriptor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion} at {self.level.value}"


class Relation(models.TextChoices):
    EQUIVALENT = "equivalent", "Equivalent"
    PARTIAL = "partial", "Partial"
    MERGED = "merged", "Merged"
    SPLIT = "split", "Split"


class Crosswalk(models.Model):
    """How the criteria of one framework version map onto another's."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    source_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="crosswalks_from"
    )
    target_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="crosswalks_to"
    )
    content_hash = models.CharField(max_length=64)
    source_file = models.CharField(max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class CrosswalkMapping(models.Model):
    crosswalk = models.ForeignKey(Crosswalk, on_delete=models.CASCADE, related_name="mappings")
    source_criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="mapped_to"
    )
    target_criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="mapped_from"
    )
    relation = models.CharField(max_length=12, choices=Relation.choices)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["crosswalk", "source_criterion__number", "target_criterion__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["crosswalk", "source_criterion", "target_criterion"],
                name="crosswalk_mapping_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_criterion} ({self.relation}) {self.target_criterion}"
