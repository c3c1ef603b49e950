"""Importing recommendations."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assurance.recommendations import services
from assurance.recommendations.services import ResponseInput

pytestmark = pytest.mark.django_db


def _respond_all(source, response="accepted", **extra):
    return [
        ResponseInput(recommendation_id=r.pk, response=response, lead="Head of Safety", **extra)
        for r in source.recommendations.all()
    ]


# --- import -------------------------------------------------------------------------


def test_import_refuses_numbers_taken_since_the_preview(lead, source):
    from assurance.recommendations.importing import ImportRow

    rows = [ImportRow(row=2, number=4, text="New"), ImportRow(row=3, number=2, text="Clash")]
    with pytest.raises(ValidationError) as error:
        services.recommendations_import(actor=lead, source=source, rows=rows)
    assert "changed since the preview (numbers 2)" in error.value.messages[0]
    assert source.recommendations.count() == 3


def test_import_creates_rows_with_history(lead, source):
    from assurance.recommendations.importing import ImportRow

    rows = [ImportRow(row=2, number=4, text="New", response="rejected", reason="No budget")]
    created = services.recommendations_import(actor=lead, source=source, rows=rows)
    assert created[0].history.first().history_user == lead
    assert source.recommendations.get(number=4).reason == "No budget"


def test_import_refused_for_other_council(other_lead, source):
    from assurance.recommendations.importing import ImportRow

    with pytest.raises(PermissionDenied):
        services.recommendations_import(
            actor=other_lead, source=source, rows=[ImportRow(row=2, number=9, text="x")]
        )


def test_reimport_updates_status_and_progress_of_existing_numbers(lead, source):
    from assurance.recommendations.importing import ImportRow

    rows = [
        ImportRow(
            row=2,
            number=1,
            text="Do thing 1",
            status="in_progress",
            progress="Board agreed the plan",
            current_status="not_started",
        ),
        ImportRow(row=3, number=9, text="New one", progress="Started"),
    ]
    changed = services.recommendations_import(actor=lead, source=source, rows=rows)
    assert {r.number for r in changed} == {"1", "9"}
    first = source.recommendations.get(number=1)
    assert first.status == "in_progress" and first.text == "Do thing 1"
    assert first.progress.get().entry == "Board agreed the plan"
    assert source.recommendations.get(number=9).progress.get().entry == "Started"
    # The same preview confirmed twice: the status it was drawn from has changed.
    with pytest.raises(ValidationError, match="changed since the preview"):
        services.recommendations_import(actor=lead, source=source, rows=rows[:1])
