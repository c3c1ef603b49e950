"""Word documents with python-docx: a small builder so every DOCX the service
produces has the same marking, fonts, table style and page numbers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from assurance.ui.text import clean_text

# A4, with the 25 mm margins usual for UK correspondence.
A4 = (Mm(210), Mm(297))
MARGIN = Mm(25)


class DocxBuilder:
    def __init__(self, *, title: str, marking: str = "OFFICIAL", landscape: bool = False):
        self.document = Document()
        self.document.core_properties.title = clean_text(title)[:255]  # Word's limit
        style = self.document.styles["Normal"]
        style.font.name = "Arial"
        style.font.size = Pt(11)
        section = self.document.sections[0]
        section.page_width, section.page_height = A4
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        marking = clean_text(marking)
        self._mark(section.header.paragraphs[0], marking)
        footer = section.footer.paragraphs[0]
        self._mark(footer, marking)
        footer.add_run("    Page ")
        _field(footer, "PAGE")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES")

    @staticmethod
    def _mark(paragraph, marking: str) -> None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(marking)
        run.bold = True

    def heading(self, text: str, level: int = 1) -> DocxBuilder:
        self.document.add_heading(clean_text(str(text)), level=level)
        return self

    def paragraph(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        align_right: bool = False,
    ):
        paragraph = self.document.add_paragraph()
        run = paragraph.add_run(clean_text(str(text)))
        run.bold = bold
        run.italic = italic
        if align_right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return self

    def lines(self, lines: Sequence[str], *, align_right: bool = False, bold_first: bool = False):
        """Lines kept together in one paragraph (an address), broken by line breaks."""
        paragraph = self.document.add_paragraph()
        for i, line in enumerate(lines):
            run = paragraph.add_run(clean_text(str(line)))
            run.bold = bold_first and i == 0
            if i < len(lines) - 1:
                run.add_break()
        if align_right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return self

    def bullets(self, items: Iterable[str]) -> DocxBuilder:
        for item in items:
            self.document.add_paragraph(clean_text(str(item)), style="List Bullet")
        return self

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[object]],
        *,
        widths: Sequence[float] | None = None,
    ) -> DocxBuilder:
        """``widths``: each column's share of the text width (they add up to 1);
        without them Word splits the width evenly, which squeezes long text."""
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(clean_text(str(header))).bold = True
        _repeat_header(table.rows[0])
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = "" if value is None else clean_text(str(value))
        if widths:
            self._widths(table, widths)
        self.document.add_paragraph()
        return self

    def _widths(self, table, shares: Sequence[float]) -> None:
        section = self.document.sections[-1]
        text_width = section.page_width - section.left_margin - section.right_margin
        table.autofit = False
        for column, share in zip(table.columns, shares, strict=True):
            width = int(text_width * share)
            column.width = width
            for cell in column.cells:
                cell.width = width

    def page_break(self) -> DocxBuilder:
        self.document.add_page_break()
        return self

    def to_bytes(self) -> bytes:
        buffer = BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the page."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
