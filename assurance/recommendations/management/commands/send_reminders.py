from datetime import date

from django.core.management.base import BaseCommand, CommandError

from assurance.recommendations.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminder emails about milestones due within 14 days or overdue "
        "(run by `manage.py db_worker`), or send them now with --now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send now instead of queueing.")
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = options["date"]
        if today:
            try:
                date.fromisoformat(today)
            except ValueError as error:
                raise CommandError("Give --date as YYYY-MM-DD.") from error
        if options["now"]:
            count = send_reminders.call(today)
            self.stdout.write(f"Sent {count} reminder{'s' if count != 1 else ''}.")
            return
        result = send_reminders.enqueue(today)
        self.stdout.write(f"Queued the reminders task ({result.id}).")
