"""Pages: forms give clear messages and save nothing on bad input; imports
preview then confirm; exports carry the marking; lists do not grow queries."""

import io
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from assurance.delivery import models as m

TODAY = timezone.localdate()


def _training_form(**values):
    data = {
        "name": "Councillors",
        "mode": "face_to_face",
        "mandated": "on",
        "cohort_size": "57",
        "trained": "24",
        "as_at": TODAY.strftime("%d/%m/%Y"),
        "marking": "OFFICIAL",
    }
    return data | values


def test_bad_counts_are_explained_and_nothing_is_saved(client, lead, council):
    client.force_login(lead)
    url = reverse("delivery:record_create", args=[council.pk, "training"])
    for values, message in [
        ({"trained": "-1"}, "cannot be negative"),
        ({"trained": "2.5"}, "not a fraction"),
        ({"trained": "58"}, "cannot be more than the cohort size"),
    ]:
        response = client.post(url, _training_form(**values))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert "There is a problem" in response.content.decode()
    assert not m.TrainingCohort.objects.exists()
    response = client.post(url, _training_form())
    assert response.status_code == 302 and m.TrainingCohort.objects.count() == 1


def test_a_future_meeting_marked_held_is_refused_on_the_form(client, lead, council, records):
    client.force_login(lead)
    url = reverse("delivery:record_create", args=[council.pk, "meetings"])
    response = client.post(
        url,
        {
            "body": records.body.pk,
            "meeting_on": (TODAY + timedelta(days=10)).strftime("%d/%m/%Y"),
            "status": "held",
        },
    )
    assert "cannot be marked as held" in response.content.decode()
    assert m.Meeting.objects.count() == 2


