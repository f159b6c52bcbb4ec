"""附件 pages (GB/T 9704 §7.3.7): each starts a new page, 附件N in 黑体 顶格 on the first
line, its title centred two lines below; tables for statistics.
"""

from __future__ import annotations

import re

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Twips

from gongwen.docx import layout, oxml
from gongwen.wording.blocks import Block, table_cells
from gongwen.docx.paragraphs import BodyWriter
from gongwen.wording.widths import text_width


def write_attachment_head(writer: BodyWriter, block: Block) -> None:
    label = writer.add("attachment_label", block.label)
    label.paragraph_format.page_break_before = True
    writer.blank(keep_with_next=True)
    writer.add("title", block.text)
    writer.blank()


NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")  # a bare figure: 12, -3, +2.3, 14.3%


def write_table(writer: BodyWriter, rows: list[Block]) -> None:
    """The first row is the header (黑体); cells are 4号仿宋, centred, bare figures right-aligned;
    the table spans the 版心, its header repeats on every page and no row splits."""
    cells = [table_cells(row) for row in rows]
    columns = max(len(row) for row in cells)
    table = writer.document.add_table(rows=len(cells), cols=columns)
    table.style = writer.document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Rows and their cells are walked once each: table.cell(r, c) rescans the table every
    # time, which made a 1,000-row table take over a minute.
    for r, (row_element, row) in enumerate(zip(table.rows, cells)):
        for c, cell in enumerate(row_element.cells):
            paragraph = cell.paragraphs[0]
            paragraph.style = writer.document.styles["表格文字"]
            text = row[c] if c < len(row) else ""
            if r and NUMBER.fullmatch(text):  # figures line up on the right (FIGURES.md, tables)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if text:
                writer.run(paragraph, text, layout.FONT_LEVEL1 if r == 0 else layout.FONT_BODY)
    for index, row in enumerate(table.rows):
        oxml.set_row_flags(row._tr, header=index == 0)
    _set_column_widths(table, cells, columns)


def _set_column_widths(table, cells: list[list[str]], columns: int) -> None:
    """Columns share the 版心 width in proportion to their longest cell (at least 3 字)."""
    widest = [max(max((text_width(row[c]) for row in cells if c < len(row)), default=0), 3) for c in range(columns)]
    total = sum(widest)
    widths = [Twips(int(layout.TYPE_AREA_WIDTH.twips * width / total)) for width in widest]
    for c, width in enumerate(widths):
        table.columns[c].width = width  # w:gridCol, which LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width  # w:tcW, which Word reads
