"""Blocks → .docx laid out per GB/T 9704-2012 (python-docx over the raw helpers in ``oxml``).

The writer owns all layout: page geometry, the 22 × 28 grid, fonts per role, indents,
keep-with-next, the 署名/成文日期 formula and the odd/even page-number footers. Templates and
blocks never carry layout, so every document kind shares this one writer.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Literal

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Pt

from . import layout, oxml
from .blocks import Block, Kind

Grid = Literal["portable", "word"]


@dataclass(frozen=True)
class DocumentInfo:
    """What goes into the document properties (not the body)."""

    title: str
    author: str
    moment: dt.datetime  # created/modified: from the document's date, never the wall clock
    generator: str = "gongwen"


@dataclass(frozen=True)
class StyleSpec:
    """A paragraph style of the 公文: its Chinese name, font, size, and paragraph behaviour."""

    style_id: str
    name: str
    east_asia: str
    size: Pt = layout.SIZE_SANHAO
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    first_line_chars: int = layout.FIRST_LINE_INDENT_CHARS
    keep_with_next: bool = False
    outline_level: int | None = None
    on_grid: bool = True  # body-grid text gets the 28-characters-per-line squeeze


STYLES = {
    "body": StyleSpec("GwBody", "公文正文", layout.FONT_BODY),
    "title": StyleSpec(
        "GwTitle", "公文标题", layout.FONT_TITLE, layout.SIZE_ERHAO, WD_ALIGN_PARAGRAPH.CENTER, 0, True, None, False
    ),
    "h1": StyleSpec("GwHeading1", "一级标题", layout.FONT_LEVEL1, keep_with_next=True, outline_level=0),
    "h2": StyleSpec("GwHeading2", "二级标题", layout.FONT_LEVEL2, keep_with_next=True, outline_level=1),
    "h3": StyleSpec("GwHeading3", "三级标题", layout.FONT_BODY, keep_with_next=True, outline_level=2),
    "h4": StyleSpec("GwHeading4", "四级标题", layout.FONT_BODY, keep_with_next=True, outline_level=3),
    "closing": StyleSpec("GwClosing", "署名日期", layout.FONT_BODY, align=WD_ALIGN_PARAGRAPH.RIGHT, first_line_chars=0),
    "page_number": StyleSpec(
        "GwPageNumber", "页码", layout.FONT_PAGE_NUMBER, layout.SIZE_SIHAO, WD_ALIGN_PARAGRAPH.RIGHT, 0, on_grid=False
    ),
}

STYLE_FOR_KIND = {
    Kind.TITLE: "title",
    Kind.PARAGRAPH: "body",
    Kind.SIGNATURE: "closing",
    Kind.DATE: "closing",
}


def render_docx(blocks: list[Block], info: DocumentInfo, grid: Grid = "portable") -> bytes:
    """The .docx as python-docx saves it (see ``reproducible.normalize_zip`` for fixed bytes)."""
    document = new_docx()
    _set_up_package(document, info)
    _set_up_styles(document, grid)
    _set_up_page(document, grid)
    _write_body(document, blocks, grid)
    _write_page_numbers(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up_package(document: DocxDocument, info: DocumentInfo) -> None:
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # python-docx's template ships a thumbnail of itself
            del package.rels[rel_id]
    moment = info.moment
    properties = document.core_properties
    properties.title = info.title
    properties.author = info.author
    properties.last_modified_by = info.author
    properties.comments = f"由 {info.generator} 依据 GB/T 9704-2012 生成"
    properties.keywords = ""
    properties.subject = ""
    properties.category = "公文"
    properties.language = "zh-CN"
    properties.revision = 1
    properties.created = moment
    properties.modified = moment
    properties.last_printed = moment
    settings = document.settings.element
    oxml.set_theme_font_language(settings)
    oxml.set_even_and_odd_headers(settings)


def _set_up_styles(document: DocxDocument, grid: Grid) -> None:
    styles = document.styles
    oxml.remove_theme_fonts(styles.element)
    _set_defaults(styles.element)
    normal = styles["Normal"]
    _apply_paragraph_format(normal, STYLES["body"], grid)
    normal.paragraph_format.first_line_indent = None
    for spec in STYLES.values():
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = spec.style_id
        style.base_style = normal
        style.quick_style = True
        _apply_paragraph_format(style, spec, grid)


def _set_defaults(styles_element) -> None:
    """docDefaults: explicit fonts, 3号 and zh-CN, exact 579-twip lines with no extra space."""
    qn = oxml.qn
    doc_defaults = styles_element.find(qn("w:docDefaults"))
    rpr = doc_defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    oxml.set_fonts(rpr, layout.FONT_BODY, layout.FONT_LATIN)
    rpr.get_or_add_sz().val = layout.SIZE_SANHAO
    oxml.set_east_asian_language(rpr)
    ppr = doc_defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.get_or_add_spacing()
    spacing.before, spacing.after = 0, 0
    spacing.line, spacing.lineRule = layout.LINE_PITCH, WD_LINE_SPACING.EXACTLY


def _apply_paragraph_format(style, spec: StyleSpec, grid: Grid) -> None:
    rpr = style.element.get_or_add_rPr()
    oxml.set_fonts(rpr, spec.east_asia, _latin_font(spec))
    style.font.size = spec.size
    style.font.bold = False
    style.font.color.rgb = None
    oxml.set_east_asian_language(rpr)
    if spec.on_grid and grid == "portable":
        oxml.set_character_spacing(rpr, int(layout.BODY_CHARACTER_SPACING.pt * 20))
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    if spec.style_id == "GwPageNumber":
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, layout.LINE_PITCH
    fmt.keep_with_next = spec.keep_with_next
    fmt.keep_together = spec.keep_with_next
    fmt.widow_control = False  # 22 full lines per page matter more than widows (§10.8)
    ppr = style.element.get_or_add_pPr()
    oxml.set_flag(ppr, "w:autoSpaceDE", False)
    oxml.set_flag(ppr, "w:autoSpaceDN", False)
    oxml.set_flag(ppr, "w:kinsoku", True)
    chars = spec.first_line_chars
    oxml.set_indent(ppr, firstLineChars=chars * 100, firstLine=chars * layout.CHAR_WIDTH_TWIPS)
    if spec.outline_level is not None:
        oxml.set_outline_level(ppr, spec.outline_level)


def _latin_font(spec: StyleSpec) -> str:
    # Page numbers are 宋体 throughout so the 一字线 (U+2014) is a full-width dash.
    return spec.east_asia if spec.style_id == "GwPageNumber" else layout.FONT_LATIN


def _set_up_page(document: DocxDocument, grid: Grid) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = layout.PAGE_WIDTH, layout.PAGE_HEIGHT
    section.top_margin, section.bottom_margin = layout.TOP_MARGIN, layout.BOTTOM_MARGIN
    section.left_margin, section.right_margin = layout.LEFT_MARGIN, layout.RIGHT_MARGIN
    section.header_distance, section.footer_distance = layout.HEADER_DISTANCE, layout.FOOTER_DISTANCE
    section.gutter = 0
    if grid == "word":
        oxml.set_doc_grid(section._sectPr, "linesAndChars", layout.LINE_PITCH.twips, layout.WORD_GRID_CHAR_SPACE)
    else:
        oxml.set_doc_grid(section._sectPr, "lines", layout.LINE_PITCH.twips, None)


def _write_body(document: DocxDocument, blocks: list[Block], grid: Grid) -> None:
    body = document.element.body
    for paragraph in list(body.iterchildren(oxml.qn("w:p"))):
        body.remove(paragraph)  # the template's empty first paragraph
    signature = next((b.text for b in blocks if b.kind is Kind.SIGNATURE), "")
    date = next((b.text for b in blocks if b.kind is Kind.DATE), "")
    indents = closing_indents(signature, date)
    for index, block in enumerate(blocks):
        if block.kind is Kind.SIGNATURE or (block.kind is Kind.DATE and not signature):
            _add_blank(document, keep_with_next=True)
            _mark_keep_with_next(document, before_last=1)
        paragraph = _add_paragraph(document, block)
        if block.kind in (Kind.SIGNATURE, Kind.DATE):
            right_chars = indents[block.kind]
            oxml.set_indent(
                paragraph._p.get_or_add_pPr(),
                rightChars=int(right_chars * 100),
                right=int(right_chars * layout.CHAR_WIDTH_TWIPS),
            )
            paragraph.paragraph_format.keep_with_next = block.kind is Kind.SIGNATURE
        if block.kind is Kind.TITLE and _next_is_not_title(blocks, index):
            _add_blank(document)


def _next_is_not_title(blocks: list[Block], index: int) -> bool:
    return index + 1 < len(blocks) and blocks[index + 1].kind is not Kind.TITLE


def _add_paragraph(document: DocxDocument, block: Block):
    style_key = f"h{block.level}" if block.kind is Kind.HEADING else STYLE_FOR_KIND[block.kind]
    spec = STYLES[style_key]
    paragraph = document.add_paragraph(style=document.styles[spec.name])
    run = paragraph.add_run(block.full_text)
    oxml.set_fonts(run._r.get_or_add_rPr(), spec.east_asia, _latin_font(spec), hint_east_asia=True)
    return paragraph


def _add_blank(document: DocxDocument, keep_with_next: bool = False) -> None:
    paragraph = document.add_paragraph(style=document.styles[STYLES["body"].name])
    paragraph.paragraph_format.keep_with_next = keep_with_next


def _mark_keep_with_next(document: DocxDocument, before_last: int) -> None:
    """Keep the last body paragraph on the page of the 署名 (§7.3.5.5: no page of 署名 alone)."""
    paragraphs = document.paragraphs
    if len(paragraphs) > before_last:
        paragraphs[-1 - before_last].paragraph_format.keep_with_next = True


def text_width(text: str) -> float:
    """Width in 字: full-width characters count 1, ASCII (digits, Latin) 0.5."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)


