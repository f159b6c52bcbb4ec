"""The 版头 (GB/T 9704 §7.2): 份号, 密级, 紧急程度, the red 发文机关标志, 发文字号 with 签发人,
and the red separator.

Everything is a paragraph of exact height, so the body below stays on the 579-twip line
grid: the space above the 标志 and the 标志's own line are solved together so that its top
edge lands 35 mm below the 版心 top and the two together fill whole grid lines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Pt, RGBColor, Twips

from gongwen.docx import layout, oxml, shapes
from gongwen.wording.blocks import Block, Kind
from gongwen.docx.paragraphs import BodyWriter, exact_height, indent_chars
from gongwen.docx.package import add_table
from gongwen.wording.widths import text_width

LINE = layout.LINE_PITCH.twips
RATIO = layout.EXACT_LINE_BASELINE_RATIO
NAME_SEPARATOR = "|"  # between 签发人 names in the block text form
NAME_GAP = "\u3000"  # between them on the page
JOINT = "|"  # between the organ names of a joint 标志 (the block text form)
BORDER_OFFSET = 49  # twips; see _write_separator
EMU_PER_TWIP = 635


@dataclass(frozen=True)
class MastheadGeometry:
    """Exact heights (twips) of the spacer above the 标志, of the 标志's line, and of the pad
    below it that brings the text after it back onto the line grid (0 when none is needed)."""

    spacer: int
    line: int
    size_pt: float
    scale: int  # horizontal scale in percent
    after: int = 0


MAX_GRID_LINES = 20  # the 版头 never takes more than a few grid lines; beyond this, fall back


def masthead_geometry(text: str, lines_above: int, rows: int = 1) -> MastheadGeometry:
    """Solve spacer + line so the 标志's top edge is 35 mm below the 版心 and the grid holds.

    With LibreOffice's placement (em box bottom at ``RATIO`` of an exact line):
    ``lines_above·LINE + spacer + RATIO·line − size = target`` and
    ``lines_above·LINE + spacer + rows·line = k·LINE`` for the smallest whole ``k`` that keeps
    the glyph inside its line (``line ≥ size / RATIO``) and the spacer non-negative. ``rows``
    is the number of stacked organ names of a joint 标志.

    The two equations have no whole ``k`` for some sizes (a long name shrunk to ~39 pt):
    then the line is the smallest that holds the glyph, the spacer keeps the 35 mm, and a pad
    below the 标志 restores the grid.
    """
    size_pt, scale = _fit(text)
    size = int(round(size_pt * 20))
    target = layout.MASTHEAD_TOP_BELOW_TYPE_AREA.twips
    for k in range(lines_above + 1, lines_above + 1 + MAX_GRID_LINES):
        line = round((k * LINE - target - size) / (rows - RATIO))
        spacer = k * LINE - lines_above * LINE - rows * line
        if line * RATIO >= size and spacer >= 0:
            return MastheadGeometry(spacer, line, size_pt, scale)
    line = math.ceil(size / RATIO)
    spacer = max(0, round(target + size - lines_above * LINE - RATIO * line))
    after = -(lines_above * LINE + spacer + rows * line) % LINE
    return MastheadGeometry(spacer, line, size_pt, scale, after)


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
    if Kind.LETTER_MASTHEAD in by_kind:
        write_letterhead(writer, by_kind)
        return
    lines_above = 0
    for kind in (Kind.COPY_NUMBER, Kind.SECRECY, Kind.URGENCY):
        if kind in by_kind:
            font = layout.FONT_BODY if kind is Kind.COPY_NUMBER else layout.FONT_LEVEL1
            writer.add("flush", by_kind[kind].text, font=font)
            lines_above += 1
    if Kind.MASTHEAD in by_kind:
        text = by_kind[Kind.MASTHEAD].text
        if JOINT in text:
            _write_joint_logo(writer, text.split(JOINT), lines_above)
        else:
            _write_logo(writer, text, lines_above)
    if Kind.ISSUE in by_kind or Kind.EDITION in by_kind:
        _write_brief_lines(writer, by_kind)
        return
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
    _pad(writer, geometry)


def _pad(writer: BodyWriter, geometry: MastheadGeometry) -> None:
    if geometry.after:
        exact_height(writer.add("flush"), geometry.after)


def _write_joint_logo(writer: BodyWriter, parts: list[str], lines_above: int) -> None:
    """Joint issuance (§7.2.4): organ names stacked, lead organ first, spread to one width;
    文件 to their right, centred on them. A borderless two-column table holds them."""
    suffix = parts[-1] if parts[-1] == "文件" and len(parts) > 2 else ""
    names = parts[:-1] if suffix else parts
    widest = max(names, key=text_width)
    sample = f"{widest}\u3000{suffix}" if suffix else widest
    geometry = masthead_geometry(sample, lines_above, rows=len(names))
    if geometry.spacer:
        exact_height(writer.add("flush"), geometry.spacer)
    char = geometry.size_pt * 20 * geometry.scale / 100  # one character, twips
    widths = [round(text_width(widest) * char) + 20] + ([round(3 * char)] if suffix else [])
    table = add_table(writer.document, 1, len(widths))  # no style: the document's default
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    oxml.set_table_cell_margins(table._tbl, 0)
    table.autofit = False  # fixed layout: LibreOffice otherwise sizes columns by the grid
    for index, width in enumerate(widths):
        table.columns[index].width = Twips(width)  # w:gridCol, which LibreOffice reads
        table.cell(0, index).width = Twips(width)  # w:tcW, which Word reads
    names_cell = table.cell(0, 0)
    for index, name in enumerate(names):
        paragraph = names_cell.paragraphs[0] if index == 0 else names_cell.add_paragraph()
        _logo_paragraph(writer, paragraph, name, geometry, WD_ALIGN_PARAGRAPH.DISTRIBUTE)
    if suffix:
        cell = table.cell(0, 1)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _logo_paragraph(writer, cell.paragraphs[0], suffix, geometry, WD_ALIGN_PARAGRAPH.RIGHT)
    _pad(writer, geometry)


def _logo_paragraph(writer: BodyWriter, paragraph, text: str, geometry: MastheadGeometry, align) -> None:
    paragraph._p.get_or_add_pPr().style = "GwMasthead"
    paragraph.alignment = align
    exact_height(paragraph, geometry.line)
    run = writer.run(paragraph, text, layout.FONT_TITLE, layout.FONT_TITLE)
    run.font.size = Pt(geometry.size_pt)
    run.font.color.rgb = RGBColor.from_string(layout.RED)
    oxml.set_horizontal_scale(run._r.get_or_add_rPr(), geometry.scale)


def _write_number_line(writer: BodyWriter, number: str, signers: str) -> None:
    """发文字号 centred; with 签发人 (§7.2.6): 签发人 居右空一字, two names a line, later lines
    aligned under the first name; 发文字号 居左空一字 on the line of the last names."""
    if not signers:
        writer.add("number", number)
        return
    names = signers.split(NAME_SEPARATOR)
    rows = [names[i : i + 2] for i in range(0, len(names), 2)]
    label = "签发人："
    right_edge = layout.TYPE_AREA_WIDTH.twips - layout.CHAR_WIDTH_TWIPS
    first_row = NAME_GAP.join(rows[0])
    names_start = right_edge - round(text_width(first_row) * layout.CHAR_WIDTH_TWIPS)
    for index, row in enumerate(rows):
        last = index == len(rows) - 1
        paragraph = writer.add("flush")
        indent_chars(paragraph, left=1)
        tabs = paragraph.paragraph_format.tab_stops
        if index == 0:
            tabs.add_tab_stop(Twips(right_edge), WD_TAB_ALIGNMENT.RIGHT)
            writer.run(paragraph, f"{number if last else ''}\t{label}", layout.FONT_BODY)
        else:
            tabs.add_tab_stop(Twips(names_start), WD_TAB_ALIGNMENT.LEFT)
            writer.run(paragraph, f"{number if last else ''}\t", layout.FONT_BODY)
        writer.run(paragraph, NAME_GAP.join(row), layout.FONT_LEVEL2)  # names in 楷体


def _write_brief_lines(writer: BodyWriter, by_kind: dict[Kind, Block]) -> None:
    """简报刊头: 期数 centred under the 刊名, then 编印单位 flush left and the date flush right
    on the line above the red rule."""
    writer.blank()
    if Kind.ISSUE in by_kind:
        writer.add("number", by_kind[Kind.ISSUE].text)
    if Kind.EDITION in by_kind:
        organ, _, date = by_kind[Kind.EDITION].text.partition("｜")
        paragraph = writer.add("flush")
        right_edge = layout.TYPE_AREA_WIDTH.twips
        paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(right_edge), WD_TAB_ALIGNMENT.RIGHT)
        writer.run(paragraph, f"{organ}\t{date}", layout.FONT_BODY)
    _write_separator(writer)


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
    exact_height(writer.add("flush"), LINE - max(drop, 1) - border)  # back on the line grid
    writer.blank(2)


def write_letterhead(writer: BodyWriter, by_kind: dict[Kind, Block]) -> None:
    """信函格式 (§10.1): the 标志 and the two red double lines float on page 1; the body starts
    7/8 字 below the upper line with 份号 (or 密级) 顶格 left and the 发文字号 顶格 right."""
    text = by_kind[Kind.LETTER_MASTHEAD].text
    size_pt, scale = _fit(text)
    upper_line = layout.LETTER_MASTHEAD_TOP.emu + Pt(size_pt).emu + layout.LETTER_LINE_GAP.emu
    thickness = layout.LETTER_LINE_THICKNESS.emu
    first_text_top = upper_line + thickness + layout.LETTER_FIRST_LINE_GAP.emu
    glyph_offset = Twips(round(LINE * RATIO) - layout.SIZE_SANHAO.twips).emu
    spacer = max(first_text_top - glyph_offset - layout.TOP_MARGIN.emu, Twips(1).emu)
    anchor = writer.add("flush")
    exact_height(anchor, spacer // EMU_PER_TWIP)
    run = anchor.add_run()
    run._r.append(_logo_box(writer, text, size_pt, scale))
    lower_line = layout.PAGE_HEIGHT.emu - layout.LETTER_LOWER_LINE_FROM_BOTTOM.emu
    lines = ((upper_line + thickness // 2, "thickThin", (902, 903)), (lower_line, "thinThick", (904, 905)))
    for centre, order, ids in lines:
        for line in shapes.anchored_double_line(
            centre, layout.LETTER_LINE_WIDTH.emu, thickness, layout.RED, ids, "page", order
        ):
            run._r.append(line)
    _write_letter_first_lines(writer, by_kind)
    writer.document.sections[0].different_first_page_header_footer = True  # no number on page 1


def _logo_box(writer: BodyWriter, text: str, size_pt: float, scale: int):
    """The red 标志 in a page-anchored text box whose top is the glyphs' top edge."""
    line = round(size_pt * 20 / RATIO)  # em box bottom at RATIO of the line: its top at 0
    paragraph = writer.add("masthead")
    exact_height(paragraph, line)
    run = writer.run(paragraph, text, layout.FONT_TITLE, layout.FONT_TITLE)
    run.font.size = Pt(size_pt)
    run.font.color.rgb = RGBColor.from_string(layout.RED)
    oxml.set_horizontal_scale(run._r.get_or_add_rPr(), scale)
    element = paragraph._p
    element.getparent().remove(element)
    return shapes.anchored_text_box(
        [element],
        layout.TYPE_AREA_WIDTH.emu,
        Twips(line).emu,
        shape_id=901,
        name="发文机关标志",
        vertical=layout.LETTER_MASTHEAD_TOP.emu,
        relative_to="page",
        wrap_text=False,
    )


def _write_letter_first_lines(writer: BodyWriter, by_kind: dict[Kind, Block]) -> None:
    left = [by_kind[k].text for k in (Kind.COPY_NUMBER, Kind.SECRECY, Kind.URGENCY) if k in by_kind]
    number = by_kind[Kind.DOC_NUMBER].text if Kind.DOC_NUMBER in by_kind else ""
    first = writer.add("flush")
    exact_height(first, LINE)
    first.paragraph_format.tab_stops.add_tab_stop(layout.TYPE_AREA_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    writer.run(first, f"{left[0] if left else ''}\t{number}", layout.FONT_BODY)
    for text in left[1:]:
        writer.add("flush", text, font=layout.FONT_LEVEL1)
    writer.blank(2)
