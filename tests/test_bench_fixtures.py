"""The national bench's own records: the file of evidence it downloads is
there whenever it measures, and the bench writes it nowhere but under var/."""

from types import SimpleNamespace

import pytest
from django.core.files.storage import FileSystemStorage

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.evidence.models import EvidenceItem
from assurance.organisations.tests.factories import OrganisationFactory
from benchmarks.national import fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    council = OrganisationFactory(name="Benchshire Council")
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    EvidenceItem.objects.create(
        holder=council,
        organisation=council,
        title="Terms of reference",
        evidence_date="2026-01-01",
        kind="link",
        url="https://example.org/terms",
        uploaded_by=lead,
    )
    return SimpleNamespace(own=council)


def test_the_file_is_put_back_when_the_storage_lost_it(world):
    item = fixtures.evidence_file(world)
    item.file.storage.delete(item.file.name)  # the storage emptied between runs

    again = fixtures.evidence_file(world)

    assert again.pk == item.pk
    with again.file.open("rb") as stored:
        assert len(stored.read()) == again.size


def test_nothing_is_written_outside_var(world, tmp_path, monkeypatch):
    field = EvidenceItem._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path))
    with pytest.raises(RuntimeError, match="only under"):
        fixtures.evidence_file(world)
    assert not any(tmp_path.iterdir())