def closing_indents(signature: str, date: str) -> dict[Kind, float]:
    """Right indents in 字 for 署名 and 成文日期 without a seal (GB/T 9704 §7.3.5.2).

    署名 右空二字; the date starts two characters right of the 署名's first character; when
    the date is the longer of the two, the date is 右空二字 and the 署名 moves left.
    """
    n, d = text_width(signature), text_width(date)
    base = layout.SIGNATURE_RIGHT_CHARS
    if not signature:
        return {Kind.SIGNATURE: base, Kind.DATE: base}
    if d > n:
        return {Kind.SIGNATURE: d - n + 2 * base, Kind.DATE: base}
    return {Kind.SIGNATURE: base, Kind.DATE: n - d}


def _write_page_numbers(document: DocxDocument) -> None:
    """`— N —` in 4号宋体: odd pages right, even pages left, one 字 in (§7.5)."""
    section = document.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles[STYLES["page_number"].name]
        ppr = paragraph._p.get_or_add_pPr()
        if align == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            oxml.set_indent(ppr, rightChars=100, right=layout.CHAR_WIDTH_TWIPS)
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            oxml.set_indent(ppr, leftChars=100, left=layout.CHAR_WIDTH_TWIPS)
        _page_number_runs(paragraph)


def _page_number_runs(paragraph) -> None:
    paragraph.add_run("— ")
    oxml.append_page_field(paragraph._p, lambda: oxml.new_run_with_properties()[0])
    paragraph.add_run(" —")
    for run in paragraph.runs:
        oxml.set_fonts(run._r.get_or_add_rPr(), layout.FONT_PAGE_NUMBER, layout.FONT_PAGE_NUMBER)
        run.font.size = layout.SIZE_SIHAO
