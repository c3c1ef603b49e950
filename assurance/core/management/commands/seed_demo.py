"""Load the fictional demo: councils, one account per role, and whatever
each app adds (frameworks, assessments, register, peer reviews, delivery
records). Safe to re-run.

The demos run in the order declared in DEMO_ORDER, each after the demos whose
records it uses: not in the order of INSTALLED_APPS, which says nothing about
that. An installed app with a demo module missing from DEMO_ORDER, or a demo
module that fails to import or to run, fails the command: nothing is skipped
quietly, and nothing is half-seeded (one transaction)."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each app's demo, after those it builds on (the reason in brackets).
DEMO_ORDER = (
    "assurance.organisations",  # councils and regions, by the demo administrator
    "assurance.accounts",  # one account per role, at those councils
    "assurance.frameworks",  # the shipped framework files
    "assurance.assessments",  # councils, assessors and frameworks; hands over to the register
    "assurance.recommendations",  # councils, their leads, assessor and analyst accounts
    "assurance.reviews",  # frameworks, assessors and the register (its hand-over)
    "assurance.delivery",  # councils and their leads
)


def demo_modules() -> list[str]:
    """The demo modules, in DEMO_ORDER. Fails if an installed project app has
    a demo that the order does not place."""
    installed = [a for a in settings.INSTALLED_APPS if a.startswith("assurance.")]
    unplaced = [
        app for app in installed if app not in DEMO_ORDER and find_spec(f"{app}.demo") is not None
    ]
    if unplaced:
        raise CommandError(
            f"Add {', '.join(unplaced)} to DEMO_ORDER in seed_demo, after the demos it uses."
        )
    return [f"{app}.demo" for app in DEMO_ORDER if app in installed]


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
