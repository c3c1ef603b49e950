"""One-file backup and restore of a whole installation (``manage.py backup`` and
``manage.py restore``).

The archive is a ZIP (ZIP64, so no size limit) holding:

- ``database/NNN-app.model.jsonl``: every row of every model, one JSON object
  a line in Django's serialisation format, in load order. JSON lines are
  written and read one row at a time, so memory stays flat however big the
  nation's data grows, and they load into SQLite and PostgreSQL alike.
- ``files/...``: every file in the private storage (evidence, issued letters
  and reports, cached source documents), byte for byte.
- ``manifest.json`` (written last, read first): the SHA-256 and size of every
  other entry, the row count per model, the app version and commit, the
  migrations applied, and the content types and permissions by natural key.

Content types and permissions are made by ``migrate``, with ids that differ
between installations: they are not restored but mapped, through their
natural keys in the manifest, onto the ids of the installation restored
into. Sessions (and the signed-in devices that mirror them) are not kept:
after a restore everyone signs in again.

Restore checks everything before it touches anything (every entry listed,
nothing unlisted, every SHA-256 and size), refuses a database or private
storage that already holds data unless forced, loads every row inside one
transaction, checks every foreign key, compares the row counts with the
manifest, resets PostgreSQL's sequences, and only then writes the files;
anything that fails rolls the database back and removes the files written.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import json
import os
import posixpath
import shutil
import subprocess
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, reset_queries, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .planner import refresh_planner_statistics

FORMAT = "prevent-duty-assurance-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_DIR = "database/"
FILES_DIR = "files/"
CHUNK = 1024 * 1024
BATCH = 2000

# Made by migrate (mapped by natural key, never restored), or tied to the
# running server's sessions (everyone signs in again after a restore).
NOT_BACKED_UP = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "accounts.signedinsession",
}
# Emptied by a forced restore although never restored: an old session must
# not outlive the data it was signed in to.
CLEARED_ON_FORCE = ("sessions.session", "accounts.signedinsession")

Progress = Callable[[str], None]


class BackupError(Exception):
    """A plain-English reason why a backup or restore cannot go ahead."""


def _quiet(message: str) -> None:
    pass


# --- What is backed up ---------------------------------------------------------


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete, managed model in load order (Django's natural-key order,
    otherwise the order of INSTALLED_APPS). Foreign keys are deferred to the
    end of the restoring transaction on both databases, so order matters only
    for readability and natural keys."""
    app_list = []
    for config in apps.get_app_configs():
        chosen = [
            m
            for m in config.get_models()
            if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in NOT_BACKED_UP
        ]
        if chosen:
            app_list.append((config, chosen))
    return serializers.sort_dependencies(app_list, allow_cycles=True)


def _through_models(model: type[models.Model]) -> list[type[models.Model]]:
    return [
        f.remote_field.through
        for f in model._meta.local_many_to_many
        if f.remote_field.through._meta.auto_created
    ]


def _content_type_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is ContentType
    ]


def _permission_m2m_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.local_many_to_many if f.related_model is Permission]


def _applied_migrations(using: str) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def app_version() -> dict[str, str]:
    """The version in pyproject.toml and the git commit, when there is one."""
    base = Path(settings.BASE_DIR)
    version = "unknown"
    try:
        import tomllib

        with open(base / "pyproject.toml", "rb") as f:
            version = tomllib.load(f)["project"]["version"]
    except (OSError, KeyError, ValueError):
        pass
    # A deployment without .git can say its commit in APP_COMMIT.
    commit = os.environ.get("APP_COMMIT", "unknown")
    git = shutil.which("git")
    if git and (base / ".git").exists():
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            commit = subprocess.run(  # noqa: S603 (fixed arguments)
                [git, "rev-parse", "HEAD"],
                cwd=base,
                capture_output=True,
                text=True,
                timeout=10,
                check=True,
            ).stdout.strip()
    return {"version": version, "commit": commit}


# --- Streams that hash what passes through them --------------------------------


