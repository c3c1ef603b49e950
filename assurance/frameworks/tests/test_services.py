import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.frameworks.models import FrameworkVersion
from assurance.frameworks.services import framework_file_load
from assurance.organisations.tests.factories import OrganisationFactory

from .factories import framework_doc, to_yaml

pytestmark = pytest.mark.django_db


def upload(doc, name="upload.yaml"):
    return SimpleUploadedFile(name, to_yaml(doc) if isinstance(doc, dict) else doc)


def test_an_administrator_loads_a_file_and_is_recorded_in_history():
    admin = user_with_role(Role.ADMINISTRATOR)
    result = framework_file_load(actor=admin, uploaded_file=upload(framework_doc()))
    assert [f.status for f in result.files] == ["created"]
    version = FrameworkVersion.objects.get()
    assert version.history.first().history_user == admin


@pytest.mark.parametrize(
    "role", [Role.COUNCIL_LEAD, Role.ASSESSOR, Role.NATIONAL_ANALYST, Role.PEER_REVIEWER]
)
def test_only_administrators_may_load(role):
    council = OrganisationFactory()
    user = user_with_role(role, council) if role != Role.NATIONAL_ANALYST else user_with_role(role)
    with pytest.raises(PermissionDenied):
        framework_file_load(actor=user, uploaded_file=upload(framework_doc()))
    assert not FrameworkVersion.objects.exists()


def test_leads_of_two_councils_are_both_refused():
    for name in ("First Council", "Second Council"):
        lead = user_with_role(Role.COUNCIL_LEAD, OrganisationFactory(name=name))
        with pytest.raises(PermissionDenied):
            framework_file_load(actor=lead, uploaded_file=upload(framework_doc()))


def test_every_problem_is_reported_and_nothing_saved():
    doc = framework_doc()
    del doc["criteria"][0]["descriptors"]["2"]
    doc["criteria"][1]["number"] = 1
    with pytest.raises(ValidationError) as raised:
        framework_file_load(
            actor=user_with_role(Role.ADMINISTRATOR), uploaded_file=upload(doc, "mine.yaml")
        )
    assert raised.value.messages == [
        "mine.yaml, criteria[1].number: number 1 is already used by criteria[0]",
        "mine.yaml, criteria[0].descriptors: "
        "criterion 1 (criterion-1) has no descriptor for level 2",
    ]
    assert not FrameworkVersion.objects.exists()


def test_a_huge_file_is_refused_before_reading():
    big = SimpleUploadedFile("big.yaml", b"#" * 1_000_001)
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        framework_file_load(actor=user_with_role(Role.ADMINISTRATOR), uploaded_file=big)
