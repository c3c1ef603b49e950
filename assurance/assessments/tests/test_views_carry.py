"""The next cycle's pages: the choice on the opening pages, the markers on
the task list and task page, the what-changed panel, the stale flag, and
confirming."""

import re
from datetime import date

import pytest
from django.urls import reverse

from assurance.assessments.models import Assessment

from .factories import complete_self_assessment, open_own, rag_version
from .test_services_carry import _last_year

pytestmark = pytest.mark.django_db

MARKER = "Carried forward — confirm or update"


def _post_open(client, version, council, carry: str):
    return client.post(
        reverse("assessments:open"),
        {
            "target": f"organisation:{council.pk}",
            "framework_version": version.pk,
            "period": "2025/26",
            "due_date": "30/6/2025",
            "marking": "OFFICIAL",
            "carry_forward": carry,
        },
    )


def test_the_opening_page_offers_carry_forward_by_default(client, assessor):
    client.force_login(assessor)
    page = client.get(reverse("assessments:open")).content.decode()
    assert "Carry forward last year&#x27;s narratives and evidence" in page
    yes = re.search(r'<input[^>]*name="carry_forward"[^>]*value="yes"[^>]*>', page)
    assert yes and "checked" in yes.group(0)
    assert "Start blank" in page


def test_carrying_forward_marks_each_item_until_it_is_confirmed(
    client, version, council, lead, assessor
):
    # Last year's evidence is dated March 2025, before the new period began.
    _last_year(version, council, lead, assessor, evidence_date=date(2025, 3, 1))
    client.force_login(assessor)
    response = _post_open(client, version, council, "yes")
    assert response.status_code == 302
    later = Assessment.objects.get(period="2025/26")
    client.force_login(lead)
    detail = client.get(reverse("assessments:detail", args=[later.pk])).content.decode()
    assert detail.count(MARKER) == 4
    assert "What changed since last period" in detail
    first = later.responses.order_by("criterion__number").first()
    task_url = reverse("assessments:task", args=[later.pk, first.criterion_id])
    task = client.get(task_url).content.decode()
    assert MARKER in task
    assert "2024/25 beside this period" in task
    assert "How we meet criterion 1." in task
    assert "Dated before this period — check it is still current" in task
    assert "Confirm and save" in task
    saved = client.post(
        task_url,
        {
            "version": first.version,
            "narrative": "How we meet criterion 1. Reviewed for this year.",
            "self_level": "3",
            "task_status": "in_progress",
        },
    )
    assert saved.status_code == 302
    detail = client.get(reverse("assessments:detail", args=[later.pk])).content.decode()
    assert detail.count(MARKER) == 3
    task = client.get(task_url).content.decode()
    assert MARKER not in task
    # The stale flag stays: it is about the evidence's date, not the marker.
    assert "Dated before this period — check it is still current" in task


def test_starting_blank_carries_nothing(client, version, council, lead, assessor):
    _last_year(version, council, lead, assessor)
    client.force_login(assessor)
    assert _post_open(client, version, council, "no").status_code == 302
    later = Assessment.objects.get(period="2025/26")
    detail = client.get(reverse("assessments:detail", args=[later.pk])).content.decode()
    assert MARKER not in detail and "What changed since last period" not in detail


def test_the_council_lead_carries_its_own_self_assessment_forward(client, council, lead):
    version = rag_version(criteria=2)
    complete_self_assessment(open_own(lead, council, version=version, period="2023/24"), lead)
    client.force_login(lead)
    page = client.get(reverse("assessments:own_start")).content.decode()
    assert "Start blank" in page
    response = client.post(
        reverse("assessments:own_start"),
        {
            "organisation": council.pk,
            "framework_version": version.pk,
            "period": "2024/25",
            "marking": "OFFICIAL",
            "carry_forward": "yes",
        },
        follow=True,
    )
    page = response.content.decode()
    assert page.count(MARKER) == 2
    assert "the council's own self-assessment for 2023/24" in page
