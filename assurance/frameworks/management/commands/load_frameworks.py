"""Load framework and crosswalk files: the shipped ones, or those named."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assurance.frameworks.loader import load_paths, load_shipped


class Command(BaseCommand):
    help = (
        "Check and load framework files (YAML). With no arguments, loads the files shipped in "
        "assurance/frameworks/data/. All or nothing: on any problem the database is unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Framework or crosswalk files to load.")

    def handle(self, *args, paths: list[str], **options):
        # Run as the system: no acting user is recorded in the history.
        result = load_paths([Path(p) for p in paths]) if paths else load_shipped()
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            count = len(result.problems)
            raise CommandError(
                f"Nothing was loaded: {count} problem{'s' if count != 1 else ''} found."
            )
        for loaded in result.files:
            self.stdout.write(str(loaded))
        self.stdout.write(self.style.SUCCESS(f"{len(result.files)} file(s) checked and loaded."))
