"""Fill an empty database with the fictional national data set (see
assurance/core/national and docs/operations.md). Refuses production settings."""

import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Generate the fictional national data set (about 380 councils, 8 periods)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")

    def handle(self, *args, seed: int, **options):
        if not settings.DEMO_ACCOUNTS_ALLOWED:
            raise CommandError("Generated data is not allowed with these settings (production?).")
        from assurance.core.national import PASSWORD, generate, inputs_hash
        from assurance.organisations.models import Organisation

        if Organisation.objects.exists():
            raise CommandError(
                "The database already holds organisations: generate into an empty, migrated one."
            )
        started = time.monotonic()
        call_command("load_frameworks", stdout=open("/dev/null", "w"))  # noqa: SIM115
        result = generate(seed, self._progress)
        sys.stderr.write("\n")
        self.stdout.write(
            self.style.SUCCESS(
                f"National data set (seed {seed}, inputs {inputs_hash(seed)}) made in "
                f"{time.monotonic() - started:.0f} s:"
            )
        )
        for name, count in result.counts.items():
            self.stdout.write(f"  {count:>8,}  {name}")
        self.stdout.write("Planted assessors (oversight should find exactly these):")
        for kind, name, email in result.planted:
            self.stdout.write(f"  {kind:<8} {name} <{email}>")
        self.stdout.write(
            f"Busiest source: {result.busiest['source']} (council {result.busiest['council']}, "
            f"lead {result.busiest['lead']}). Every account's password: {PASSWORD}"
        )

    _label = ""

    def _progress(self, label: str, done: int, total: int) -> None:
        if self._label and label != self._label:
            sys.stderr.write("\n")
        self._label = label
        # Some totals are estimates (how many progress entries the random
        # draws give): the bar never runs past full.
        total = max(total, done)
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r  {label:<34} [{bar}] {done:>7,}/{total:,}")
        sys.stderr.flush()
