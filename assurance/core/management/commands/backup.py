"""Write the whole installation (database and private files) to one archive.
See assurance/core/backup.py and docs/operations.md."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assurance.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and private files to one archive with a SHA-256 manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "output",
            nargs="?",
            help="Archive to write (default: var/backups/pda-backup-<UTC time>.zip). "
            "An existing file is never overwritten.",
        )

    def handle(self, *args, output=None, **options):
        if output:
            path = Path(output)
        else:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            path = Path(settings.VAR_DIR) / "backups" / f"pda-backup-{stamp}.zip"
        if path.exists():
            raise CommandError(f"{path} already exists: choose another name.")
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside its final name and renamed when complete, so a
        # half-written archive never passes for a backup.
        partial = path.with_name(path.name + ".partial")
        try:
            manifest = create_backup(partial, progress=self._progress)
            os.replace(partial, path)
        except BackupError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(str(error)) from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        rows = sum(m["count"] for m in manifest["models"])
        files = sum(1 for e in manifest["entries"] if e.startswith("files/"))
        size = path.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {rows:,} rows in {len(manifest['models'])} tables and "
                f"{files:,} private files to {path} ({size / 1e6:.1f} MB)."
            )
        )

    def _progress(self, message: str) -> None:
        self.stderr.write(message)
