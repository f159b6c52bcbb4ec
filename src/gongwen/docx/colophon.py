"""The 版记 (GB/T 9704 §7.4): 抄送 and 印发机关/印发日期 between a thick rule above and a thick
rule below (thin rules between elements), 版心 wide, in 4号仿宋, at the foot of the last page.
"""

from __future__ import annotations

import math

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Twips

from gongwen.docx import layout, oxml
from gongwen.wording.blocks import Block, Kind
from gongwen.docx.paragraphs import BodyWriter, exact_height
from gongwen.docx.shapes import anchored_text_box
from gongwen.wording.widths import text_width

CHAR = 280  # 一字 of the 版记: one 4号 (14 pt) character, in twips


def write_colophon(writer: BodyWriter, blocks: list[Block]) -> None:
    """Text lines indented 一字 between rule paragraphs as wide as the 版心: thick, thin…, thick."""
    texts = []
    for block in blocks:
        if block.kind is Kind.COPIES_TO:
            texts.append(_copies_to(writer, block.text))
        elif block.kind is Kind.ISSUED:
            texts.append(_issued(writer, block.text))
    paragraphs = [_rule(writer, layout.COLOPHON_THICK)]
    for index, text in enumerate(texts):
        last = index == len(texts) - 1
        paragraphs += [text, _rule(writer, layout.COLOPHON_THICK if last else layout.COLOPHON_THIN)]
    place_at_page_foot(writer, paragraphs)


def _rule(writer: BodyWriter, size: int):
    """A paragraph that is only a rule: borders span the paragraph's indents, text lines are
    indented, so the rules get paragraphs of their own with no indent."""
    paragraph = writer.add("colophon")
    exact_height(paragraph, RULE_HEIGHT)
    oxml.set_border(paragraph._p.get_or_add_pPr(), "bottom", size, layout.BLACK_RULE)
    return paragraph


RULE_HEIGHT = 10  # twips


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
    """Move the 版记 into a text box anchored to the bottom of the 版心 of the last page.

    The box belongs to a tiny last paragraph, so it lands on the page where the document
    ends; its last rule then coincides with the 版心's bottom edge (§7.4.1), in Word and in
    LibreOffice (which ignores floating tables and frames).
    """
    lines = sum(_estimated_lines(p) for p in paragraphs if p.text)
    rules = sum(not p.text for p in paragraphs)
    height = lines * layout.LINE_PITCH.twips + rules * (RULE_HEIGHT + BORDER_ALLOWANCE)
    elements = [p._p for p in paragraphs]
    for element in elements:
        element.getparent().remove(element)
    anchor = writer.add("flush")
    exact_height(anchor, 20)  # never pushes the box onto a page of its own
    box = anchored_text_box(
        elements, layout.TYPE_AREA_WIDTH.emu, height * EMU_PER_TWIP, shape_id=COLOPHON_SHAPE_ID, name="版记"
    )
    run = anchor.add_run()
    run._r.append(box)


BORDER_ALLOWANCE = 40  # twips: a rule's own thickness and spacing below its paragraph
EMU_PER_TWIP = 635
COLOPHON_SHAPE_ID = 1001


def _estimated_lines(paragraph) -> int:
    """Lines a 版记 paragraph takes: 4号 characters in the 版心 less the indents."""
    width_chars = (layout.TYPE_AREA_WIDTH.twips - 2 * CHAR - int(text_width("抄送：") * CHAR)) / CHAR
    return max(1, math.ceil(text_width(paragraph.text) / width_chars))
