"""Councils, assessing bodies, the regions they sit in and the partnerships
through which some of them deliver Prevent jointly."""

from django.db import models
from simple_history.models import HistoricalRecords


class Nation(models.TextChoices):
    ENGLAND = "england", "England"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"


class Region(models.Model):
    name = models.CharField(max_length=120, unique=True)
    nation = models.CharField(max_length=16, choices=Nation.choices, default=Nation.ENGLAND)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    COUNTY = "county", "County council"
    DISTRICT = "district", "District council"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN = "metropolitan", "Metropolitan borough"
    LONDON_BOROUGH = "london_borough", "London borough"
    SCOTTISH = "scottish", "Scottish council"
    WELSH = "welsh", "Welsh council"
    ASSESSING_BODY = "assessing_body", "Assessing body"


COUNCIL_KINDS = frozenset(OrganisationKind.values) - {OrganisationKind.ASSESSING_BODY}


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="districts",
        help_text="The county council, for a district council in a two-tier area.",
    )
    gss_code = models.CharField(
        "ONS/GSS code", max_length=9, blank=True, help_text="For example E10000018."
    )
    is_priority_area = models.BooleanField("Prevent priority area", default=False)
    postal_address = models.TextField(
        blank=True,
        help_text="One line per row, as letters are addressed; for an assessing body, "
        "its address heads the letters it issues.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["gss_code"],
                condition=~models.Q(gss_code=""),
                name="organisation_gss_code_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True) | models.Q(kind="district"),
                name="organisation_only_districts_have_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_council(self) -> bool:
        return self.kind in COUNCIL_KINDS


class Partnership(models.Model):
    """Councils that deliver Prevent jointly and may be assessed together."""

    name = models.CharField(max_length=200, unique=True)
    members = models.ManyToManyField(Organisation, related_name="partnerships")
    postal_address = models.TextField(
        blank=True,
        help_text="One line per row, as letters and peer review reports addressed to the "
        "partnership are addressed.",
    )
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
