"""HTML to PDF with WeasyPrint. Templates extend documents/print_base.html,
which puts the marking marking in the header and footer of every page
and numbers the pages.

WeasyPrint subsets the fonts it embeds with HarfBuzz when the system has
libharfbuzz-subset (scripts/system_packages.sh installs it), in a few
milliseconds; without it, it falls back to fontTools, which took 0.3 s of a
0.8 s letter."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.template.loader import render_to_string

from assurance.ui.text import clean_text


def render_pdf(template_name: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template_name, context))


def html_to_pdf(html: str) -> bytes:
    # Whatever is stored, the PDF must still be made: drop what no document can hold.
    return _html_class()(string=clean_text(html), base_url=str(settings.BASE_DIR)).write_pdf()


def render_html(template_name: str, context: dict) -> str:
    return render_to_string(template_name, context)


def user_agent_css(css: str) -> str:
    """WeasyPrint's own stylesheet, less its rules for pseudo-elements that
    match every element.

    "::marker", "::footnote-call" and the other note rules have no element in
    their selector, so WeasyPrint computes six pseudo-element styles for every
    element, one by one and unshared: for a 450-row tracker that was a sixth
    of its time. Only list items have markers, so the marker rule is kept for
    them; our documents have no footnotes or notes, so their rules go."""
    lines = []
    for line in css.splitlines():
        if line.startswith("::marker"):
            line = f"li{line}"
        elif line.startswith(("::footnote-", "::note-")):
            continue
        lines.append(line)
    return "\n".join(lines)


@cache
def _html_class():
    """weasyprint.HTML, with the stylesheet above in place of its own. Built
    on first use: importing WeasyPrint loads system libraries."""
    from weasyprint import CSS, HTML
    from weasyprint import html as weasyprint_html
    from weasyprint.css.counters import CounterStyle

    default = getattr(weasyprint_html, "UA_STYLESHEET", None)
    if default is None or not hasattr(HTML, "_ua_stylesheets"):
        return HTML  # another WeasyPrint: slower, never wrong
    # Its @counter-style rules are already in WeasyPrint's counter styles,
    # which every document copies: read them again into a spare set.
    lighter = CSS(string=user_agent_css(weasyprint_html.UA), counter_style=CounterStyle())

    class DocumentHTML(HTML):
        def _ua_stylesheets(self, *args, **kwargs):
            sheets = super()._ua_stylesheets(*args, **kwargs)
            return [lighter if sheet is default else sheet for sheet in sheets]

    return DocumentHTML
