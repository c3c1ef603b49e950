"""Control characters and noncharacters are dropped at input, in one place,
and every document writer copes with whatever is already stored."""

import io
import zipfile

import pytest
from django import forms
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from assurance.core.forms import GovukForm
from assurance.documents.docx import DocxBuilder
from assurance.documents.pdf import html_to_pdf
from assurance.documents.xlsx import workbook_from_rows
from assurance.frameworks.loader.parse import has_unsafe_text
from assurance.frameworks.loader.parse import parse as parse_framework
from assurance.recommendations import importing
from assurance.ui.text import clean_text

NASTY = "A\x00B\x01C\x08D\x0bE\x0cF\x1bG\x7fH\x85I\ufdd0J\ufffeK\uffffL\U0010ffffM\ud800N"
CLEAN = "ABCDEFGHIJKLMN"


def test_clean_text_drops_controls_and_noncharacters_and_keeps_layout():
    assert clean_text(NASTY) == CLEAN
    assert clean_text("line one\r\nline two\tend é ✓ 😀") == "line one\r\nline two\tend é ✓ 😀"


class _Form(GovukForm):
    title = forms.CharField(max_length=14)
    password = forms.CharField(widget=forms.PasswordInput, required=False)


def test_every_form_cleans_submitted_text_before_validation():
    form = _Form(data={"title": NASTY, "password": "p\x07w"})
    assert form.is_valid(), form.errors  # the length limit counts what is kept
    assert form.cleaned_data == {"title": CLEAN, "password": "p\x07w"}


@pytest.mark.django_db
def test_a_real_form_stores_clean_text(client, lead, council):
    from assurance.recommendations.models import RecommendationSource

    client.force_login(lead)
    response = client.post(
        reverse("recommendations:source_create"),
        {
            "organisation": council.pk,
            "kind": "internal_audit",
            "title": "Audit\x00 2026\ufffe",
            "made_by": "Internal\x1b Audit",
            "made_on": "02/02/2026",
            "marking": "OFFICIAL",
        },
    )
    assert response.status_code == 302
    source = RecommendationSource.objects.get(organisation=council, made_by="Internal Audit")
    assert source.title == "Audit 2026"


def test_importer_cleans_cells():
    content = "Number,Recommendation,Lead\n1,Do\x07 it\ufffe,Head\x0b of service\n".encode()
    result = importing.parse("r.csv", content)
    assert result.ok, result.errors
    assert (result.rows[0].text, result.rows[0].lead) == ("Do it", "Head of service")


def test_framework_file_with_escaped_control_characters_is_refused():
    parsed = parse_framework("f.yaml", b'kind: framework\ntitle: "Bad\\x07 title"\n')
    assert has_unsafe_text(parsed.doc)
    assert not has_unsafe_text({"title": "Fine é", "items": ["a\tb", 1]})


def test_docx_xlsx_and_pdf_writers_cope_with_stored_control_characters():
    docx = DocxBuilder(title=NASTY, marking=NASTY).heading(NASTY).paragraph(NASTY)
    docx = docx.bullets([NASTY]).table([NASTY], [[NASTY]]).to_bytes()
    assert CLEAN in Document(io.BytesIO(docx)).paragraphs[0].text
    xlsx = workbook_from_rows(title=NASTY, headers=[NASTY], rows=[[NASTY]], marking=NASTY)
    assert load_workbook(io.BytesIO(xlsx)).active["A2"].value == CLEAN
    pdf = html_to_pdf(f"<html><body><p>{NASTY}</p></body></html>")
    assert CLEAN in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for content in (docx, xlsx):
        zipfile.ZipFile(io.BytesIO(content)).testzip()
