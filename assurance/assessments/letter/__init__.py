"""The assessment letter: one context (context.py), rendered to HTML, PDF and
DOCX (render.py) so that every format says the same thing."""

from .context import LetterContext, build_letter_context
from .render import render_docx, render_html, render_pdf

__all__ = ["LetterContext", "build_letter_context", "render_docx", "render_html", "render_pdf"]
