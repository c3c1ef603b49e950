"""Reminder emails about target dates due within 14 days or overdue, and the
escalation to the source's approver when an item is overdue with no
extension asked for or granted.

Each recommendation gets at most one reminder per stage: the ReminderSent row
is created first, inside the same transaction, and its unique constraint
refuses a second one even if two workers run at the same time.

With ``RECOMMENDATION_REMINDERS = "digest"`` (run weekly) each person gets one
email listing all their items instead of one email per item; the once per
item per stage rule is the same."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from assurance.accounts.models import Membership, Role, User
from assurance.accounts.permissions import Action, people_who_can
from assurance.ui.links import absolute_url

from . import rules
from .models import ExtensionStatus, Recommendation, ReminderSent, SourceStatus
from .selectors import due_before_q, has_target_q

_SUBJECTS = {
    rules.DUE_SOON: "Recommendation {number} of “{title}” is due by {milestone}",
    rules.OVERDUE: "Recommendation {number} of “{title}” is overdue (due {milestone})",
    rules.ESCALATED: "Overdue with no extension: recommendation {number} of “{title}”",
}


@dataclass(frozen=True)
class Notice:
    item: Recommendation
    stage: str
    recipients: tuple[str, ...]


def candidates(today: date):
    """Open recommendations whose date in force falls within the window, in open sources."""
    window = due_before_q(today + timedelta(days=rules.DUE_SOON_DAYS), inclusive=True)
    return (
        Recommendation.objects.filter(window & has_target_q(), source__status=SourceStatus.OPEN)
        .select_related("source", "source__organisation", "source__verifier", "lead_user")
        .prefetch_related("reminders", "extensions")
    )


def _council_leads(organisation_ids: set[int]) -> dict[int, list[str]]:
    leads: dict[int, list[str]] = {}
    memberships = Membership.objects.filter(
        organisation_id__in=organisation_ids, role=Role.COUNCIL_LEAD, user__is_active=True
    ).values_list("organisation_id", "user__email")
    for organisation_id, email in memberships:
        leads.setdefault(organisation_id, []).append(email)
    return leads


def recipients_for(item: Recommendation, council_leads: list[str]) -> list[str]:
    emails = list(council_leads)
    if item.lead_user_id and item.lead_user.is_active:
        emails.insert(0, item.lead_user.email)
    return sorted(set(emails), key=emails.index)


def approvers_for(item: Recommendation) -> list[str]:
    """Who decides the item's extensions (rules.answering_action), by email."""
    source = item.source
    emails = []
    if source.verifier_id and source.verifier.is_active:
        emails.append(source.verifier.email)
    action = rules.answering_action(source.kind)
    if action is not None:
        condition = people_who_can(Action(action), source.organisation_id)
        users = User.objects.filter(condition).distinct().order_by("email")
        emails += [e for e in users.values_list("email", flat=True) if e not in emails]
    return emails


def _has_extension(item: Recommendation) -> bool:
    pending = any(e.status == ExtensionStatus.PENDING for e in item.extensions.all())
    return item.revised_milestone is not None or pending


def notices(today: date) -> list[Notice]:
    """What is due today and not yet sent, with its recipients."""
    items = list(candidates(today))
    leads = _council_leads({item.source.organisation_id for item in items})
    due = []
    for item in items:
        sent = {r.stage for r in item.reminders.all()}
        date_in_force = rules.date_in_force(item.milestone, item.revised_milestone)
        stage = rules.reminder_stage(date_in_force, item.status, today, item.response)
        recipients = recipients_for(item, leads.get(item.source.organisation_id, []))
        if stage is not None and stage not in sent:
            due.append(Notice(item, stage, tuple(recipients)))
        overdue = stage == rules.OVERDUE
        if rules.escalates(overdue, _has_extension(item)) and rules.ESCALATED not in sent:
            # Approvers who are also the council's leads already hear of it.
            approvers = [e for e in approvers_for(item) if e not in recipients]
            due.append(Notice(item, rules.ESCALATED, tuple(approvers)))
    return [n for n in due if n.recipients]


def send_due_reminders(today: date, *, mode: str | None = None) -> int:
    """Send what is due today; returns how many reminders (item and stage)
    went out. ``mode`` is "each" (one email per item) or "digest"."""
    mode = mode or getattr(settings, "RECOMMENDATION_REMINDERS", "each")
    due = notices(today)
    if mode == "digest":
        return _send_digests(due)
    return sum(_send_once(n) for n in due)


def _line(item: Recommendation) -> str:
    due = rules.date_in_force(item.milestone, item.revised_milestone)
    return f"{due.day} {due:%B %Y}"


def _message(item: Recommendation, stage: str) -> tuple[str, str]:
    milestone = _line(item)
    subject = _SUBJECTS[stage].format(
        number=item.number, title=item.source.title, milestone=milestone
    )
    body = (
        f"{item.source.organisation.name}\n{item.source.title}\n\n"
        f"Recommendation {item.number}: {item.text}\n\n"
        f"Lead: {item.lead or 'not named'}\nMilestone: {milestone}\n"
        f"Status: {item.get_status_display()}\n\n"
    )
    if stage == rules.ESCALATED:
        body += "No extension has been asked for or granted. You decide this source's extensions.\n"
    else:
        body += "Record progress, or ask for an extension, in Prevent Duty Assurance.\n"
    body += f"\n{absolute_url('recommendations:recommendation', item.pk)}\n"
    return subject, body


def _record(notice: Notice) -> None:
    ReminderSent.objects.create(
        recommendation=notice.item, stage=notice.stage, recipients=", ".join(notice.recipients)
    )


def _send_once(notice: Notice) -> bool:
    try:
        with transaction.atomic():
            _record(notice)
            subject, body = _message(notice.item, notice.stage)
            send_mail(subject, body, from_email=None, recipient_list=list(notice.recipients))
    except IntegrityError:
        return False  # another worker sent this one first
    return True


def _send_digests(due: list[Notice]) -> int:
    """One email per person listing every item due for them."""
    recorded, by_person = 0, {}
    for notice in due:
        try:
            with transaction.atomic():
                _record(notice)
        except IntegrityError:
            continue
        recorded += 1
        for email in notice.recipients:
            by_person.setdefault(email, []).append(notice)
    for email, items in by_person.items():
        lines = [
            f"- {n.item.source.organisation.name}, {n.item.source.title}, recommendation "
            f"{n.item.number}: {STAGE_WORDS[n.stage]} ({_line(n.item)})\n"
            f"  {absolute_url('recommendations:recommendation', n.item.pk)}"
            for n in items
        ]
        send_mail(
            f"Recommendations needing attention: {len(items)}",
            "\n".join(lines) + "\n\nRecord progress in Prevent Duty Assurance.\n",
            from_email=None,
            recipient_list=[email],
        )
    return recorded


STAGE_WORDS = {
    rules.DUE_SOON: "due within 14 days",
    rules.OVERDUE: "overdue",
    rules.ESCALATED: "overdue with no extension (you decide its extensions)",
}
