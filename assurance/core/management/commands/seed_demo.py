"""Load the fictional demo: councils, one account per role, and whatever
each app adds (frameworks, assessments, recommendations). Safe to re-run."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Order matters: later apps build on the records of earlier ones.
DEMO_APPS = ["frameworks", "assessments", "reviews", "recommendations", "delivery"]


class Command(BaseCommand):
    help = "Create or refresh the fictional demo data and print the demo sign-ins."

    def handle(self, *args, **options):
        if not settings.DEMO_ACCOUNTS_ALLOWED:
            raise CommandError("Demo data is not allowed with these settings (production?).")
        from assurance.accounts import demo as accounts_demo
        from assurance.organisations import demo as organisations_demo

        with transaction.atomic():
            organisations_demo.seed()
            logins = accounts_demo.seed()
            for app in DEMO_APPS:
                try:
                    module = import_module(f"assurance.{app}.demo")
                except ModuleNotFoundError:
                    continue
                module.seed()
        self._print_logins(logins, accounts_demo.DEMO_PASSWORD)

    def _print_logins(self, logins, password) -> None:
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in with any of these:"))
        width = max(len(email) for _, email, _ in logins)
        for role, email, where in logins:
            self.stdout.write(f"  {role:<20} {email:<{width}}  ({where})")
        self.stdout.write(f"  Password for every demo account: {password}")
