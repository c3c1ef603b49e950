"""A council's own self-assessment is its working paper until it signs it
off: before then only the council's own people read it (its assessor and
national analysts get the same 404 as for a record that does not exist);
once signed off, its assessor and analysts may read it too."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from assurance.accounts.models import Role
from assurance.accounts.permissions import Action
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.assessments import selectors, services
from assurance.assessments.selectors import AssessmentFilters

from .factories import complete_self_assessment, open_own

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(council, lead):
    own = open_own(lead, council)
    response = own.responses.order_by("criterion__number").first()
    services.criterion_evidence_file_add(
        actor=lead,
        response=response,
        title="Partnership briefing note",
        evidence_date=date(2023, 9, 1),
        marking="OFFICIAL",
        upload=SimpleUploadedFile("summary.csv", b"risk,level\nvenue hire,medium\n"),
    )
    complete_self_assessment(own, lead, levels=[3, 2, 1])
    return own


@pytest.fixture
def readers(council):
    return {
        "assessor": assessor_for(region=council.region),
        "analyst": user_with_role(Role.NATIONAL_ANALYST),
    }


def _pages(own) -> dict[str, str]:
    response = own.responses.order_by("criterion__number").first()
    return {
        "detail": reverse("assessments:detail", args=[own.pk]),
        "task": reverse("assessments:task", args=[own.pk, response.criterion_id]),
        "export": reverse("assessments:own_export", args=[own.pk, "xlsx"]),
        "history": reverse("core:history", args=["assessments.assessment", own.pk]),
        "evidence": reverse("evidence:download", args=[response.evidence.get().pk]),
    }


def _answers(client, user, own) -> dict[str, int]:
    client.force_login(user)
    return {name: client.get(url).status_code for name, url in _pages(own).items()}


def test_a_draft_is_read_by_the_councils_own_people_only(client, own, lead, viewer, readers):
    assert set(_answers(client, lead, own).values()) == {200}
    assert set(_answers(client, viewer, own).values()) == {200}
    for who, user in readers.items():
        assert _answers(client, user, own) == dict.fromkeys(_pages(own), 404), who
        assert own not in selectors.assessment_list(user, AssessmentFilters())
        with pytest.raises(Http404):
            selectors.get_assessment_for(user, own.pk, purpose=Action.VIEW_RECORDS)


def test_once_signed_off_its_assessor_and_analysts_read_it(client, own, lead, readers):
    services.own_self_assessment_sign_off(actor=lead, assessment=own)
    for who, user in readers.items():
        assert set(_answers(client, user, own).values()) == {200}, who
        assert own in selectors.assessment_list(user, AssessmentFilters())


def test_an_assessor_of_another_region_never_reads_it(client, own, lead, other_council):
    services.own_self_assessment_sign_off(actor=lead, assessment=own)
    elsewhere = assessor_for(region=other_council.region)
    assert set(_answers(client, elsewhere, own).values()) == {404}
