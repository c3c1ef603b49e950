"""The pages a council uses: respond to a whole source, record progress,
close once nothing is outstanding, and the home page and navigation."""

import pytest
from django.urls import reverse

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role
from assurance.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


def _respond_data(source, **overrides):
    data = {}
    for item in source.recommendations.all():
        prefix = f"r{item.pk}"
        data |= {
            f"{prefix}-response": "accepted",
            f"{prefix}-reason": "",
            f"{prefix}-lead": "Head of Safety",
            f"{prefix}-lead_user": "",
            f"{prefix}-milestone": "31/03/2027",
        }
    data |= overrides
    return data


def test_respond_to_a_whole_source(client, lead, contributor, source):
    client.force_login(lead)
    url = reverse("recommendations:source_respond", args=[source.pk])
    page = client.get(url).content.decode()
    assert "Response to recommendation 3" in page
    third = source.recommendations.get(number=3)
    data = _respond_data(
        source,
        **{
            f"r{third.pk}-response": "partially_accepted",
            f"r{third.pk}-reason": "Only the training part is affordable",
            f"r{third.pk}-lead_user": str(contributor.pk),
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302
    third.refresh_from_db()
    assert (third.response, third.reason, third.lead_user) == (
        "partially_accepted",
        "Only the training part is affordable",
        contributor,
    )
    assert third.milestone.isoformat() == "2027-03-31"


def test_respond_shows_every_problem_and_saves_nothing(client, lead, source):
    client.force_login(lead)
    first, second, _ = source.recommendations.all()
    data = _respond_data(
        source,
        **{
            f"r{first.pk}-response": "rejected",
            f"r{second.pk}-milestone": "31/02/2027",
        },
    )
    response = client.post(reverse("recommendations:source_respond", args=[source.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert "Give a reason why recommendation 1 is rejected." in page
    assert "Enter a real date" in page
    assert set(source.recommendations.values_list("response", flat=True)) == {"pending"}


def test_progress_through_the_page_and_history_shown(client, contributor, source):
    client.force_login(contributor)
    item = source.recommendations.get(number=1)
    url = reverse("recommendations:progress_add", args=[item.pk])
    response = client.post(url, {"entry": "Workshop held with partners", "status": "in_progress"})
    assert response.status_code == 302
    page = client.get(reverse("recommendations:recommendation", args=[item.pk])).content.decode()
    assert "Workshop held with partners" in page
    assert "Status changed from Not started to In progress." in page


def test_progress_errors_are_shown(client, contributor, source):
    client.force_login(contributor)
    item = source.recommendations.get(number=1)
    page = client.post(
        reverse("recommendations:progress_add", args=[item.pk]),
        {"entry": "", "status": "in_progress", "completed_on": "01/01/2026"},
    ).content.decode()
    assert "Describe the progress made." in page
    assert "Only give a date completed when the status is Completed." in page


def test_viewer_sees_no_forms(client, viewer, source):
    client.force_login(viewer)
    page = client.get(reverse("recommendations:source", args=[source.pk])).content.decode()
    assert "Respond to all recommendations" not in page and "Close source" not in page
    item = source.recommendations.first()
    page = client.get(reverse("recommendations:recommendation", args=[item.pk])).content.decode()
    assert "Add progress" not in page


def test_close_refused_with_reasons_then_allowed(client, lead, source):
    client.force_login(lead)
    page = client.get(reverse("recommendations:source", args=[source.pk])).content.decode()
    assert "This source cannot be closed yet." in page
    assert "Recommendation 2 has no response yet and has not been started" in page
    close = reverse("recommendations:source_close", args=[source.pk])
    response = client.post(close, {"closing_statement": "Board agreed"})
    assert response.status_code == 200
    assert "<title>Error:" in response.content.decode()
    Recommendation.objects.filter(source=source).update(status="completed")
    assert client.post(close, {"closing_statement": "Board agreed"}).status_code == 302
    source.refresh_from_db()
    assert source.is_closed
    page = client.get(reverse("recommendations:source", args=[source.pk])).content.decode()
    assert "Board agreed" in page and "Reopen source" in page


def test_register_marks_overdue_in_words(client, lead, source):
    Recommendation.objects.filter(source=source, number=1).update(milestone="2020-01-01")
    client.force_login(lead)
    page = client.get(reverse("recommendations:register")).content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page
    page = client.get(reverse("recommendations:register"), {"overdue": "on"}).content.decode()
    assert "1 recommendation<" in page


def test_home_section_and_nav_for_council_roles(client, lead, source):
    Recommendation.objects.filter(source=source, number=1).update(milestone="2020-01-01")
    client.force_login(lead)
    page = client.get(reverse("core:home")).content.decode()
    assert "3 open recommendations" in page and "1 overdue" in page
    assert 'href="/recommendations/"' in page


def test_administrator_has_no_register(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    page = client.get(reverse("core:home")).content.decode()
    assert 'href="/recommendations/"' not in page


def test_source_create_page(client, lead, council):
    client.force_login(lead)
    url = reverse("recommendations:source_create")
    response = client.post(url, {"organisation": council.pk, "kind": "internal_audit", "title": ""})
    assert "Enter the title of the review." in response.content.decode()
    response = client.post(
        url,
        {
            "organisation": council.pk,
            "kind": "internal_audit",
            "title": "Audit 2026",
            "made_by": "Internal Audit",
            "made_on": "02/02/2026",
            "marking": "OFFICIAL",
        },
    )
    assert response.status_code == 302
    assert council.recommendation_sources.get().title == "Audit 2026"


def test_add_a_recommendation_page(client, lead, source):
    client.force_login(lead)
    url = reverse("recommendations:recommendation_add", args=[source.pk])
    page = client.post(url, {"number": 2, "text": "Clash"}).content.decode()
    assert "There is already a recommendation 2 in this source." in page
    assert client.post(url, {"number": 4, "text": "New"}).status_code == 302


def test_register_summary_counts_by_response_and_status(client, lead, source):
    Recommendation.objects.filter(source=source, number=1).update(
        response="accepted", status="completed"
    )
    client.force_login(lead)
    response = client.get(reverse("recommendations:register"))
    assert response.context["by_response"] == [
        ("Pending", 2),
        ("Accepted", 1),
        ("Partially accepted", 0),
        ("Rejected", 0),
    ]
    assert response.context["by_status"] == [
        ("Not started", 2),
        ("In progress", 0),
        ("Completed", 1),
        ("Superseded", 0),
    ]
    page = " ".join(response.content.decode().split())
    assert (
        '<th scope="row" class="govuk-table__header">Pending</th>'
        ' <td class="govuk-table__cell govuk-table__cell--numeric">2</td>'
    ).replace("> <", "><") in page.replace("> <", "><")
