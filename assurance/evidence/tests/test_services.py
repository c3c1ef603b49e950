"""Evidence services with an organisation as the holder: the component does
not care what holds it."""

import hashlib
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.evidence import services
from assurance.evidence.models import EvidenceItem
from assurance.organisations.tests.factories import OrganisationFactory

from . import samples


@pytest.fixture
def council(db):
    return OrganisationFactory()


@pytest.fixture(autouse=True)
def organisations_hold_evidence():
    """The services ask the holder's registered getter; here the holder is an organisation."""
    from assurance.accounts.permissions import Action
    from assurance.evidence import registry
    from assurance.organisations.models import Organisation
    from assurance.organisations.selectors import get_organisation_for

    registry.register_evidence_holder(
        Organisation, get_organisation_for, change_purpose=Action.EDIT_SELF_ASSESSMENT
    )
    yield
    registry._HOLDERS.pop("organisations.organisation")
    registry._CHANGE.pop("organisations.organisation")


def test_an_unregistered_holder_takes_no_evidence(lead, council):
    from assurance.accounts.tests.factories import user_with_role as make

    with pytest.raises(PermissionDenied):
        services.evidence_link_add(
            actor=make(Role.COUNCIL_LEAD, council),
            holder=make(Role.COUNCIL_LEAD, council),  # a user: no app registered it
            title="Plan",
            evidence_date=date(2022, 1, 1),
            marking="OFFICIAL",
            url="https://example.org/plan",
        )


@pytest.fixture
def lead(council):
    return user_with_role(Role.COUNCIL_LEAD, council)


def _stored_files() -> set[Path]:
    root = Path(settings.STORAGES["private"]["OPTIONS"]["location"]) / "evidence"
    return set(root.glob("*")) if root.exists() else set()


def _add(actor, council, name, data, **kw):
    return services.evidence_file_add(
        actor=actor,
        holder=council,
        organisation=council,
        title=kw.get("title", "Attendance figures"),
        evidence_date=kw.get("evidence_date", date(2022, 3, 1)),
        marking=kw.get("marking", "OFFICIAL"),
        upload=SimpleUploadedFile(name, data),
    )


def test_a_file_is_stored_under_a_generated_name_with_its_hash(lead, council):
    data = samples.docx()
    item = _add(lead, council, "Delivery plan.docx", data, marking="OFFICIAL-SENSITIVE")
    assert item.original_filename == "Delivery plan.docx"
    assert "Partnership" not in item.file.name and item.file.name.startswith("evidence/")
    assert item.sha256 == hashlib.sha256(data).hexdigest()
    assert item.size == len(data)
    assert item.content_type.endswith("wordprocessingml.document")
    assert item.marking == "OFFICIAL-SENSITIVE"
    with item.file.open("rb") as handle:
        assert handle.read() == data
    assert item.holder == council


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.pdf", samples.HTML, "must be a PDF, DOCX"),
        ("empty.pdf", b"", "empty"),
        ("plan\x1b[0m.pdf", samples.PDF, "control characters"),
        ("tool.exe", samples.EXE, "must be a PDF"),
    ],
)
def test_refused_uploads_store_nothing(lead, council, name, data, message):
    before = _stored_files()
    with pytest.raises(ValidationError) as refused:
        _add(lead, council, name, data)
    assert message in str(refused.value)
    assert not EvidenceItem.objects.exists()
    assert _stored_files() == before


def test_too_large_is_refused_before_reading(lead, council):
    upload = SimpleUploadedFile("big.pdf", b"%PDF-")
    upload.size = 21 * 1024 * 1024
    with pytest.raises(ValidationError, match="smaller than 20 MB"):
        services.evidence_file_add(
            actor=lead,
            holder=council,
            title="Big",
            evidence_date=date(2022, 1, 1),
            marking="OFFICIAL",
            upload=upload,
        )


def test_details_are_required(lead, council):
    with pytest.raises(ValidationError) as refused:
        _add(
            lead,
            council,
            "a.pdf",
            samples.PDF,
            title=" ",
            evidence_date=None,
            marking="SECRET",
        )
    assert set(refused.value.message_dict) == {"title", "evidence_date", "marking"}


def test_another_councils_user_cannot_add_or_remove(council, lead):
    outsider = user_with_role(Role.COUNCIL_LEAD, OrganisationFactory())
    with pytest.raises(PermissionDenied):
        _add(outsider, council, "a.pdf", samples.PDF)
    item = _add(lead, council, "a.pdf", samples.PDF)
    with pytest.raises(PermissionDenied):
        services.evidence_remove(actor=outsider, item=item)


def test_viewers_cannot_add_evidence(council):
    viewer = user_with_role(Role.COUNCIL_VIEWER, council)
    with pytest.raises(PermissionDenied):
        _add(viewer, council, "a.pdf", samples.PDF)


def test_links_need_a_web_address(lead, council):
    kwargs = {
        "actor": lead,
        "holder": council,
        "title": "Plan",
        "evidence_date": date(2022, 1, 1),
        "marking": "OFFICIAL",
    }
    with pytest.raises(ValidationError, match="https://"):
        services.evidence_link_add(url="javascript:alert(1)", **kwargs)
    item = services.evidence_link_add(url="https://example.org/plan", **kwargs)
    assert item.kind == "link" and not item.file


def test_removing_deletes_the_stored_file_and_keeps_history(
    lead, council, django_capture_on_commit_callbacks
):
    item = _add(lead, council, "a.pdf", samples.PDF)
    path = Path(item.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_remove(actor=lead, item=item)
    assert not path.exists()
    assert EvidenceItem.history.filter(history_type="-", title=item.title).exists()
