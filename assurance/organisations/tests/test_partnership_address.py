"""A partnership has a postal address like a council's: edited by an
administrator where a council's is, kept in its history, and used on the
letters and peer review reports addressed to the partnership."""

import pytest
from django.test import Client

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.assessments import selectors as assessment_selectors
from assurance.assessments.tests.factories import open_assessment, scored_version
from assurance.core.tests.test_admin_concurrency import _form
from assurance.organisations.models import Partnership
from assurance.organisations.tests.factories import OrganisationFactory, PartnershipFactory
from assurance.reviews.report.context import build_report_context
from assurance.reviews.report.render import render_html
from assurance.reviews.tests.factories import peer_review_version
from assurance.reviews.tests.factories import set_up as review_set_up

pytestmark = pytest.mark.django_db
ADDRESS = "Joint Prevent Office\nCivic Centre\nEastwick EW1 2AB"


@pytest.fixture
def partnership(council):
    partnership = PartnershipFactory(name="Ourshire and Eastwick Prevent Partnership")
    partnership.members.set([council, OrganisationFactory(region=council.region)])
    return partnership


def test_an_administrator_sets_it_where_a_councils_is_and_history_keeps_it(partnership):
    client = Client()
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    url = f"/admin/organisations/partnership/{partnership.pk}/change/"
    form = _form(client, url)
    assert "postal_address" in form
    members = [m.pk for m in partnership.members.all()]
    response = client.post(url, {**form, "members": members, "postal_address": ADDRESS})
    assert response.status_code == 302, response.content.decode()[:2000]
    partnership = Partnership.objects.get(pk=partnership.pk)
    assert partnership.postal_address.replace("\r\n", "\n") == ADDRESS
    assert partnership.history.first().postal_address == partnership.postal_address
    assert partnership.history.count() >= 2


def test_a_partnerships_letter_is_addressed_to_it(partnership):
    partnership.postal_address = ADDRESS
    partnership.save()
    assessor = assessor_for(region=partnership.members.first().region)
    assessment = open_assessment(
        assessor=assessor, version=scored_version(criteria=2), partnership=partnership
    )
    initial = assessment_selectors.letter_initial(assessor, assessment)
    assert initial["addressee_address"] == ADDRESS
    assert assessment_selectors.letter_facts(assessment).holder_address == ADDRESS


def test_a_partnerships_peer_review_report_is_addressed_to_it(partnership, council):
    partnership.postal_address = ADDRESS
    partnership.save()
    manager = assessor_for(region=council.region)
    review = review_set_up(
        manager=manager,
        council=None,
        partnership=partnership,
        version=peer_review_version(),
    )
    context = build_report_context(review)
    assert context.host_address == ADDRESS
    html = render_html(context)
    assert "Joint Prevent Office<br>Civic Centre<br>Eastwick EW1 2AB" in html