def test_sensitive_records_are_marked_on_the_page_and_in_the_export(client, lead, council, records):
    client.force_login(lead)
    page = client.get(reverse("delivery:records", args=[council.pk, "risks"])).content.decode()
    assert page.count("OFFICIAL-SENSITIVE") >= 2  # banner and row
    detail = client.get(reverse("delivery:record", args=["risks", records.risk.pk]))
    assert "OFFICIAL-SENSITIVE" in detail.content.decode()
    export = client.get(reverse("delivery:export", args=[council.pk, "risks"]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"
    assert [c.value for c in sheet[2]][-2] == "OFFICIAL-SENSITIVE"


def test_an_assessor_sees_suppressed_figures_in_pages_and_exports(
    client, assessor, council, records
):
    client.force_login(assessor)
    page = client.get(reverse("delivery:records", args=[council.pk, "referrals"]))
    assert "fewer than 5" in page.content.decode()
    export = client.get(
        reverse("delivery:export", args=[council.pk, "referrals"])
        + f"?period={records.referral.period}"
    )
    values = [c.value for row in load_workbook(io.BytesIO(export.content)).active for c in row]
    assert "fewer than 5" in values and "3" not in values  # counts are text; 3 is a quarter
    channel = client.get(reverse("delivery:record", args=["channel", records.panel.pk]))
    assert "fewer than 5" in channel.content.decode()
    quarter = client.get(reverse("delivery:record", args=["channel-quarters", records.quarter.pk]))
    assert "fewer than 5" in quarter.content.decode()


def test_import_preview_then_confirm(client, lead, council, records):
    client.force_login(lead)
    url = reverse("delivery:import", args=[council.pk, "meetings"])
    content = (
        "Body,Date,Status,Sectors attending,Plan reviewed\n"
        f"{records.body.name},{TODAY:%d/%m/%Y},Held,Police; Health,Yes\n"
    ).encode()
    upload = io.BytesIO(content)
    upload.name = "meetings.csv"
    response = client.post(url, {"file": upload})
    assert "Check before importing" in response.content.decode()
    assert m.Meeting.objects.count() == 2
    response = client.post(reverse("delivery:import_confirm", args=[council.pk, "meetings"]))
    assert response.status_code == 302 and m.Meeting.objects.count() == 3


def test_an_import_with_a_bad_row_shows_the_report_and_saves_nothing(
    client, lead, council, records
):
    client.force_login(lead)
    content = (
        b"Cohort,Mode,Mandated,Cohort size,Trained,Figures as at\n"
        b"All staff,E-learning,Yes,100,90,01/01/2025\n"
        b"Members,Face to face,No,50,60,01/01/2025\n"
    )
    upload = io.BytesIO(content)
    upload.name = "training.xlsx.csv"
    response = client.post(
        reverse("delivery:import", args=[council.pk, "training"]), {"file": upload}
    )
    page = response.content.decode()
    assert "The file cannot be imported" in page and "cannot be more than the cohort size" in page
    confirm = client.post(reverse("delivery:import_confirm", args=[council.pk, "training"]))
    assert confirm.status_code == 302
    assert m.TrainingCohort.objects.count() == 1


def test_list_pages_do_not_grow_queries_with_rows(client, lead, council, records):
    client.force_login(lead)
    url = reverse("delivery:records", args=[council.pk, "policies"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(8):
        m.Policy.objects.create(organisation=council, kind="other", title=f"P{n}", owner="x")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)


def test_the_dashboard_draws_charts_with_tables(client, lead, council, records):
    client.force_login(lead)
    page = client.get(reverse("delivery:dashboard", args=[council.pk])).content.decode()
    assert page.count("<svg") >= 3 and 'role="img"' in page
    assert "Training coverage" in page and "England and Wales" in page


def test_channel_assurance_shows_meetings_per_month_and_attendance(client, lead, records):
    client.force_login(lead)
    page = client.get(reverse("delivery:record", args=["channel", records.panel.pk]))
    html = page.content.decode()
    assert "Meetings held per month" in html and "Attendance by sector" in html


def test_history_of_a_record_is_scoped(client, lead, other_lead, records):
    url = reverse("core:history", args=["delivery.risk", records.risk.pk])
    client.force_login(lead)
    assert client.get(url).status_code == 200
    client.force_login(other_lead)
    assert client.get(url).status_code == 404


def _valid_forms(records):
    day = TODAY.strftime("%d/%m/%Y")
    return {
        "plans": {
            "title": "Plan",
            "version_label": "v2",
            "approved_on": day,
            "board": records.body.pk,
            "review_cadence_months": "6",
            "marking": "OFFICIAL",
        },
        "actions": {
            "plan": records.plan.pk,
            "reference": "A9",
            "title": "Act",
            "owner": "Lead",
            "start_on": day,
            "due_on": day,
            "status": "in_progress",
            "risks": [records.risk.pk],
        },
        "risks": {
            "title": "Risk",
            "source": "CTLP",
            "rating": "low",
            "marking": "OFFICIAL-SENSITIVE",
        },
        "bodies": {
            "name": "Network",
            "kind": "operational_network",
            "cadence_months": "3",
            "marking": "OFFICIAL",
        },
        "meetings": {
            "body": records.body.pk,
            "meeting_on": day,
            "status": "held",
            "sectors_attending": ["police", "health"],
            "plan_reviewed": "on",
        },
        "channel": {
            "body": records.body.pk,
            "chair_role": "Head of Service",
            "chair_trained": "on",
            "terms_reviewed_on": day,
            "marking": "OFFICIAL",
        },
        "channel-quarters": {
            "panel": records.panel.pk,
            "period": "2020/21",
            "quarter": "2",
            "discussed": "4",
            "adopted": "1",
            "closed": "0",
            "reviewed_6_months": "0",
            "reviewed_12_months": "0",
        },
        "referrals": {
            "period": "2020/21",
            "quarter": "1",
            "sector": "health",
            "count": "2",
            "marking": "OFFICIAL",
        },
        "training": _training_form(),
        "policies": {
            "kind": "procurement",
            "title": "Clause",
            "owner": "Procurement",
            "last_reviewed_on": day,
            "marking": "OFFICIAL",
        },
        "engagement": {
            "title": "Event",
            "kind": "event",
            "held_on": day,
            "audience_type": "community",
            "attendance": "40",
            "marking": "OFFICIAL",
        },
    }


def test_every_kind_can_be_added_and_changed_through_its_form(client, lead, council, records):
    client.force_login(lead)
    for slug, data in _valid_forms(records).items():
        model = records.of(slug).__class__
        before = model.objects.count()
        response = client.post(reverse("delivery:record_create", args=[council.pk, slug]), data)
        assert response.status_code == 302, (slug, response.content.decode()[-3000:])
        assert model.objects.count() == before + 1
        record = model.objects.order_by("-pk").first()
        edit = client.get(reverse("delivery:record_edit", args=[slug, record.pk]))
        assert edit.status_code == 200
        response = client.post(reverse("delivery:record_edit", args=[slug, record.pk]), data)
        assert response.status_code == 302, slug


def test_the_home_page_tells_the_council_about_open_checks(client, lead, viewer, records):
    records.policy.next_review_on = TODAY - timedelta(days=1)
    records.policy.save()
    client.force_login(lead)
    page = client.get("/").content.decode()
    assert "1 quality check open on the delivery records" in page
    client.force_login(viewer)
    assert "quality check" not in client.get("/").content.decode()


def _seen_version(page) -> str:
    import re

    found = re.search(r'name="seen_version" value="([^"]*)"', page.content.decode())
    assert found, "the edit form carries the record's version"
    return found.group(1)


def test_the_later_of_two_edits_is_refused_and_nothing_is_overwritten(
    client, lead, contributor, council, records
):
    from django.test import Client

    record = records.of("training")
    url = reverse("delivery:record_edit", args=["training", record.pk])
    client.force_login(lead)
    other = Client()
    other.force_login(contributor)
    mine, theirs = _seen_version(client.get(url)), _seen_version(other.get(url))

    response = client.post(url, _training_form(name="Councillors 2025", seen_version=mine))
    assert response.status_code == 302
    response = other.post(url, _training_form(name="Front-line staff", seen_version=theirs))

    assert response.status_code == 200
    page = response.content.decode()
    assert "while you were editing" in page and "have not been saved" in page
    assert "Front-line staff" in page  # their text stays in the form
    record.refresh_from_db()
    assert record.name == "Councillors 2025"
    # Having compared, they save again: the form now carries the newer version.
    again = other.post(
        url, _training_form(name="Front-line staff", seen_version=_seen_version(response))
    )
    assert again.status_code == 302
    record.refresh_from_db()
    assert record.name == "Front-line staff"
