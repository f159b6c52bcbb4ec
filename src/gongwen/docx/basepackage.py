"""The package every document starts from: python-docx's template cleaned, styled, its page
set up and its page-number footers (and a draft's header) written, everything that does not
depend on the document.

Building it takes longer than building a document (~50 ms, restyling 178 styles), so the four
variants (grid × draft) ship inside gongwen as .docx files made by ``build_base_package``;
``tests/docx/test_base_packages.py`` checks that they are what it builds today, and rewrites
them when run as a script. A missing file is built instead, once per process.
"""

from __future__ import annotations

import functools
import io
from importlib import resources
from typing import Literal

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import RGBColor

from gongwen.docx import layout, oxml
from gongwen.docx.fonttable import replace_font_table
from gongwen.docx.reproducible import normalize_zip
from gongwen.docx.styles import STYLES, set_up_styles

Grid = Literal["portable", "word"]
GRIDS: tuple[Grid, ...] = ("portable", "word")


def shipped_name(grid: Grid, draft: bool) -> str:
    return f"{grid}-draft.docx" if draft else f"{grid}.docx"


@functools.lru_cache(maxsize=None)
def base_package(grid: Grid, draft: bool) -> bytes:
    """The base .docx of this grid and draft flag: the shipped file, else built (once per process).

    Each document opens a package of its own from these bytes; saving python-docx's parts and
    parsing them again gives back the same XML, so the output is what building all of this
    for every document gave (tests/output/test_example_bytes.py pins it).
    """
    try:
        return (resources.files("gongwen.docx") / "base" / shipped_name(grid, draft)).read_bytes()
    except OSError:
        return build_base_package(grid, draft)


def build_base_package(grid: Grid, draft: bool) -> bytes:
    """The base .docx built from python-docx's default template (zipped reproducibly)."""
    document = new_docx()
    _clean_package(document)
    set_up_styles(document, grid)
    _set_up_page(document, grid)
    _write_page_numbers(document)
    if draft:
        write_draft_header(document, first_page=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


# Parts of python-docx's template that a 公文 does not need. stylesWithEffects.xml is a
# Word 2010 copy of styles.xml that nobody updates (Word may call the file damaged when the
# two disagree); customXml/item1.xml is an empty bibliography. Parts no relationship reaches
# are not saved, and their content types go with them.
_UNUSED_DOCUMENT_RELATIONSHIPS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.CUSTOM_XML,
)


# python-docx's template defines 100 table styles (335 KB of its 352 KB styles.xml); a 公文's
# tables use Table Grid (附件 lists) or the default table style. Word and WPS keep built-in
# styles of their own and add one to a file when a clerk picks it, as they do for any file.
_TABLE_STYLES_KEPT = frozenset({"TableGrid"})


def _drop_unused_table_styles(document: DocxDocument) -> None:
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) != "table" or style.get(qn("w:default")) in ("1", "true", "on"):
            continue
        if style.get(qn("w:styleId")) not in _TABLE_STYLES_KEPT:
            styles.remove(style)


def _clean_package(document: DocxDocument) -> None:
    _drop_unused_table_styles(document)
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # python-docx's template ships a thumbnail of itself
            del package.rels[rel_id]
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in _UNUSED_DOCUMENT_RELATIONSHIPS:
            del document.part.rels[rel_id]
    replace_font_table(document)
    settings = document.settings.element
    oxml.set_theme_font_language(settings)
    oxml.set_even_and_odd_headers(settings)
    oxml.set_zoom(settings, 100)


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


DRAFT_NOTE = "草稿：含未填写或待核实的内容，不得印发"


def write_draft_header(document: DocxDocument, first_page: bool) -> None:
    """A red line in the header of every page, so a draft is never mistaken for the real thing.

    The odd and even pages' headers are in the base package; a document whose first page is a
    page of its own (a 版头) gets the first page's header once its body is written."""
    section = document.sections[0]
    headers = [section.first_page_header] if first_page else [section.header, section.even_page_header]
    for header in headers:
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(DRAFT_NOTE)
        oxml.set_fonts(run._r.get_or_add_rPr(), layout.FONT_LEVEL1, layout.FONT_LEVEL1)
        run.font.size = layout.SIZE_SIHAO
        run.font.color.rgb = RGBColor.from_string(layout.RED)


def _page_number_runs(paragraph) -> None:
    paragraph.add_run("— ")
    oxml.append_page_field(paragraph._p, lambda: oxml.new_run_with_properties()[0])
    paragraph.add_run(" —")
    for run in paragraph.runs:
        oxml.set_fonts(run._r.get_or_add_rPr(), layout.FONT_PAGE_NUMBER, layout.FONT_PAGE_NUMBER)
        run.font.size = layout.SIZE_SIHAO
