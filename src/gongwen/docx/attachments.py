"""附件 pages (GB/T 9704 §7.3.7): each starts a new page, 附件N in 黑体 顶格 on the first
line, its title centred two lines below; tables for statistics.
"""

from __future__ import annotations

import re

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Twips

from gongwen.docx import layout, oxml
from gongwen.wording.blocks import Block, Kind, table_cells
from gongwen.docx.paragraphs import BodyWriter
from gongwen.docx.package import add_table
from gongwen.docx.styles import STYLES
from gongwen.wording.widths import text_width


def write_attachment_head(writer: BodyWriter, block: Block) -> None:
    label = writer.add("attachment_label", block.label)
    label.paragraph_format.page_break_before = True
    writer.blank(keep_with_next=True)
    writer.add("title", block.text)
    writer.blank()


NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")  # a bare figure: 12, -3, +2.3, 14.3%
LEFT, ABOVE = "<", "^"  # header cells merged into the one to the left / above (model.tables)
TABLE_SIZES = {"三号": Pt(16), "四号": Pt(14), "小四": Pt(12), "五号": Pt(10.5)}


def write_table_title(writer: BodyWriter, block: Block) -> None:
    """The table's title, centred in 黑体 above it and kept on its page (FIGURES.md, tables)."""
    paragraph = writer.add("flush", block.text, font=layout.FONT_LEVEL1, keep_with_next=True)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def write_table(writer: BodyWriter, blocks: list[Block]) -> None:
    """Header tiers (黑体, merged cells spanning) then body rows (仿宋, centred, bare figures
    right-aligned), 4号 unless a 【表格字号】 says otherwise; the table spans the 版心, its
    header repeats on every page and no row splits."""
    size = next((TABLE_SIZES[b.text] for b in blocks if b.kind is Kind.TABLE_SIZE), None)
    rows = [b for b in blocks if b.kind is not Kind.TABLE_SIZE]
    heads = next((i for i, b in enumerate(rows) if b.kind is Kind.TABLE_ROW), len(rows) - 1) + 1
    cells = [table_cells(row) for row in rows]
    columns = max(len(row) for row in cells)
    table = add_table(writer.document, len(cells), columns)
    table._tbl.tblStyle_val = "TableGrid"  # by id: a lookup by name parses styles.xml
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_column_widths(table, cells, columns, heads)
    # Rows and their cells are walked once each: table.cell(r, c) rescans the table every
    # time, which made a 1,000-row table take over a minute.
    for r, (row_element, row) in enumerate(zip(table.rows, cells)):
        for c, cell in enumerate(row_element.cells):
            text = row[c] if c < len(row) else ""
            if r < heads and text in (LEFT, ABOVE):
                continue  # covered by a merged header cell, written where it starts
            paragraph = cell.paragraphs[0]
            paragraph._p.get_or_add_pPr().style = STYLES["table"].style_id
            if r >= heads and NUMBER.fullmatch(text):  # figures line up on the right
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if text:
                run = writer.run(paragraph, text, layout.FONT_LEVEL1 if r < heads else layout.FONT_BODY)
                if size is not None:
                    run.font.size = size
    for index, row in enumerate(table.rows):
        oxml.set_row_flags(row._tr, header=index < heads)
    _merge_header(table, cells[:heads])


def _merge_header(table, header: list[list[str]]) -> None:
    """Each header cell with ``<`` to its right or ``^`` below it becomes one merged cell
    (w:gridSpan across, w:vMerge down), vertically centred."""
    for r, row in enumerate(header):
        for c, text in enumerate(row):
            if text in (LEFT, ABOVE):
                continue
            right = c
            while right + 1 < len(row) and row[right + 1] == LEFT:
                right += 1
            bottom = r
            while bottom + 1 < len(header) and c < len(header[bottom + 1]) and header[bottom + 1][c] == ABOVE:
                bottom += 1
            if (right, bottom) != (c, r):
                merged = table.cell(r, c).merge(table.cell(bottom, right))
                merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _set_column_widths(table, cells: list[list[str]], columns: int, heads: int) -> None:
    """Columns share the 版心 width in proportion to their longest cell (at least 3 字); a
    header cell spanning several columns does not widen the first of them. Set before the
    header cells merge, which adds up the widths they cover."""

    def width(r: int, c: int) -> float:
        row = cells[r]
        if c >= len(row) or (r < heads and (row[c] in (LEFT, ABOVE) or row[c + 1 : c + 2] == [LEFT])):
            return 0
        return text_width(row[c])

    widest = [max(max((width(r, c) for r in range(len(cells))), default=0), 3) for c in range(columns)]
    total = sum(widest)
    widths = [Twips(int(layout.TYPE_AREA_WIDTH.twips * width / total)) for width in widest]
    for c, width in enumerate(widths):
        table.columns[c].width = width  # w:gridCol, which LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width  # w:tcW, which Word reads
