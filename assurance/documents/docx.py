"""Word documents with python-docx: a small builder so every DOCX the service
produces has the same marking, fonts, table style and page numbers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length, Mm, Pt

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
        self.document.add_heading(_word_text(text), level=level)
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
        run = paragraph.add_run(_word_text(text))
        run.bold = bold
        run.italic = italic
        if align_right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return self

    def lines(self, lines: Sequence[str], *, align_right: bool = False, bold_first: bool = False):
        """Lines kept together in one paragraph (an address), broken by line breaks."""
        paragraph = self.document.add_paragraph()
        for i, line in enumerate(lines):
            run = paragraph.add_run(_word_text(line))
            run.bold = bold_first and i == 0
            if i < len(lines) - 1:
                run.add_break()
        if align_right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return self

    def bullets(self, items: Iterable[str]) -> DocxBuilder:
        for item in items:
            self.document.add_paragraph(_word_text(item), style="List Bullet")
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
        if widths:
            self._widths(table, widths)
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(_word_text(header)).bold = True
        _repeat_header(table.rows[0])
        # The body rows are written as one piece of XML and parsed once:
        # python-docx's add_row and cell.text look elements up one by one,
        # which took seconds for a 450-row tracker.
        grid = [column.w for column in table._tbl.tblGrid.gridCol_lst]
        body = parse_xml(_rows_xml(rows, grid))
        for tr in list(body):
            table._tbl.append(tr)
        self.document.add_paragraph()
        return self

    def _widths(self, table, shares: Sequence[float]) -> None:
        """Before the body rows are added, which take their widths from the grid."""
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


def _rows_xml(rows: Iterable[Sequence[object]], grid: Sequence[int | None]) -> str:
    """Table rows as WordprocessingML, the same as add_row and cell.text make:
    one paragraph per cell, line breaks and tabs as Word's own elements."""
    parts = [f"<w:tbl {nsdecls('w')}>"]
    cell_properties = [
        f'<w:tcPr><w:tcW w:w="{Length(w).twips}" w:type="dxa"/></w:tcPr>' if w else "" for w in grid
    ]
    for row in rows:
        parts.append("<w:tr>")
        for properties, value in zip(cell_properties, row, strict=True):
            text = "" if value is None else clean_text(str(value))
            parts.append(f"<w:tc>{properties}<w:p>{_run_xml(text)}</w:p></w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _word_text(value) -> str:
    """Text for python-docx, which makes a line break of each line feed and of
    each carriage return: a Windows line end (CR LF, as a browser sends what
    was typed in a text box) must make one break, not two."""
    return clean_text(str(value)).replace("\r\n", "\n").replace("\r", "\n")


def _run_xml(text: str) -> str:
    if not text:
        return ""
    pieces = []
    for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{''.join(pieces)}</w:r>"


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
