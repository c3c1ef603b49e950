"""HTML to PDF with WeasyPrint. Templates extend documents/print_base.html,
which puts the marking marking in the header and footer of every page
and numbers the pages."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from assurance.ui.text import clean_text


def render_pdf(template_name: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template_name, context))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it loads system libraries

    # Whatever is stored, the PDF must still be made: drop what no document can hold.
    return HTML(string=clean_text(html), base_url=str(settings.BASE_DIR)).write_pdf()


def render_html(template_name: str, context: dict) -> str:
    return render_to_string(template_name, context)
