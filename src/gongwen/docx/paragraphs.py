"""The paragraph and run layer every zone writer builds on: styled paragraphs, runs with
explicit fonts, exact line heights and indents in 字.

Zone writers (body, masthead, closing, colophon, attachments) import this and never each
other, so the .docx writer has no import cycles.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Twips
from docx.text.paragraph import Paragraph

from gongwen.docx import layout, oxml
from gongwen.docx.styles import STYLES, latin_font


class BodyWriter:
    """Appends paragraphs to a python-docx document; the zone writers build on it."""

    def __init__(self, document: DocxDocument, lead_style: str = "仿宋"):
        self.document = document
        self.lead_style = lead_style  # 小标题字体: how every lead sentence is set

    def add(self, style_key: str, text: str = "", *, font: str | None = None) -> Paragraph:
        """A paragraph in a named style with one run (omitted when ``text`` is empty)."""
        spec = STYLES[style_key]
        paragraph = self.document.add_paragraph()
        paragraph._p.get_or_add_pPr().style = spec.style_id  # by id: a lookup by name scans styles.xml
        if text:
            self.run(paragraph, text, font or spec.east_asia, latin_font(spec))
        return paragraph

    def run(self, paragraph: Paragraph, text: str, east_asia: str, latin: str = layout.FONT_LATIN):
        run = paragraph.add_run(text)
        oxml.set_fonts(run._r.get_or_add_rPr(), east_asia, latin, hint_east_asia=True)
        return run

    def blank(self, count: int = 1, keep_with_next: bool = False) -> None:
        for _ in range(count):
            paragraph = self.add("body")
            paragraph.paragraph_format.keep_with_next = keep_with_next


def exact_height(paragraph: Paragraph, twips: int) -> None:
    """A line of exactly ``twips``, off the document grid (which would round it to grid lines)."""
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Twips(twips)
    oxml.set_flag(paragraph._p.get_or_add_pPr(), "w:snapToGrid", False)


def indent_chars(paragraph: Paragraph, **chars: float) -> None:
    """Indents in 字 (``left=``, ``right=``, ``firstLine=``), written as twips and ``*Chars``.

    A negative ``firstLine`` (the first line starts left of the others) is written as
    ``w:hanging``: ``w:firstLine`` is an unsigned measure in the schema.
    """
    values: dict[str, int] = {}
    for side, amount in chars.items():
        if side == "firstLine" and amount < 0:
            side, amount = "hanging", -amount
        values[side] = int(round(amount * layout.CHAR_WIDTH_TWIPS))
        values[f"{side}Chars"] = int(round(amount * 100))
    oxml.set_indent(paragraph._p.get_or_add_pPr(), **values)
