"""The paragraph and run layer every zone writer builds on: styled paragraphs, runs with
explicit fonts, exact line heights and indents in 字.

Zone writers (body, masthead, closing, colophon, attachments) import this and never each
other, so the .docx writer has no import cycles.
"""

from __future__ import annotations

import copy
import functools

from docx.document import Document as DocxDocument
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from gongwen.docx import layout, oxml
from gongwen.docx.styles import STYLES, latin_font


class BodyWriter:
    """Appends paragraphs to a python-docx document; the zone writers build on it."""

    def __init__(self, document: DocxDocument, lead_style: str = "仿宋"):
        self.document = document
        self.lead_style = lead_style  # 小标题字体: how every lead sentence is set
        self._body = document.element.body
        self._container = document._body  # the parent python-docx gives its body paragraphs
        # The body's closing w:sectPr, found once: add_paragraph searches the body for it on
        # every paragraph, which made writing a long document quadratic.
        self._section = self._body.sectPr

    def add(
        self, style_key: str, text: str = "", *, font: str | None = None, keep_with_next: bool | None = None
    ) -> Paragraph:
        """A paragraph in a named style with one run (omitted when ``text`` is empty);
        ``keep_with_next`` True or False is written as direct formatting, None leaves it to the style."""
        spec = STYLES[style_key]
        p = copy.deepcopy(_styled_paragraph(spec.style_id, keep_with_next))
        if self._section is None:
            self._body.append(p)
        else:
            self._section.addprevious(p)  # where add_paragraph puts it
        paragraph = Paragraph(p, self._container)
        if text:
            self.run(paragraph, text, font or spec.east_asia, latin_font(spec))
        return paragraph

    def run(self, paragraph: Paragraph, text: str, east_asia: str, latin: str = layout.FONT_LATIN) -> Run:
        """A run with explicit fonts appended to ``paragraph``: what ``add_run`` and
        ``oxml.set_fonts`` write, copied from a run built once per pair of fonts."""
        r = copy.deepcopy(_fonted_run(east_asia, latin))
        paragraph._p.append(r)  # w:r is the last kind of child a w:p has here (no w:hyperlink after it)
        run = Run(r, paragraph)
        if text and _PLAIN_TEXT.isdisjoint(text):
            _append_text(r, text)
        elif text:
            run.text = text  # tabs and breaks become w:tab and w:br, as python-docx writes them
        return run

    def blank(self, count: int = 1, keep_with_next: bool = False) -> None:
        for _ in range(count):
            self.add("body", keep_with_next=keep_with_next)

    def last_paragraph(self) -> Paragraph | None:
        """The body's last paragraph (``document.paragraphs`` would wrap every one of them)."""
        p = next(self._body.iterchildren(_P, reversed=True), None)
        return None if p is None else Paragraph(p, self._container)


# Characters python-docx's run.text turns into elements (w:tab, w:br) instead of text.
_PLAIN_TEXT = frozenset("\t\r\n")
_P = qn("w:p")
_T = qn("w:t")
_XML_SPACE = qn("xml:space")


@functools.lru_cache(maxsize=None)
def _styled_paragraph(style_id: str, keep_with_next: bool | None) -> BaseOxmlElement:
    """An empty paragraph in style ``style_id``, built once (never changed: callers copy it)."""
    p = OxmlElement("w:p")
    p.get_or_add_pPr().style = style_id  # by id: a lookup by name scans styles.xml
    Paragraph(p, None).paragraph_format.keep_with_next = keep_with_next
    return p


@functools.lru_cache(maxsize=None)
def _fonted_run(east_asia: str, latin: str) -> BaseOxmlElement:
    """An empty run naming its fonts, built once per pair (never changed: callers copy it).

    Building ``w:rPr``/``w:rFonts`` through python-docx searches the schema's successor lists
    on every run; a deep copy of the finished subtree is the same XML at a fraction of it."""
    r = OxmlElement("w:r")
    oxml.set_fonts(r.get_or_add_rPr(), east_asia, latin, hint_east_asia=True)
    return r


def _append_text(r: BaseOxmlElement, text: str) -> None:
    """``w:t`` as python-docx's ``CT_R.add_t`` writes it, for text without tabs or breaks."""
    t = r.makeelement(_T)
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_XML_SPACE, "preserve")
    r.append(t)


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
