"""manage.py backup and restore: the demo data survives a round trip through
one archive into an emptied installation, on SQLite and PostgreSQL alike, and
a damaged or altered archive is refused before anything changes."""

import hashlib
import io
import json
import os
import zipfile
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection, models

from assurance.assessments.models import IssuedLetter
from assurance.core.backup import backed_up_models
from assurance.evidence.models import EvidenceItem
from assurance.organisations.models import Organisation
from assurance.organisations.tests.factories import OrganisationFactory
from assurance.recommendations.models import Recommendation
from assurance.reviews.models import IssuedReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_root(tmp_path, monkeypatch):
    """The private storage (as the file fields hold it) moved to an empty
    folder, so the test sees only its own files and may empty them."""
    root = tmp_path / "private"
    root.mkdir()
    holders = {id(storages["private"]): storages["private"]}
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                holders[id(field.storage)] = field.storage
    for storage in holders.values():
        monkeypatch.setattr(storage, "base_location", str(root))
        monkeypatch.setattr(storage, "location", os.path.abspath(root))
    return root


def _counts() -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.count() for m in backed_up_models()}


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    yield
    # Emptying and restoring renumbers content types inside the test's rolled-back
    # transaction: Django's cache must not carry those ids into the next test.
    ContentType.objects.clear_cache()


def _files(root) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def _empty_everything(root) -> None:
    # The test's own transaction holds deferred foreign-key checks, which
    # PostgreSQL must run before it will truncate (a real flush commits first).
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for path in sorted(root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def test_demo_data_round_trips_through_one_archive(private_root, tmp_path, capsys):
    call_command("seed_demo")
    assert IssuedLetter.objects.exists() and IssuedReport.objects.exists()
    before_counts, before_files = _counts(), _files(private_root)
    letters = list(IssuedLetter.objects.values_list("pdf", "pdf_sha256", "docx", "docx_sha256"))
    assert before_files and all(
        before_counts[m] for m in ("accounts.user", "assessments.issuedletter")
    )
    archive = tmp_path / "backup.zip"
    capsys.readouterr()

    call_command("backup", str(archive))
    out = capsys.readouterr()
    assert "Backed up" in out.out and "files" in out.err  # progress goes to stderr

    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        for entry, expected in manifest["entries"].items():
            assert hashlib.sha256(zf.read(entry)).hexdigest() == expected["sha256"]
    assert {m["model"]: m["count"] for m in manifest["models"]} == before_counts
    assert manifest["app"]["version"] and manifest["created_at"]
    assert len(manifest["entries"]) == len(manifest["models"]) + len(before_files)

    _empty_everything(private_root)
    assert Organisation.objects.count() == 0 and not _files(private_root)

    call_command("restore", str(archive))
    assert "Restored" in capsys.readouterr().out

    assert _counts() == before_counts
    assert _files(private_root) == before_files
    storage = storages["private"]
    for pdf, pdf_sha, docx, docx_sha in letters:
        for name, sha in ((pdf, pdf_sha), (docx, docx_sha)):
            with storage.open(name, "rb") as f:
                assert hashlib.sha256(f.read()).hexdigest() == sha
    for letter in IssuedLetter.objects.all():
        assert hashlib.sha256(letter.pdf.read()).hexdigest() == letter.pdf_sha256
    # The id sequences moved past the restored rows: a new record gets a new id.
    newest = Organisation.objects.order_by("-pk").first().pk
    assert OrganisationFactory(name="A council made after the restore").pk > newest
    # The planner knows how many rows came back, so it can choose its indexes.
    assert _planner_row_count(Recommendation._meta.db_table) == Recommendation.objects.count()


def _planner_row_count(table: str) -> int | None:
    """How many rows the database's planner believes the table holds, from
    its last ANALYZE (None if never analysed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            (rows,) = cursor.fetchone()
            return None if rows < 0 else int(rows)
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone():
            return None
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        found = cursor.fetchone()
        return int(found[0].split()[0]) if found else None


@pytest.fixture
def small_archive(private_root, tmp_path, council, lead):
    EvidenceItem.objects.create(
        organisation=council,
        holder=council,
        uploaded_by=lead,
        title="Local threat picture summary",
        evidence_date=date(2025, 4, 1),
        kind="file",
        file=storages["private"].save("evidence/one", io.BytesIO(b"evidence bytes")),
        size=14,
        sha256=hashlib.sha256(b"evidence bytes").hexdigest(),
    )
    archive = tmp_path / "small.zip"
    call_command("backup", str(archive), stderr=io.StringIO(), stdout=io.StringIO())
    return archive


def _rewrite(archive, change) -> None:
    with zipfile.ZipFile(archive) as zf:
        entries = [(info.filename, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in change(entries):
            zf.writestr(name, data)


def _alter_file(entries):
    return [(n, d + b"!" if n.startswith("files/") else d) for n, d in entries]


def _alter_row(entries):
    return [
        (n, d.replace(b"Ourshire", b"Evilshire") if n.startswith("database/") else d)
        for n, d in entries
    ]


def _add_entry(entries):
    return [*entries, ("files/evidence/planted", b"not from the backup")]


def _drop_manifest(entries):
    return [(n, d) for n, d in entries if n != "manifest.json"]


@pytest.mark.parametrize(
    "change, message",
    [
        (_alter_file, "altered or damaged"),
        (_alter_row, "altered or damaged"),
        (_add_entry, "does not list"),
        (_drop_manifest, "no manifest"),
    ],
)
def test_an_altered_archive_is_refused_before_anything_changes(
    small_archive, private_root, change, message
):
    _rewrite(small_archive, change)
    _empty_everything(private_root)

    with pytest.raises(CommandError, match=message) as refused:
        call_command("restore", str(small_archive), stderr=io.StringIO())

    assert "Nothing was changed" in str(refused.value)
    assert Organisation.objects.count() == 0 and not _files(private_root)


def test_a_file_that_is_not_an_archive_is_refused(small_archive, private_root):
    small_archive.write_bytes(small_archive.read_bytes()[:200])
    _empty_everything(private_root)
    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(small_archive), stderr=io.StringIO())
    assert Organisation.objects.count() == 0


def test_restore_refuses_an_installation_that_holds_data_unless_forced(small_archive, council):
    OrganisationFactory(name="Made after the backup")
    with pytest.raises(CommandError, match="already holds data.*--force"):
        call_command("restore", str(small_archive), stderr=io.StringIO())
    assert Organisation.objects.filter(name="Made after the backup").exists()

    call_command(
        "restore", str(small_archive), "--force", stderr=io.StringIO(), stdout=io.StringIO()
    )
    assert list(Organisation.objects.values_list("name", flat=True)) == [council.name]
    assert storages["private"].open("evidence/one").read() == b"evidence bytes"


def test_backup_never_overwrites_an_archive(small_archive):
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(small_archive), stderr=io.StringIO())


def test_content_types_are_matched_by_natural_key_not_id(small_archive, private_root):
    """Another installation numbers its content types its own way."""
    _empty_everything(private_root)
    old = ContentType.objects.get_for_model(Organisation)
    old_pk = old.pk
    old.delete()
    ContentType.objects.clear_cache()
    renumbered = ContentType.objects.create(app_label="organisations", model="organisation")
    assert renumbered.pk != old_pk

    call_command("restore", str(small_archive), stderr=io.StringIO(), stdout=io.StringIO())

    item = EvidenceItem.objects.get()
    assert item.holder_type_id == renumbered.pk
    assert item.holder == Organisation.objects.get()
