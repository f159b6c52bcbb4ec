"""The foot of a 简报's last page: 报：… 送：… 发：… between a thick rule above and below
(thin rules between), 版心 wide, in 4号仿宋, as the 版记 of a 公文 is laid out.
"""

from __future__ import annotations

from gongwen.docx import layout, oxml
from gongwen.docx.colophon import CHAR, RULE_HEIGHT, place_at_page_foot
from gongwen.docx.paragraphs import BodyWriter, exact_height
from gongwen.wording.blocks import Block
from gongwen.wording.widths import text_width

SEPARATOR = "｜"  # between the 报, 送 and 发 lines in the block text form


def write_distribution(writer: BodyWriter, blocks: list[Block]) -> None:
    lines = [line for block in blocks for line in block.text.split(SEPARATOR) if line.strip()]
    paragraphs = [_rule(writer, layout.COLOPHON_THICK)]
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        paragraphs += [_line(writer, line), _rule(writer, layout.COLOPHON_THICK if last else layout.COLOPHON_THIN)]
    place_at_page_foot(writer, paragraphs)


def _rule(writer: BodyWriter, size: int):
    paragraph = writer.add("colophon")
    exact_height(paragraph, RULE_HEIGHT)
    oxml.set_border(paragraph._p.get_or_add_pPr(), "bottom", size, layout.BLACK_RULE)
    return paragraph


def _line(writer: BodyWriter, text: str):
    """报：机关、机关 — 左右各空一字, wrapped lines aligned after the colon."""
    paragraph = writer.add("colophon", text)
    label = int(text_width(text.split("：", 1)[0] + "：") * CHAR)
    oxml.set_indent(paragraph._p.get_or_add_pPr(), left=CHAR + label, hanging=label, right=CHAR)
    return paragraph
