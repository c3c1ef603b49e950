"""The shared builders produce real files a person can open, with the marking."""

from io import BytesIO

from django.template import engines
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from assurance.documents.docx import DocxBuilder
from assurance.documents.pdf import html_to_pdf
from assurance.documents.xlsx import workbook_from_rows


def test_docx_has_marking_heading_and_table():
    content = (
        DocxBuilder(title="Test", marking="OFFICIAL-SENSITIVE")
        .heading("Score table")
        .table(["Criterion", "Level"], [["First", 3], ["Second", 4]])
        .to_bytes()
    )
    document = Document(BytesIO(content))
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert document.paragraphs[0].text == "Score table"
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert cells == [["Criterion", "Level"], ["First", "3"], ["Second", "4"]]


def test_xlsx_has_real_columns_frozen_header_and_filter():
    content = workbook_from_rows(
        title="Tracker", headers=["Number", "Text"], rows=[[1, "Do a thing"], [2, "Another"]]
    )
    sheet = load_workbook(BytesIO(content)).active
    assert [c.value for c in sheet[1]] == ["Number", "Text"]
    assert sheet["A3"].value == 2 and sheet["B3"].value == "Another"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B3"


def test_pdf_renders_with_marking_and_page_numbers():
    template = engines["django"].from_string(
        '{% extends "documents/print_base.html" %}'
        "{% block body %}<h1>Hello letter</h1>{% endblock %}"
    )
    content = html_to_pdf(template.render({"marking": "OFFICIAL-SENSITIVE", "title": "Hello"}))
    text = PdfReader(BytesIO(content)).pages[0].extract_text()
    assert "Hello letter" in text
    assert "OFFICIAL-SENSITIVE" in text
    assert "Page 1 of 1" in text


def test_pdf_lists_keep_their_numbers_and_bullets():
    # The PDFs' user-agent stylesheet keeps the list-marker rule for list items.
    content = html_to_pdf("<ol><li>First</li><li>Second</li></ol><ul><li>Loose</li></ul>")
    words = PdfReader(BytesIO(content)).pages[0].extract_text().split()
    assert {"1.", "2.", "•", "First", "Second", "Loose"} <= set(words)


def test_pdf_user_agent_css_has_no_rule_for_every_element_pseudo_elements():
    from weasyprint import html as weasyprint_html

    from assurance.documents.pdf import user_agent_css

    css = user_agent_css(weasyprint_html.UA)
    assert not [line for line in css.splitlines() if line.startswith("::")]
    assert "li::marker" in css
    assert "ol { list-style-type: decimal }" in css  # the rest is untouched
