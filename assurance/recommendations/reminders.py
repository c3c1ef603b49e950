"""Reminder emails about milestones due within 14 days or overdue.

Each recommendation gets at most one reminder per stage: the ReminderSent row
is created first, inside the same transaction, and its unique constraint
refuses a second one even if two workers run at the same time."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from assurance.accounts.permissions import Action, council_memberships

from . import rules
from .models import Recommendation, ReminderSent, SourceStatus

_SUBJECTS = {
    rules.DUE_SOON: "Recommendation {number} of “{title}” is due by {milestone}",
    rules.OVERDUE: "Recommendation {number} of “{title}” is overdue (due {milestone})",
}


def candidates(today: date):
    """Open recommendations whose milestone falls within the window, in open sources."""
    return (
        Recommendation.objects.filter(
            source__status=SourceStatus.OPEN,
            milestone__isnull=False,
            milestone__lte=today + timedelta(days=rules.DUE_SOON_DAYS),
        )
        .exclude(status__in=rules.DONE_STATUSES)
        .exclude(response=rules.REJECTED)
        .select_related("source", "source__organisation", "lead_user")
        .prefetch_related("reminders")
    )


def _council_leads(organisation_ids: set[int]) -> dict[int, list[str]]:
    leads: dict[int, list[str]] = {}
    memberships = council_memberships(
        organisation_ids, holding=Action.RESPOND_RECOMMENDATIONS
    ).values_list("organisation_id", "user__email")
    for organisation_id, email in memberships:
        leads.setdefault(organisation_id, []).append(email)
    return leads


def recipients_for(item: Recommendation, council_leads: list[str]) -> list[str]:
    emails = list(council_leads)
    if item.lead_user_id and item.lead_user.is_active:
        emails.insert(0, item.lead_user.email)
    return sorted(set(emails), key=emails.index)


def _message(item: Recommendation, stage: str) -> tuple[str, str]:
    milestone = f"{item.milestone.day} {item.milestone:%B %Y}"
    subject = _SUBJECTS[stage].format(
        number=item.number, title=item.source.title, milestone=milestone
    )
    body = (
        f"{item.source.organisation.name}\n{item.source.title}\n\n"
        f"Recommendation {item.number}: {item.text}\n\n"
        f"Lead: {item.lead or 'not named'}\nMilestone: {milestone}\n"
        f"Status: {item.get_status_display()}\n\n"
        "Record progress, or a new milestone, in Prevent Duty Assurance.\n"
    )
    return subject, body


def send_due_reminders(today: date) -> int:
    """Send what is due today; returns how many reminders went out."""
    items = list(candidates(today))
    leads = _council_leads({item.source.organisation_id for item in items})
    sent = 0
    for item in items:
        stage = rules.reminder_stage(item.milestone, item.status, today, item.response)
        if stage is None or any(r.stage == stage for r in item.reminders.all()):
            continue
        recipients = recipients_for(item, leads.get(item.source.organisation_id, []))
        if recipients and _send_once(item, stage, recipients):
            sent += 1
    return sent


def _send_once(item: Recommendation, stage: str, recipients: list[str]) -> bool:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                recommendation=item, stage=stage, recipients=", ".join(recipients)
            )
            subject, body = _message(item, stage)
            send_mail(subject, body, from_email=None, recipient_list=recipients)
    except IntegrityError:
        return False  # another worker sent this one first
    return True
