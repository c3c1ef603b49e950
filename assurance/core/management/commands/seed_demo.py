"""Load the fictional demo: councils, one account per role, and whatever
each app adds (frameworks, assessments, recommendations). Safe to re-run.

Every installed app of the project with a ``demo`` module is seeded, in the
order of INSTALLED_APPS (later apps build on earlier ones' records). A demo
module that fails to import fails the command: nothing is skipped quietly."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Seeded first, in this order: every other app's demo refers to them.
FOUNDATION = ("assurance.organisations", "assurance.accounts")


def demo_modules() -> list[str]:
    """The demo modules of the installed project apps, foundation first."""
    apps = [a for a in settings.INSTALLED_APPS if a.startswith("assurance.")]
    ordered = [*FOUNDATION, *(a for a in apps if a not in FOUNDATION)]
    return [f"{app}.demo" for app in ordered if find_spec(f"{app}.demo") is not None]


class Command(BaseCommand):
    help = "Create or refresh the fictional demo data and print the demo sign-ins."

    def handle(self, *args, **options):
        if not settings.DEMO_ACCOUNTS_ALLOWED:
            raise CommandError("Demo data is not allowed with these settings (production?).")
        from assurance.accounts import demo as accounts_demo

        logins = []
        with transaction.atomic():
            for name in demo_modules():
                result = import_module(name).seed()
                if name == accounts_demo.__name__:
                    logins = result
        self._print_logins(logins, accounts_demo.DEMO_PASSWORD)

    def _print_logins(self, logins, password) -> None:
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in with any of these:"))
        width = max(len(email) for _, email, _ in logins)
        for role, email, where in logins:
            self.stdout.write(f"  {role:<20} {email:<{width}}  ({where})")
        self.stdout.write(f"  Password for every demo account: {password}")
