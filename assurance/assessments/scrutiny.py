"""The letter's outcome for the register's scrutiny pack (registered in
apps.py through ``recommendations.scrutiny.register_pack_section``)."""

from __future__ import annotations

from django.utils import timezone

from assurance.accounts.permissions import Action

from .letter.context import build_letter_context
from .selectors import visible_assessments

BAND_ORDER = {"not_met": 0, "partially_met": 1, "met": 2, "exceeded": 3, "": 4}


def letter_state(organisation, period: str) -> list:
    """What the letter's outcome is read from: the council's issued
    assessments of the period (a reissue changes them)."""
    from .models import Assessment

    return list(
        Assessment.objects.filter(organisation=organisation, period=period, status="issued")
        .order_by("pk")
        .values_list("pk", "issued_at", "updated_at")
    )


def letter_outcome(user, organisation, period: str):
    """Criteria not met, met and exceeded in the council's issued letter for
    the period, worst first; None when there is no issued letter."""
    from assurance.recommendations.scrutiny import PackSection

    assessment = (
        visible_assessments(user, purpose=Action.VIEW_RECORDS)
        .filter(organisation=organisation, period=period, status="issued")
        .order_by("-issued_at")
        .first()
    )
    if assessment is None:
        return None
    letter = build_letter_context(assessment, issued_on=timezone.localdate(assessment.issued_at))
    scores = sorted(letter.scores, key=lambda s: (BAND_ORDER.get(s.band, 4), s.number))
    return PackSection(
        title="The letter's outcome",
        headers=["Criterion", "Title", "Level", "Outcome"],
        rows=[
            [s.number, s.title, s.level_label, s.band_label or "Assured separately"] for s in scores
        ],
        note=f"{letter.framework_title}, issued {letter.issued_on:%d/%m/%Y}.",
        order=10,
    )
