"""Abstract models shared by the annual assessment and peer reviews. Neither
has a table of its own: each app keeps its own rows (and migrations), with
the same field names, so the shared task list, form, rules and evidence
handling serve both."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models

from assurance.evidence.models import EvidenceItem

from .rules import TaskStatus

USER = settings.AUTH_USER_MODEL


def holder_fields(
    related_name: str, *, version_related_name: str
) -> tuple[models.ForeignKey, models.ForeignKey, models.ForeignKey]:
    """The organisation, partnership and framework version fields of a
    HeldRecord. A function rather than abstract fields because each app keeps
    its own reverse names (``organisation.reviews_hosted``), and a placeholder
    reverse name in an abstract model would change every migration state."""
    return (
        models.ForeignKey(
            "organisations.Organisation",
            on_delete=models.PROTECT,
            null=True,
            blank=True,
            related_name=related_name,
        ),
        models.ForeignKey(
            "organisations.Partnership",
            on_delete=models.PROTECT,
            null=True,
            blank=True,
            related_name=related_name,
        ),
        models.ForeignKey(
            "frameworks.FrameworkVersion",
            on_delete=models.PROTECT,
            related_name=version_related_name,
        ),
    )


class HeldRecord(models.Model):
    """A record of one council or partnership (never both) against one
    framework version; the subclass declares the three fields with
    ``holder_fields``."""

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, partnership__isnull=True)
                    | models.Q(organisation__isnull=True, partnership__isnull=False)
                ),
                name="%(class)s_organisation_xor_partnership",
            ),
        ]

    @property
    def host(self):
        """The council or partnership the record is about."""
        return self.organisation or self.partnership


class SelfAssessedCriterion(models.Model):
    """One criterion of a self-assessment: the narrative, how far the task
    is, who wrote it last, its evidence, and the ``version`` that optimistic
    concurrency checks."""

    criterion = models.ForeignKey(
        "frameworks.Criterion", on_delete=models.PROTECT, related_name="+"
    )
    narrative = models.TextField(blank=True)
    task_status = models.CharField(
        max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    self_assessed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    self_assessed_at = models.DateTimeField(null=True, blank=True)
    # Optimistic concurrency: every save bumps it; a save quoting an older one is refused.
    version = models.PositiveIntegerField(default=1)
    evidence = GenericRelation(
        EvidenceItem, content_type_field="holder_type", object_id_field="holder_id"
    )

    class Meta:
        abstract = True