class _HashingWriter(io.RawIOBase):
    """Writes through to a ZIP entry, counting and hashing every byte."""

    def __init__(self, target: IO[bytes]):
        self.target = target
        self.sha256 = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        data = bytes(data)
        self.sha256.update(data)
        self.size += len(data)
        self.target.write(data)
        return len(data)


class _HashingReader:
    """Reads from a ZIP entry, hashing every byte (no seek: Django's File then
    reads it once, front to back)."""

    def __init__(self, source: IO[bytes]):
        self.source = source
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder, but keeping microseconds: its default cuts times to
    milliseconds, and a restored record must be the record backed up."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def _counted(iterable: Iterable, counter: list[int], progress: Progress, label: str) -> Iterator:
    for item in iterable:
        counter[0] += 1
        if counter[0] % 50_000 == 0:
            progress(f"  {label}: {counter[0]:,} rows")
        yield item


# --- Backup -------------------------------------------------------------------


def _storage_files(storage: Storage, directory: str = "") -> Iterator[str]:
    """Every file name in a storage, walking its directories."""
    try:
        dirs, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(directory, name) if directory else name
    for name in sorted(dirs):
        yield from _storage_files(storage, posixpath.join(directory, name) if directory else name)


def create_backup(
    destination: str | Path | IO[bytes],
    *,
    using: str = DEFAULT_DB_ALIAS,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Write the whole installation to one archive; return its manifest."""
    connection = connections[using]
    storage = storages["private"]
    entries: dict[str, dict[str, Any]] = {}
    counts: list[dict[str, Any]] = []

    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
        # One snapshot for every table: on PostgreSQL a repeatable-read
        # transaction; on SQLite the transaction itself.
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=using):
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            model_list = backed_up_models()
            progress(f"Database: {len(model_list)} tables")
            for number, model in enumerate(model_list, start=1):
                label = model._meta.label_lower
                entry = f"{DATABASE_DIR}{number:03d}-{label}.jsonl"
                counter = [0]
                rows = model._base_manager.using(using).order_by("pk").iterator(chunk_size=BATCH)
                with zf.open(entry, "w", force_zip64=True) as raw:
                    hashing = _HashingWriter(raw)
                    text = io.TextIOWrapper(hashing, encoding="utf-8", newline="\n")
                    serializers.serialize(
                        "jsonl",
                        _counted(rows, counter, progress, label),
                        stream=text,
                        use_natural_foreign_keys=False,
                        use_natural_primary_keys=False,
                        cls=_ExactEncoder,
                    )
                    text.flush()
                    text.detach()
                entries[entry] = {"sha256": hashing.sha256.hexdigest(), "size": hashing.size}
                counts.append({"model": label, "entry": entry, "count": counter[0]})
                progress(f"  [{number}/{len(model_list)}] {label}: {counter[0]:,} rows")
            content_types = [
                [ct.pk, ct.app_label, ct.model]
                for ct in ContentType.objects.using(using).order_by("pk")
            ]
            permissions = [
                [p.pk, p.codename, p.content_type.app_label, p.content_type.model]
                for p in Permission.objects.using(using)
                .select_related("content_type")
                .order_by("pk")
            ]
            migrations = _applied_migrations(using)

        names = list(_storage_files(storage))
        progress(f"Private files: {len(names):,}")
        for number, name in enumerate(names, start=1):
            entry = FILES_DIR + name
            with storage.open(name, "rb") as source, zf.open(entry, "w", force_zip64=True) as raw:
                hashing = _HashingWriter(raw)
                while chunk := source.read(CHUNK):
                    hashing.write(chunk)
            entries[entry] = {"sha256": hashing.sha256.hexdigest(), "size": hashing.size}
            if number % 500 == 0 or number == len(names):
                progress(f"  {number:,}/{len(names):,} files")

        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "app": app_version(),
            "database_vendor": connection.vendor,
            "migrations": migrations,
            "models": counts,
            "content_types": content_types,
            "permissions": permissions,
            "entries": entries,
        }
        zf.writestr(MANIFEST, json.dumps(manifest, indent=1))
    progress("Backup complete.")
    return manifest


# --- Restore ------------------------------------------------------------------


@dataclass
class _Checked:
    manifest: dict[str, Any]
    files: list[tuple[str, str]]  # (entry, storage name)


def _safe_storage_name(entry: str) -> str:
    name = entry[len(FILES_DIR) :]
    parts = name.split("/")
    if not name or name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts):
        raise BackupError(
            f"The archive holds a file with an unsafe name ({entry!r}): not restored."
        )
    return name


def verify_archive(zf: zipfile.ZipFile, progress: Progress = _quiet) -> _Checked:
    """Check the manifest and every entry's SHA-256 and size; raise BackupError
    on anything missing, unlisted, altered or damaged."""
    try:
        manifest = json.loads(zf.read(MANIFEST))
    except KeyError:
        raise BackupError("This is not a backup archive: it has no manifest.json.") from None
    except (ValueError, zipfile.BadZipFile, OSError) as error:
        raise BackupError(f"The archive's manifest is damaged ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This is not a backup archive of this service.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"The archive is in backup format {manifest.get('format_version')!r}; "
            f"this version restores format {FORMAT_VERSION} only."
        )
    listed: dict[str, dict] = manifest.get("entries") or {}
    present = [info.filename for info in zf.infolist() if info.filename != MANIFEST]
    unlisted = sorted(set(present) - set(listed))
    missing = sorted(set(listed) - set(present))
    if unlisted:
        raise BackupError(f"The archive holds entries its manifest does not list: {unlisted[:5]}.")
    if missing:
        raise BackupError(f"The archive lacks entries its manifest lists: {missing[:5]}.")
    if len(present) != len(set(present)):
        raise BackupError("The archive holds the same entry twice.")
    model_entries = {m["entry"] for m in manifest.get("models", [])}
    if not model_entries <= set(listed):
        raise BackupError("The manifest names database tables the archive does not hold.")

    files = []
    progress(f"Checking {len(present):,} entries against the manifest")
    for number, entry in enumerate(present, start=1):
        if entry.startswith(FILES_DIR):
            files.append((entry, _safe_storage_name(entry)))
        elif entry not in model_entries:
            raise BackupError(f"The archive holds an unexpected entry ({entry!r}).")
        digest, size = hashlib.sha256(), 0
        try:
            with zf.open(entry) as source:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
            raise BackupError(
                f"The archive is damaged: {entry} cannot be read ({error})."
            ) from None
        if digest.hexdigest() != listed[entry].get("sha256") or size != listed[entry].get("size"):
            raise BackupError(
                f"The archive has been altered or damaged: {entry} does not match its "
                "SHA-256 in the manifest."
            )
        if number % 500 == 0 or number == len(present):
            progress(f"  {number:,}/{len(present):,} checked")
    return _Checked(manifest=manifest, files=files)


def _existing_data(using: str, storage: Storage) -> list[str]:
    found = [
        model._meta.label_lower
        for model in backed_up_models()
        if model._base_manager.using(using).exists()
    ]
    if next(_storage_files(storage), None) is not None:
        found.append(
            f"files in the private storage ({getattr(storage, 'base_location', 'private')})"
        )
    return found


def _id_maps(manifest: dict, using: str) -> tuple[dict[int, int], dict[int, int]]:
    """Archive id → this installation's id, for content types and permissions."""
    here_ct = {(ct.app_label, ct.model): ct.pk for ct in ContentType.objects.using(using)}
    content_types = {}
    for pk, app_label, model in manifest.get("content_types", []):
        if (app_label, model) not in here_ct:
            # A model the archive knew that this version does not: only rows
            # pointing at it would need it, and those fail the count check.
            continue
        content_types[pk] = here_ct[(app_label, model)]
    here_perm = {
        (p.codename, p.content_type.app_label, p.content_type.model): p.pk
        for p in Permission.objects.using(using).select_related("content_type")
    }
    permissions = {
        pk: here_perm[(codename, app_label, model)]
        for pk, codename, app_label, model in manifest.get("permissions", [])
        if (codename, app_label, model) in here_perm
    }
    return content_types, permissions


def _rows(
    source: IO[bytes],
    model: type[models.Model],
    content_types: dict[int, int],
    permissions: dict[int, int],
) -> Iterator[dict]:
    ct_fields = _content_type_fields(model)
    perm_fields = _permission_m2m_fields(model)
    for line in io.TextIOWrapper(source, encoding="utf-8"):
        if not line.strip():
            continue
        row = json.loads(line)
        fields = row.get("fields", {})
        for name in ct_fields:
            if fields.get(name) is not None:
                fields[name] = content_types.get(fields[name], fields[name])
        for name in perm_fields:
            fields[name] = [permissions[p] for p in fields.get(name, []) if p in permissions]
        yield row


def _load_model(
    zf: zipfile.ZipFile,
    entry: str,
    model: type[models.Model],
    maps: tuple[dict[int, int], dict[int, int]],
    using: str,
    progress: Progress,
) -> int:
    """Insert one table's rows in batches; many-to-many rows after each batch."""
    loaded = 0
    batch: list = []
    m2m_fields = {f.name: f for f in model._meta.local_many_to_many}

    def flush() -> None:
        _insert_raw(model, [d.object for d in batch], using)
        for name, field in m2m_fields.items():
            through = field.remote_field.through
            source_attr = field.m2m_field_name() + "_id"
            target_attr = field.m2m_reverse_field_name() + "_id"
            links = [
                through(**{source_attr: d.object.pk, target_attr: target})
                for d in batch
                for target in (d.m2m_data or {}).get(name, [])
            ]
            _insert_raw(through, links, using)
        batch.clear()
        # With DEBUG on, Django keeps the last 9,000 statements: big inserts.
        reset_queries()

    with zf.open(entry) as source:
        for deserialized in serializers.deserialize(
            "python", _rows(source, model, *maps), using=using
        ):
            if type(deserialized.object) is not model:
                raise BackupError(f"{entry} holds rows of another table.")
            batch.append(deserialized)
            loaded += 1
            if len(batch) >= BATCH:
                flush()
                if loaded % 50_000 < BATCH:
                    progress(f"  {model._meta.label_lower}: {loaded:,} rows")
        if batch:
            flush()
    return loaded


def _insert_raw(model: type[models.Model], objects: list, using: str) -> None:
    """Insert rows exactly as stored, as ``save(raw=True)`` does, but many at a
    time: unlike bulk_create, a raw insert leaves auto-now dates as they were
    and sends no signals (so no history row is added for a restored row)."""
    if not objects:
        return
    fields = model._meta.local_concrete_fields
    if objects[0].pk is None:
        # Many-to-many links: the database numbers them (their ids mean nothing).
        fields = [f for f in fields if not f.primary_key]
    size = max(1, min(BATCH, connections[using].ops.bulk_batch_size(fields, objects)))
    manager = model._base_manager.using(using)
    for start in range(0, len(objects), size):
        manager._insert(objects[start : start + size], fields=fields, using=using, raw=True)


def restore_backup(
    archive: str | Path | IO[bytes],
    *,
    force: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Rebuild this installation from an archive; return its manifest."""
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise BackupError(f"This file is not a readable backup archive ({error}).") from None
    with zf:
        checked = verify_archive(zf, progress)
        manifest = checked.manifest
        progress("Every entry matches its SHA-256 in the manifest.")

        here_migrations = {tuple(m) for m in _applied_migrations(using)}
        unknown = sorted(
            {tuple(m) for m in manifest.get("migrations", [])} - here_migrations,
        )
        if unknown:
            raise BackupError(
                "The archive was made by a newer version of the service (migrations not "
                f"applied here: {', '.join('.'.join(m) for m in unknown[:5])}). "
                "Update this installation and run `manage.py migrate` first."
            )

        by_label = {m._meta.label_lower: m for m in backed_up_models()}
        plan = []
        for item in manifest.get("models", []):
            model = by_label.get(item["model"])
            if model is None:
                if item["count"]:
                    raise BackupError(
                        f"The archive holds rows of {item['model']}, a table this version "
                        "does not have."
                    )
                continue
            plan.append((model, item))

        storage = storages["private"]
        existing = _existing_data(using, storage)
        if existing and not force:
            raise BackupError(
                "Restore rebuilds a fresh installation, but this one already holds data ("
                + ", ".join(existing[:6])
                + (", …" if len(existing) > 6 else "")
                + "). Restore into an empty, migrated database, or add --force to replace "
                "everything in it (database rows and same-named private files)."
            )

        ContentType.objects.clear_cache()
        connection = connections[using]
        written: list[str] = []
        try:
            with transaction.atomic(using=using):
                if force:
                    _empty_tables(using, progress)
                maps = _id_maps(manifest, using)
                tables: list[str] = []
                sequenced: list[type[models.Model]] = []
                for number, (model, item) in enumerate(plan, start=1):
                    loaded = _load_model(zf, item["entry"], model, maps, using, progress)
                    progress(f"  [{number}/{len(plan)}] {item['model']}: {loaded:,} rows")
                    tables.append(model._meta.db_table)
                    sequenced.append(model)
                    for through in _through_models(model):
                        tables.append(through._meta.db_table)
                        sequenced.append(through)
                progress("Checking every reference between records")
                connection.check_constraints(table_names=tables)
                _check_counts(plan, using)
                statements = connection.ops.sequence_reset_sql(no_style(), sequenced)
                if statements:
                    progress("Resetting the database's id sequences")
                    with connection.cursor() as cursor:
                        for statement in statements:
                            cursor.execute(statement)
                progress(f"Private files: {len(checked.files):,}")
                for number, (entry, name) in enumerate(checked.files, start=1):
                    _restore_file(zf, entry, name, manifest["entries"][entry], storage, force)
                    written.append(name)
                    if number % 500 == 0 or number == len(checked.files):
                        progress(f"  {number:,}/{len(checked.files):,} files")
        except Exception:
            for name in written:
                storage.delete(name)
            raise
    progress("Refreshing the database's statistics for its query planner")
    refresh_planner_statistics(using)
    progress("Restore complete.")
    return manifest


def _empty_tables(using: str, progress: Progress) -> None:
    """Delete every row of every backed-up table (and the sessions), inside the
    restoring transaction: foreign keys are checked only at its end."""
    progress("Emptying the database (--force)")
    doomed: list[type[models.Model]] = []
    for model in backed_up_models():
        doomed.extend(_through_models(model))
        doomed.append(model)
    doomed.extend(apps.get_model(label) for label in CLEARED_ON_FORCE)
    connection = connections[using]
    with connection.cursor() as cursor:
        for model in doomed:
            # Table names come from the models, never from the archive.
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608


def _check_counts(plan: list, using: str) -> None:
    wrong = [
        f"{item['model']} ({count:,} rows, the manifest says {item['count']:,})"
        for model, item in plan
        if (count := model._base_manager.using(using).count()) != item["count"]
    ]
    if wrong:
        raise BackupError("Restored row counts do not match the archive: " + "; ".join(wrong[:5]))


def _restore_file(
    zf: zipfile.ZipFile, entry: str, name: str, expected: dict, storage: Storage, force: bool
) -> None:
    if storage.exists(name):
        if not force:
            raise BackupError(f"The private storage already holds {name}.")
        storage.delete(name)
    with zf.open(entry) as source:
        reader = _HashingReader(source)
        saved = storage.save(name, File(reader, name=posixpath.basename(name)))
    if saved != name:
        storage.delete(saved)
        raise BackupError(f"The private storage would not keep the name {name}.")
    if reader.sha256.hexdigest() != expected["sha256"]:
        storage.delete(saved)
        raise BackupError(f"{entry} changed while it was restored.")
