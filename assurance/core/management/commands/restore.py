"""Rebuild a fresh installation from an archive made by ``manage.py backup``.
See assurance/core/backup.py and docs/operations.md."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assurance.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the database and private files from a backup archive into an empty, "
        "migrated installation. Every SHA-256 is checked before anything is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace whatever this installation already holds: every database row "
            "(and every session) and same-named private files.",
        )

    def handle(self, *args, archive, force=False, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No archive at {path}.")
        try:
            manifest = restore_backup(path, force=force, progress=self._progress)
        except BackupError as error:
            raise CommandError(f"{error} Nothing was changed.") from None
        rows = sum(m["count"] for m in manifest["models"])
        files = sum(1 for e in manifest["entries"] if e.startswith("files/"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows:,} rows and {files:,} private files from {path} "
                f"(made {manifest['created_at']}, version {manifest['app']['version']}, "
                f"commit {manifest['app']['commit'][:12]})."
            )
        )

    def _progress(self, message: str) -> None:
        self.stderr.write(message)
