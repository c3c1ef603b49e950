"""Property: whatever text is stored, every document writer (PDF, DOCX, XLSX,
CSV) gives a file that opens, and no spreadsheet holds a formula."""

from __future__ import annotations

import csv
import io
import zipfile

from django.utils.html import escape
from docx import Document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from assurance.documents.csv import csv_from_rows
from assurance.documents.docx import DocxBuilder
from assurance.documents.pdf import html_to_pdf
from assurance.documents.xlsx import workbook_from_rows
from assurance.ui.text import clean_text, looks_like_formula

# Stored text may hold anything a database can: every code point but lone surrogates.
stored = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=30),
    st.sampled_from(["=1+1", "+A1", "-2", "@SUM(1)", "\t=x", "\r=x", "＝1", "\ufffe", "\x00"]),
    st.builds(lambda c, n: c * n, st.characters(exclude_categories=["Cs"]), st.integers(0, 40_000)),
)
rows = st.lists(st.lists(stored, min_size=2, max_size=2), min_size=1, max_size=4)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _no_formula(content: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    return "<f>" not in xml and "<f " not in xml


@FAST
@given(title=stored, table=rows)
def test_xlsx_opens_and_holds_no_formula(title, table):
    content = workbook_from_rows(title=title, headers=["A", "B"], rows=table, marking=title)
    assert _no_formula(content)
    sheet = load_workbook(io.BytesIO(content)).active
    for row, expected in zip(sheet.iter_rows(min_row=2, values_only=True), table, strict=True):
        assert list(row) == [clean_text(v)[:32767] or None for v in expected]


@FAST
@given(table=rows)
def test_csv_opens_and_neutralises_every_formula(table):
    content = csv_from_rows(headers=["A", "B"], rows=table)
    read = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    for cell in (c for row in read[1:] for c in row):
        assert not looks_like_formula(cell) or cell.startswith("'")


@FAST
@given(title=stored, text=stored, table=rows)
# A browser sends typed line ends as CR LF: one line break in Word, not two.
@example(title="", text="Line one\r\nLine two", table=[["", ""]])
def test_docx_opens(title, text, table):
    content = (
        DocxBuilder(title=title, marking=title)
        .heading(text)
        .paragraph(text)
        .bullets([text])
        .table(["A", "B"], table)
        .to_bytes()
    )
    document = Document(io.BytesIO(content))

    def lines(value: str) -> str:  # Word keeps a line break, not the character that made it
        return value.replace("\r\n", "\n").replace("\r", "\n")

    assert lines(document.paragraphs[0].text) == lines(clean_text(text))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=200), st.text(alphabet=st.characters(max_codepoint=0xFF))))
def test_pdf_opens(text):
    content = html_to_pdf(f"<html><body><p>{escape(text)}</p></body></html>")
    assert len(PdfReader(io.BytesIO(content)).pages) >= 1
