"""The 版记 (GB/T 9704 §7.4): 抄送 and 印发机关/印发日期 between a thick rule above and a thick
rule below (thin rules between elements), 版心 wide, in 4号仿宋, at the foot of the last page.
"""

from __future__ import annotations

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Twips

from . import layout, oxml
from .blocks import Block, Kind
from .body import BodyWriter
from .widths import text_width

CHAR = 280  # 一字 of the 版记: one 4号 (14 pt) character, in twips


def write_colophon(writer: BodyWriter, blocks: list[Block]) -> None:
    paragraphs = []
    for block in blocks:
        if block.kind is Kind.COPIES_TO:
            paragraphs.append(_copies_to(writer, block.text))
        elif block.kind is Kind.ISSUED:
            paragraphs.append(_issued(writer, block.text))
    for index, paragraph in enumerate(paragraphs):
        ppr = paragraph._p.get_or_add_pPr()
        top = layout.COLOPHON_THICK if index == 0 else layout.COLOPHON_THIN
        oxml.set_border(ppr, "top", top, layout.BLACK_RULE)
        if index == len(paragraphs) - 1:
            oxml.set_border(ppr, "bottom", layout.COLOPHON_THICK, layout.BLACK_RULE)
    place_at_page_foot(writer, paragraphs)


def _copies_to(writer: BodyWriter, text: str):
    """抄送：机关，机关。 — 左右各空一字, wrapped lines aligned after the colon."""
    paragraph = writer.add("colophon", "抄送：" + text.removeprefix("抄送："))
    label = int(text_width("抄送：") * CHAR)
    oxml.set_indent(paragraph._p.get_or_add_pPr(), left=CHAR + label, hanging=label, right=CHAR)
    return paragraph


def _issued(writer: BodyWriter, text: str):
    """印发机关 左空一字, 印发日期 右空一字, on one line."""
    organ, _, date = text.partition("｜")
    paragraph = writer.add("colophon", f"{organ}\t{date}")
    oxml.set_indent(paragraph._p.get_or_add_pPr(), left=CHAR, right=CHAR)
    right_edge = layout.TYPE_AREA_WIDTH.twips - CHAR
    paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(right_edge), WD_TAB_ALIGNMENT.RIGHT)
    return paragraph


def place_at_page_foot(writer: BodyWriter, paragraphs: list) -> None:
    """Keep the 版记 together; it follows the body on the last page."""
    for paragraph in paragraphs[:-1]:
        paragraph.paragraph_format.keep_with_next = True
