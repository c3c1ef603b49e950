"""Background tasks (django-tasks). In production the database backend
queues them and ``python manage.py db_worker`` runs them."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django_tasks import task

from .reminders import send_due_reminders


@task()
def send_reminders(today: str | None = None) -> int:
    """Email leads about milestones due within 14 days or overdue."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    return send_due_reminders(day)


@task()
def build_source_document(document_id: int) -> int:
    """Build a tracker or response matrix (see services.documents)."""
    from .services import source_document_build

    return source_document_build(document_id=document_id).pk


@task()
def build_scrutiny_pack(document_id: int) -> int:
    """Build a council's scrutiny pack (see services.documents)."""
    from .services import scrutiny_pack_build

    return scrutiny_pack_build(document_id=document_id).pk
