"""The progress log."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assurance.recommendations import services
from assurance.recommendations.services import ResponseInput

pytestmark = pytest.mark.django_db


def _respond_all(source, response="accepted", **extra):
    return [
        ResponseInput(recommendation_id=r.pk, response=response, lead="Head of Safety", **extra)
        for r in source.recommendations.all()
    ]


# --- progress_add ---------------------------------------------------------------


def test_progress_moves_status_and_records_completion(contributor, source):
    item = source.recommendations.first()
    services.progress_add(
        actor=contributor, recommendation=item, entry="Begun", status="in_progress"
    )
    entry = services.progress_add(
        actor=contributor, recommendation=item, entry="Finished", status="completed"
    )
    item.refresh_from_db()
    assert item.status == "completed"
    assert item.completed_on == timezone.localdate()
    assert (entry.status_from, entry.status_to, entry.author) == (
        "in_progress",
        "completed",
        contributor,
    )
    assert list(item.progress.values_list("entry", flat=True)) == ["Finished", "Begun"]


def test_progress_refuses_viewer_and_other_council(viewer, other_lead, source):
    item = source.recommendations.first()
    for user in (viewer, other_lead):
        with pytest.raises(PermissionDenied):
            services.progress_add(actor=user, recommendation=item, entry="x")


def test_progress_refuses_future_completion_date_and_empty_entry(lead, source):
    item = source.recommendations.first()
    with pytest.raises(ValidationError) as error:
        services.progress_add(
            actor=lead,
            recommendation=item,
            entry=" ",
            status="completed",
            completed_on=timezone.localdate() + timedelta(days=1),
        )
    assert error.value.messages == [
        "Describe the progress made.",
        "The date completed cannot be in the future.",
    ]
    assert not item.progress.exists()


def test_progress_carries_the_date_the_work_happened(lead, source):
    item = source.recommendations.get(number=1)
    worked = timezone.localdate() - timedelta(days=20)
    entry = services.progress_add(actor=lead, recommendation=item, entry="Met", worked_on=worked)
    assert entry.worked_on == worked and entry.created_at.date() != worked
    today = services.progress_add(actor=lead, recommendation=item, entry="Again")
    assert today.worked_on == timezone.localdate()
    with pytest.raises(ValidationError, match="future"):
        services.progress_add(
            actor=lead,
            recommendation=item,
            entry="Later",
            worked_on=timezone.localdate() + timedelta(days=1),
        )
