"""The rules of a self-assessment task list, shared by every record that
asks a council to describe itself against a framework's criteria (the
annual assessment, a peer review's self-assessment). Pure functions."""

from __future__ import annotations

from django.db.models import TextChoices


class TaskStatus(TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


def task_problems(*, narrative: str, level: int | None, status: str, is_scored: bool) -> dict:
    """Why a self-assessment task cannot be marked completed (field → message)."""
    if status != TaskStatus.COMPLETED:
        return {}
    problems = {}
    if not narrative.strip():
        problems["narrative"] = (
            "Describe how the council meets this criterion before marking it completed."
        )
    if is_scored and level is None:
        problems["self_level"] = (
            "Choose the level you propose before marking this criterion completed."
        )
    return problems


def completed_count(statuses) -> int:
    return sum(1 for status in statuses if status == TaskStatus.COMPLETED)
