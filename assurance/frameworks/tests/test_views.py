import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.frameworks.models import FrameworkVersion
from assurance.organisations.tests.factories import OrganisationFactory

from .factories import framework_doc, to_yaml

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(client):
    user = user_with_role(Role.COUNCIL_VIEWER, OrganisationFactory())
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    return client


def test_library_lists_frameworks_versions_and_status(
    viewer, shipped_frameworks, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        page = viewer.get(reverse("frameworks:library")).content.decode()
    assert "Prevent duty toolkit benchmarks (2023)" in page
    assert "Superseded" in page and "In force" in page
    assert "2021/22 scoring criteria to the 2023 Prevent duty toolkit" in page
    assert "Upload a framework file" not in page  # only administrators may upload
    assert 'href="/frameworks/"' in page and ">Frameworks</a>" in page  # the nav link


def test_rubric_shows_descriptors_side_by_side(
    viewer, shipped_frameworks, django_assert_max_num_queries
):
    url = reverse("frameworks:version", args=["home-office-la-scoring-criteria", "2021-22"])
    with django_assert_max_num_queries(16):
        response = viewer.get(url)
    page = response.content.decode()
    assert "Prevent local authority performance scoring criteria 2021/22" in page
    assert page.count('class="govuk-table__caption govuk-table__caption--s"') == 10
    assert "Exceeded" in page and "Not met" in page
    assert "Little or nothing is in place." in page


def test_toolkit_rubric_flags_channel_and_the_assumed_scale(viewer, shipped_frameworks):
    page = viewer.get(
        reverse("frameworks:version", args=["home-office-prevent-duty-toolkit", "2023"])
    ).content.decode()
    assert page.count('govuk-tag--purple">Assured separately') == 1
    assert "Assumed scale" in page


def test_unscored_rubric_groups_aspects_by_delivery_area(viewer, shipped_frameworks):
    page = viewer.get(
        reverse("frameworks:version", args=["scottish-prevent-peer-review", "2019"])
    ).content.decode()
    assert "Unscored" in page and "Information sharing" in page
    assert "govuk-table__caption--s" not in page  # no descriptor tables


def test_crosswalk_page(viewer, shipped_frameworks):
    page = viewer.get(
        reverse("frameworks:crosswalk", args=["la-scoring-2021-22-to-toolkit-2023"])
    ).content.decode()
    assert page.count("Merged") >= 4
    assert "Reducing permissive environments" in page


def test_unknown_version_is_404(viewer):
    assert viewer.get(reverse("frameworks:version", args=["nothing", "1"])).status_code == 404


def test_upload_loads_and_redirects_with_a_message(admin_client):
    file = SimpleUploadedFile("new.yaml", to_yaml(framework_doc()))
    response = admin_client.post(reverse("frameworks:upload"), {"file": file}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("frameworks:library")
    assert "test-framework 1: created." in response.content.decode()
    assert FrameworkVersion.objects.count() == 1


def test_upload_shows_every_problem_in_the_error_summary(admin_client):
    doc = framework_doc()
    doc["criteria"][0]["descriptors"].pop("5")
    doc["criteria"][1]["descriptors"]["9"] = "Too high."
    response = admin_client.post(
        reverse("frameworks:upload"), {"file": SimpleUploadedFile("bad.yaml", to_yaml(doc))}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Upload a framework file" in page
    summary = page.split('class="govuk-error-summary"')[1].split("</div>")[0]
    assert (
        "bad.yaml, criteria[0].descriptors: criterion 1 (criterion-1) has no descriptor for level 5"
        in summary
    )
    assert "bad.yaml, criteria[1].descriptors.9: there is no level 9 in the scale" in summary
    assert not FrameworkVersion.objects.exists()


def test_upload_without_a_file(admin_client):
    page = admin_client.post(reverse("frameworks:upload"), {}).content.decode()
    assert "Choose a framework or crosswalk file to upload" in page


def test_framework_version_history_page(client, shipped_frameworks):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    version = FrameworkVersion.objects.get(framework__slug="home-office-prevent-duty-toolkit")
    response = client.get(reverse("core:history", args=["frameworks.frameworkversion", version.pk]))
    assert response.status_code == 200
