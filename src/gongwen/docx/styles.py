"""The paragraph styles of a 公文: one per role, each naming its East Asian font.

Styles carry the layout (font, size, exact 579-twip lines, indents, keep-with-next) so the
body's paragraphs need little direct formatting and a clerk editing the .docx in Word/WPS
finds named styles (公文正文, 一级标题 …) to apply.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt

from gongwen.docx import layout, oxml


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
    "flush": StyleSpec("GwFlush", "顶格", layout.FONT_BODY, first_line_chars=0),
    "closing": StyleSpec("GwClosing", "署名日期", layout.FONT_BODY, align=WD_ALIGN_PARAGRAPH.RIGHT, first_line_chars=0),
    "masthead": StyleSpec(
        "GwMasthead",
        "发文机关标志",
        layout.FONT_TITLE,
        layout.SIZE_MASTHEAD,
        WD_ALIGN_PARAGRAPH.CENTER,
        0,
        True,
        None,
        False,
    ),
    "number": StyleSpec(
        "GwDocNumber", "发文字号", layout.FONT_BODY, align=WD_ALIGN_PARAGRAPH.CENTER, first_line_chars=0
    ),
    "attachment_label": StyleSpec(
        "GwAttachmentLabel", "附件标识", layout.FONT_LEVEL1, first_line_chars=0, keep_with_next=True
    ),
    "table": StyleSpec(
        "GwTable", "表格文字", layout.FONT_BODY, layout.SIZE_SIHAO, WD_ALIGN_PARAGRAPH.CENTER, 0, on_grid=False
    ),
    "colophon": StyleSpec(
        "GwColophon", "版记", layout.FONT_BODY, layout.SIZE_SIHAO, WD_ALIGN_PARAGRAPH.LEFT, 0, on_grid=False
    ),
    "page_number": StyleSpec(
        "GwPageNumber", "页码", layout.FONT_PAGE_NUMBER, layout.SIZE_SIHAO, WD_ALIGN_PARAGRAPH.RIGHT, 0, on_grid=False
    ),
}


def set_up_styles(document: DocxDocument, grid: str) -> None:
    """docDefaults and Normal without theme fonts, then one named style per role."""
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


def _apply_paragraph_format(style, spec: StyleSpec, grid: str) -> None:
    rpr = style.element.get_or_add_rPr()
    oxml.set_fonts(rpr, spec.east_asia, latin_font(spec))
    style.font.size = spec.size
    style.font.bold = False
    style.font.color.rgb = None
    oxml.set_east_asian_language(rpr)
    if spec.on_grid and grid == "portable":
        oxml.set_character_spacing(rpr, int(layout.BODY_CHARACTER_SPACING.pt * 20))
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    if spec.style_id in ("GwPageNumber", "GwTable"):
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, layout.LINE_PITCH
    fmt.keep_with_next = spec.keep_with_next
    fmt.keep_together = spec.keep_with_next
    fmt.widow_control = False  # 22 full lines per page matter more than widows (§10.8)
    ppr = style.element.get_or_add_pPr()
    # Extra space between Chinese and Latin/digits: on, as in Chinese Word's defaults and as
    # LibreOffice always does (its DOCX import ignores these flags); widths.py counts it.
    oxml.set_flag(ppr, "w:autoSpaceDE", True)
    oxml.set_flag(ppr, "w:autoSpaceDN", True)
    oxml.set_flag(ppr, "w:kinsoku", True)
    # No punctuation hanging past the 版心 (Word's meaning of 0). LibreOffice 7.4 reads this
    # flag inverted, so pdf.py flips it in the copy it converts.
    oxml.set_flag(ppr, "w:overflowPunct", False)
    if grid == "portable" or spec.size > layout.SIZE_SANHAO:
        # Exact 579-twip lines are the grid. Snapping to the document grid as well makes
        # LibreOffice centre each line by its fonts' ascent: lines with digits sat 0.8 pt
        # high (measured); a glyph taller than a grid line took two. The "word" strategy
        # keeps snapping for body text, which its character grid needs.
        oxml.set_flag(ppr, "w:snapToGrid", False)
    chars = spec.first_line_chars
    oxml.set_indent(ppr, firstLineChars=chars * 100, firstLine=chars * layout.CHAR_WIDTH_TWIPS)
    if spec.outline_level is not None:
        oxml.set_outline_level(ppr, spec.outline_level)


def latin_font(spec: StyleSpec) -> str:
    # Page numbers are 宋体 throughout so the 一字线 (U+2014) is a full-width dash.
    return spec.east_asia if spec.style_id == "GwPageNumber" else layout.FONT_LATIN
