"""Import: a dry-run preview of every row and every problem; a file with any
problem saves nothing."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from assurance.recommendations import importing

HEAD = "Number,Recommendation,Theme,Response,Reason,Lead,Milestone,Status,Date completed\n"


def parse_csv(text: str, taken=frozenset()):
    existing = taken if isinstance(taken, dict) else dict.fromkeys(taken, "not_started")
    return importing.parse("file.csv", text.encode("utf-8"), existing)


def test_good_csv_parses_every_row():
    result = parse_csv(
        HEAD
        + '1,"Refresh the plan, with owners",Plan,Accepted,,Head of Safety,31/03/2027,'
        + "In progress,\n"
        + "2,Train staff,,Partially accepted,No budget for all,HR,2027-01-31,Completed,01/02/2026\n"
    )
    assert result.ok, result.errors
    first, second = result.rows
    assert (first.number, first.text, first.response, first.milestone, first.status) == (
        "1",
        "Refresh the plan, with owners",
        "accepted",
        date(2027, 3, 31),
        "in_progress",
    )
    assert (second.response, second.reason, second.completed_on) == (
        "partially_accepted",
        "No budget for all",
        date(2026, 2, 1),
    )


def test_utf8_with_bom_and_headings_in_any_order():
    text = "\ufeffRecommendation,number\nÉcole liaison,1\n"
    result = importing.parse("f.csv", text.encode("utf-8"))
    assert result.ok and result.rows[0].text == "École liaison"


def test_every_row_error_is_reported_with_row_and_column():
    result = parse_csv(
        HEAD
        + "1,Fine,,Accepted,,,,,\n"
        + "x,,,Maybe,,,32/13/2026,Done,\n"
        + "3,Refused,,Rejected,,,,,\n"
        + "1,Duplicate,,,,,,,\n"
        + "4,Early,,,,,,Not started,01/01/2026\n",
        taken={3},
    )
    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (3, "Number"),
        (3, "Recommendation"),
        (3, "Response"),
        (3, "Status"),
        (3, "Milestone"),
        (4, "Reason"),
        (5, "Number"),
        (6, "Date completed"),
    }
    assert any("31/03/2027" in e.problem for e in result.errors if e.column == "Milestone")


def test_a_number_already_in_the_source_updates_its_status_and_progress():
    head = HEAD.rstrip("\n") + ",Progress\n"
    result = parse_csv(
        head + "3,Known,,,,,,In progress,,Board agreed the plan\n4,New,,,,,,,,\n",
        taken={3: "not_started"},
    )
    assert result.ok
    update, new = result.rows
    assert update.is_update and update.changes and update.progress == "Board agreed the plan"
    assert (update.current_status, update.status) == ("not_started", "in_progress")
    assert not new.is_update


def test_a_blank_status_keeps_the_current_one_when_updating():
    result = parse_csv(HEAD + "3,Known,,,,,,,\n", taken={3: "completed"})
    assert result.ok and result.rows[0].status == "completed" and not result.rows[0].changes


def test_the_xlsx_template_has_drop_downs_for_response_and_status():
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(importing.template_xlsx())).active
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {
        "D2": '"Accepted,Partially accepted,Rejected"',
        "H2": '"Not started,In progress,Completed,Superseded"',
    }
    assert [c.value for c in sheet[1]][-1] == "Progress"
    assert sheet.column_dimensions["A"].number_format == "@"  # "1.10" stays as typed


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("f.txt", b"Number\n1", "must be a CSV or an Excel workbook"),
        ("f.csv", b"", "empty"),
        ("f.csv", b"\n\n", "empty"),
        ("f.csv", b"Number,Theme\n1,x\n", "missing the column Recommendation"),
        ("f.csv", b"Theme\nx\n", "missing the columns Number, Recommendation"),
        ("f.csv", b"Number,Recommendation\n", "headings but no recommendations"),
        ("f.csv", "Number,Recommendation\n1,caf\xe9\n".encode("latin-1"), "UTF-8"),
        ("f.xlsx", b"not a workbook", "not a valid Excel workbook"),
    ],
)
def test_whole_file_problems(name, content, message):
    result = importing.parse(name, content)
    assert not result.rows
    assert len(result.errors) == 1 and result.errors[0].row == 0
    assert message in result.errors[0].problem


def test_too_many_rows():
    body = "".join(f"{n},Text {n}\n" for n in range(1, importing.MAX_ROWS + 2))
    result = importing.parse("f.csv", ("Number,Recommendation\n" + body).encode())
    assert "at most 2000" in result.errors[0].problem


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_real_dates_and_numbers():
    content = _xlsx(
        [
            importing.HEADINGS,
            [1.0, "Do it", None, "accepted", None, "Lead", date(2027, 5, 1), None, None],
        ]
    )
    result = importing.parse("upload.XLSX", content)
    assert result.ok
    assert (result.rows[0].number, result.rows[0].milestone) == ("1", date(2027, 5, 1))


def test_templates_have_the_headings_and_parse_cleanly():
    sheet = load_workbook(BytesIO(importing.template_xlsx())).active
    assert [c.value for c in sheet[1]] == importing.HEADINGS
    assert importing.parse("t.xlsx", importing.template_xlsx()).ok
    assert importing.parse("t.csv", importing.template_csv()).ok


# --- through the pages ----------------------------------------------------------


@pytest.mark.django_db
def test_preview_then_confirm_creates_the_rows(client, lead, source):
    client.force_login(lead)
    url = reverse("recommendations:source_import", args=[source.pk])
    upload = SimpleUploadedFile("r.csv", (HEAD + "4,New one,,Accepted,,Lead,,,\n").encode())
    response = client.post(url, {"file": upload})
    page = response.content.decode()
    assert "Check before importing" in page and "New one" in page
    assert source.recommendations.count() == 3  # nothing saved by the preview
    response = client.post(reverse("recommendations:source_import_confirm", args=[source.pk]))
    assert response.status_code == 302
    assert source.recommendations.get(number=4).text == "New one"
    # The preview is used once only.
    client.post(reverse("recommendations:source_import_confirm", args=[source.pk]))
    assert source.recommendations.count() == 4


@pytest.mark.django_db
def test_a_file_with_errors_shows_them_and_cannot_be_confirmed(client, lead, source):
    client.force_login(lead)
    url = reverse("recommendations:source_import", args=[source.pk])
    upload = SimpleUploadedFile("r.csv", (HEAD + "4,Good,,,,,,,\n5,Bad,,Rejected,,,,,\n").encode())
    page = client.post(url, {"file": upload}).content.decode()
    assert "The file cannot be imported" in page and "Give a reason" in page
    assert "<title>Error:" in page
    client.post(reverse("recommendations:source_import_confirm", args=[source.pk]))
    assert source.recommendations.count() == 3


@pytest.mark.django_db
def test_template_downloads(client, lead):
    client.force_login(lead)
    response = client.get(reverse("recommendations:import_template", args=["xlsx"]))
    assert response["Content-Disposition"].endswith('.xlsx"')
    response = client.get(reverse("recommendations:import_template", args=["csv"]))
    assert response.content.decode("utf-8-sig").startswith("Number,Recommendation")
    assert client.get(reverse("recommendations:import_template", args=["pdf"])).status_code == 404


def test_numbers_such_as_2a_and_1_1_are_accepted():
    result = parse_csv(HEAD + "2a,Second part,,,,,,,\n1.1,First part,,,,,,,\nA,Bad,,,,,,,\n")
    assert [r.number for r in result.rows] == ["2a", "1.1"]
    assert [(e.row, e.column) for e in result.errors] == [(4, "Number")]
