"""Reminders: due within 14 days or overdue, to the lead and the council lead,
at most once per recommendation per stage."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.recommendations.models import Recommendation, ReminderSent
from assurance.recommendations.reminders import send_due_reminders
from assurance.recommendations.tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


@pytest.fixture
def due(source, lead, contributor):
    Recommendation.objects.filter(source=source, number=1).update(
        milestone=TODAY + timedelta(days=10),
        lead="Head of Safety",
        lead_user=contributor,
        response="accepted",
    )
    Recommendation.objects.filter(source=source, number=2).update(
        milestone=TODAY - timedelta(days=2), response="accepted"
    )
    Recommendation.objects.filter(source=source, number=3).update(
        milestone=TODAY + timedelta(days=40)
    )
    return source


def test_sends_due_soon_and_overdue_to_lead_person_and_council_lead(due, lead, contributor):
    assert send_due_reminders(TODAY) == 2
    by_subject = {m.subject: m for m in mail.outbox}
    soon = next(m for s, m in by_subject.items() if "Recommendation 1" in s)
    late = next(m for s, m in by_subject.items() if "Recommendation 2" in s)
    assert "is due by 11 June 2026" in soon.subject
    assert soon.to == [contributor.email, lead.email]
    assert "is overdue" in late.subject and late.to == [lead.email]


def test_at_most_once_per_stage_then_again_when_it_becomes_overdue(due):
    send_due_reminders(TODAY)
    assert send_due_reminders(TODAY) == 0
    assert send_due_reminders(TODAY + timedelta(days=1)) == 0
    # Recommendation 1 passes its milestone: a new stage, one more email.
    assert send_due_reminders(TODAY + timedelta(days=11)) == 1
    assert ReminderSent.objects.filter(stage="overdue").count() == 2
    assert len(mail.outbox) == 3


def test_no_reminders_for_done_rejected_or_closed(source, lead):
    Recommendation.objects.filter(source=source).update(milestone=TODAY - timedelta(days=1))
    Recommendation.objects.filter(source=source, number=1).update(status="completed")
    Recommendation.objects.filter(source=source, number=2).update(response="rejected", reason="No")
    assert send_due_reminders(TODAY) == 1
    source.status, source.closed_by = "closed", lead
    source.closed_at = timezone.now()
    source.save()
    Recommendation.objects.filter(source=source, number=3).update(
        milestone=TODAY - timedelta(days=30)
    )
    ReminderSent.objects.all().delete()
    assert send_due_reminders(TODAY) == 0


def test_other_councils_leads_are_not_emailed(due, other_lead, other_council):
    RecommendationFactory(source__organisation=other_council, milestone=TODAY)
    send_due_reminders(TODAY)
    to_other = [m for m in mail.outbox if other_lead.email in m.to]
    assert len(to_other) == 1 and "Recommendation" in to_other[0].subject
    assert all(other_lead.email not in m.to for m in mail.outbox if m is not to_other[0])


def test_inactive_people_are_not_emailed(due, lead, contributor):
    contributor.is_active = False
    contributor.save()
    send_due_reminders(TODAY)
    assert all(contributor.email not in m.to for m in mail.outbox)


def test_command_queues_the_task_and_runs_now(due):
    out = StringIO()
    call_command("send_reminders", "--date", TODAY.isoformat(), stdout=out)
    # The test settings use the immediate backend: queueing runs it at once.
    assert "Queued" in out.getvalue() and len(mail.outbox) == 2
    out = StringIO()
    call_command("send_reminders", "--now", "--date", TODAY.isoformat(), stdout=out)
    assert "Sent 0 reminders." in out.getvalue()


def test_council_with_no_one_to_email_sends_nothing(council):
    RecommendationFactory(source__organisation=council, milestone=TODAY)
    assert send_due_reminders(TODAY) == 0
    assert not ReminderSent.objects.exists()
    user_with_role(Role.COUNCIL_LEAD, council)
    assert send_due_reminders(TODAY) == 1


# --- Escalation and the digest -------------------------------------------------


@pytest.fixture
def late_letter_item(council, lead):
    from assurance.recommendations.tests.factories import SourceFactory

    source = SourceFactory(organisation=council, kind="assessment")
    return RecommendationFactory(
        source=source, number=1, response="accepted", milestone=TODAY - timedelta(days=3)
    )


def test_the_approver_is_told_once_when_overdue_with_no_extension(late_letter_item, council):
    from assurance.accounts.tests.factories import assessor_for

    assessor = assessor_for(council)
    assert send_due_reminders(TODAY) == 2
    escalation = [m for m in mail.outbox if m.to == [assessor.email]]
    assert len(escalation) == 1 and "no extension" in escalation[0].subject.lower()
    assert send_due_reminders(TODAY) == 0


def test_no_escalation_once_an_extension_is_granted(late_letter_item, council):
    from assurance.accounts.tests.factories import assessor_for

    assessor = assessor_for(council)
    late_letter_item.revised_milestone = TODAY + timedelta(days=60)
    late_letter_item.save()
    send_due_reminders(TODAY)
    assert not [m for m in mail.outbox if assessor.email in m.to]


def test_the_digest_sends_one_email_per_person_for_all_their_items(due, lead, contributor):
    assert send_due_reminders(TODAY, mode="digest") == 2
    to_lead = [m for m in mail.outbox if lead.email in m.to]
    assert len(to_lead) == 1 and "Recommendations needing attention: 2" in to_lead[0].subject
    assert send_due_reminders(TODAY, mode="digest") == 0
