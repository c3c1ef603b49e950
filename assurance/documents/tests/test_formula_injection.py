"""Text a person typed never becomes a live formula in a spreadsheet or CSV."""

import csv
import io
import zipfile
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assurance.documents.csv import csv_from_rows
from assurance.documents.xlsx import workbook_from_rows
from assurance.recommendations import importing

PAYLOADS = [
    "=1+1",
    '=HYPERLINK("https://attacker.invalid","Click")',
    "+SUM(A1:A2)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "＝1+1",
]


def _sheet_xml(content: bytes) -> str:
    with zipfile.ZipFile(BytesIO(content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def _has_formula(content: bytes) -> bool:
    xml = _sheet_xml(content)
    return "<f>" in xml or "<f " in xml


def test_xlsx_stores_formula_like_text_as_text():
    content = workbook_from_rows(title="=Sheet", headers=["=Heading"], rows=[[p] for p in PAYLOADS])
    assert not _has_formula(content)
    sheet = load_workbook(BytesIO(content)).active
    assert [c.value for c in sheet["A"]][1:] == PAYLOADS[:5] + ["\t=1+1", "\r=1+1"] + PAYLOADS[7:]
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in sheet["A"])


def test_xlsx_keeps_numbers_and_dates_as_numbers():
    sheet = load_workbook(BytesIO(workbook_from_rows(title="T", headers=["n"], rows=[[3]]))).active
    assert sheet["A2"].value == 3 and sheet["A2"].data_type == "n"


def test_csv_neutralises_formula_triggers():
    content = csv_from_rows(headers=["=h"], rows=[[p] for p in PAYLOADS] + [[-3], [4.5]])
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["'=h"]
    assert all(row[0].startswith("'") for row in rows[1 : len(PAYLOADS) + 1])
    assert rows[-2:] == [["-3"], ["4.5"]]


def test_import_templates_hold_no_formula():
    assert not _has_formula(importing.template_xlsx())
    assert importing.parse("t.csv", importing.template_csv()).ok


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["matrix", "tracker"])
def test_register_exports_hold_no_formula(client, council, lead, kind):
    from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

    source = SourceFactory(organisation=council)
    RecommendationFactory(source=source, number=1, text=PAYLOADS[1], lead="=1+1")
    client.force_login(lead)
    response = client.get(reverse("recommendations:document", args=[source.pk, kind, "xlsx"]))
    assert response.status_code == 200
    assert not _has_formula(response.content)
    sheet = load_workbook(BytesIO(response.content)).active
    assert PAYLOADS[1] in [c.value for c in sheet[2]]


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["xlsx", "docx", "pdf"])
def test_register_exports_open_with_stored_control_characters(client, council, lead, extension):
    from assurance.recommendations.tests.factories import RecommendationFactory, SourceFactory

    source = SourceFactory(organisation=council, title="Review\x0b\ufffe")
    RecommendationFactory(source=source, number=1, text="Do\x01 it\x1b\uffff", lead="Lead\x07")
    client.force_login(lead)
    for kind in ("matrix", "tracker"):
        url = reverse("recommendations:document", args=[source.pk, kind, extension])
        response = client.get(url)
        assert response.status_code == 200
        assert response.content[:4] in (b"PK\x03\x04", b"%PDF")
