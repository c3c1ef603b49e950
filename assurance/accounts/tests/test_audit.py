"""The administrators' audit trail: what is recorded, filtering, paging, export."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from assurance.accounts.models import AuditEvent, AuditKind, Role
from assurance.accounts.tests.factories import PASSWORD, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return user_with_role(Role.ADMINISTRATOR)


def _kinds():
    return list(AuditEvent.objects.values_list("kind", flat=True))


def test_sign_ins_failures_and_lockouts_are_recorded():
    UserFactory(email="amrit@council.example")
    client = Client()
    client.post("/accounts/login/", {"username": "amrit@council.example", "password": PASSWORD})
    for _ in range(5):
        Client().post("/accounts/login/", {"username": "amrit@council.example", "password": "x"})
    kinds = _kinds()
    assert AuditKind.SIGN_IN in kinds
    assert kinds.count(AuditKind.SIGN_IN_FAILED) >= 5
    assert AuditKind.LOCKED_OUT in kinds
    failed = AuditEvent.objects.filter(kind=AuditKind.SIGN_IN_FAILED).first()
    assert failed.email == "amrit@council.example" and failed.address


def test_sensitive_downloads_are_recorded_and_official_ones_are_not(client, lead, council):
    from assurance.recommendations.tests.factories import SourceFactory

    sensitive = SourceFactory(organisation=council, marking="OFFICIAL-SENSITIVE")
    official = SourceFactory(organisation=council, marking="OFFICIAL")
    client.force_login(lead)
    for source in (sensitive, official):
        client.get(reverse("recommendations:document", args=[source.pk, "matrix", "pdf"]))
    downloads = AuditEvent.objects.filter(kind=AuditKind.SENSITIVE_DOWNLOAD)
    assert downloads.count() == 1 and downloads.get().organisation == council


def test_only_administrators_see_it_filtered_paged_and_exported(client, admin_user, lead):
    for n in range(60):
        AuditEvent.objects.create(
            kind=AuditKind.SIGN_IN_FAILED, email=f"p{n}@x.example", summary="=1+1"
        )
    AuditEvent.objects.create(kind=AuditKind.REOPENED, summary="Reopened issued assessment")
    client.force_login(lead)
    assert client.get(reverse("accounts:audit")).status_code == 403
    client.force_login(admin_user)
    page = client.get(reverse("accounts:audit")).content.decode()
    assert "Page 1 of 2" in page
    filtered = client.get(reverse("accounts:audit"), {"kind": "reopened"}).content.decode()
    assert "Reopened issued assessment" in filtered and "p1@x.example" not in filtered
    export = client.get(reverse("accounts:audit_export"), {"kind": "sign_in_failed"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][0] == "When" and len(rows) == 1 + 60
    assert all(row[-1] == "'=1+1" for row in rows[1:])  # an export holds no live formula
