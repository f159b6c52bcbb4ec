"""The 版头 (GB/T 9704 §7.2): 份号, 密级, 紧急程度, the red 发文机关标志, 发文字号 with 签发人,
and the red separator.

Everything is a paragraph of exact height, so the body below stays on the 579-twip line
grid: the space above the 标志 and the 标志's own line are solved together so that its top
edge lands 35 mm below the 版心 top and the two together fill whole grid lines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Pt, RGBColor, Twips

from . import layout, oxml
from .blocks import Block, Kind
from .body import BodyWriter, exact_height, indent_chars
from .widths import text_width

LINE = layout.LINE_PITCH.twips
RATIO = layout.EXACT_LINE_BASELINE_RATIO
BORDER_OFFSET = 49  # twips; see _write_separator


@dataclass(frozen=True)
class MastheadGeometry:
    """Exact heights (twips) of the spacer above the 标志 and of the 标志's line."""

    spacer: int
    line: int
    size_pt: float
    scale: int  # horizontal scale in percent


def masthead_geometry(text: str, lines_above: int) -> MastheadGeometry:
    """Solve spacer + line so the 标志's top edge is 35 mm below the 版心 and the grid holds.

    With LibreOffice's placement (em box bottom at ``RATIO`` of an exact line):
    ``lines_above·LINE + spacer + RATIO·line − size = target`` and
    ``lines_above·LINE + spacer + line = k·LINE`` for the smallest whole ``k`` that keeps the
    glyph inside its line (``line ≥ size / RATIO``) and the spacer non-negative.
    """
    size_pt, scale = _fit(text)
    size = int(round(size_pt * 20))
    target = layout.MASTHEAD_TOP_BELOW_TYPE_AREA.twips
    k = lines_above + 1
    while True:
        line = round((k * LINE - target - size) / (1 - RATIO))
        spacer = k * LINE - lines_above * LINE - line
        if line * RATIO >= size and spacer >= 0:
            return MastheadGeometry(spacer, line, size_pt, scale)
        k += 1


def _fit(text: str) -> tuple[float, int]:
    """Font size and horizontal scale that keep the 标志 on one line (§7.2.4)."""
    width = max(text_width(text), 1)
    available = layout.MASTHEAD_MAX_WIDTH.pt
    size = layout.SIZE_MASTHEAD.pt
    scale = min(layout.MASTHEAD_MAX_SCALE, math.floor(available / (width * size) * 100))
    if scale >= layout.MASTHEAD_MIN_SCALE:
        return size, scale
    scale = layout.MASTHEAD_MIN_SCALE
    return math.floor(available / (width * scale / 100) * 2) / 2, scale


def write_masthead(writer: BodyWriter, blocks: list[Block]) -> None:
    by_kind = {b.kind: b for b in blocks}
    lines_above = 0
    for kind in (Kind.COPY_NUMBER, Kind.SECRECY, Kind.URGENCY):
        if kind in by_kind:
            font = layout.FONT_BODY if kind is Kind.COPY_NUMBER else layout.FONT_LEVEL1
            writer.add("flush", by_kind[kind].text, font=font)
            lines_above += 1
    if Kind.MASTHEAD in by_kind:
        _write_logo(writer, by_kind[Kind.MASTHEAD].text, lines_above)
    number = by_kind.get(Kind.DOC_NUMBER)
    signers = by_kind.get(Kind.SIGNERS)
    if number or signers:
        writer.blank(2)
        _write_number_line(writer, number.text if number else "", signers.text if signers else "")
        _write_separator(writer)


def _write_logo(writer: BodyWriter, text: str, lines_above: int) -> None:
    geometry = masthead_geometry(text, lines_above)
    if geometry.spacer:
        exact_height(writer.add("flush"), geometry.spacer)
    paragraph = writer.add("masthead")
    exact_height(paragraph, geometry.line)
    run = writer.run(paragraph, text, layout.FONT_TITLE, layout.FONT_TITLE)
    run.font.size = Pt(geometry.size_pt)
    run.font.color.rgb = RGBColor.from_string(layout.RED)
    oxml.set_horizontal_scale(run._r.get_or_add_rPr(), geometry.scale)


def _write_number_line(writer: BodyWriter, number: str, signers: str) -> None:
    """发文字号 centred; with 签发人: 字号 居左空一字, 签发人 居右空一字 on one line (§7.2.6)."""
    if not signers:
        writer.add("number", number)
        return
    paragraph = writer.add("flush")
    indent_chars(paragraph, left=1)
    right_edge = layout.TYPE_AREA_WIDTH.twips - layout.CHAR_WIDTH_TWIPS
    paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(right_edge), WD_TAB_ALIGNMENT.RIGHT)
    writer.run(paragraph, f"{number}\t签发人：", layout.FONT_BODY)
    writer.run(paragraph, signers, layout.FONT_LEVEL2)  # names in 楷体


def _write_separator(writer: BodyWriter) -> None:
    """The red rule 4 mm under the 发文字号, 版心 wide, then back onto the line grid."""
    glyph_bottom = round(LINE * RATIO)
    # LibreOffice draws a bottom border just under the line's exact height, centred on its
    # own thickness plus its 1-point minimum space: measured 0.87 mm lower than the line.
    drop = glyph_bottom + layout.SEPARATOR_GAP.twips - LINE - BORDER_OFFSET
    rule = writer.add("flush")
    exact_height(rule, max(drop, 1))
    oxml.set_bottom_border(rule._p.get_or_add_pPr(), layout.SEPARATOR_SIZE, layout.RED)
    border = layout.SEPARATOR_SIZE * 20 // 8  # the border's own height is added below the line
    # Slightly under one line in all, so the next paragraph snaps back to this grid line.
    exact_height(writer.add("flush"), LINE - max(drop, 1) - border - 20)
    writer.blank(2)
