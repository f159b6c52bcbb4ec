"""Blocks → .docx laid out per GB/T 9704-2012 (python-docx over the raw helpers in ``oxml``).

The writer owns all layout: page geometry, the 22 × 28 grid, fonts per role, indents,
keep-with-next, the 署名/成文日期 formula and the odd/even page-number footers. Templates and
blocks never carry layout, so every document kind shares this one writer.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from dataclasses import dataclass
from typing import Literal

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docx.shared import RGBColor

from gongwen.docx.dashes import east_asian_dashes
from gongwen.docx import colophon, layout, oxml, pagination
from gongwen.docx.fonttable import replace_font_table
from gongwen.docx.package import open_document
from gongwen.wording.blocks import Block
from gongwen.docx.body import write_body
from gongwen.docx.styles import STYLES, set_up_styles

Grid = Literal["portable", "word"]


@dataclass(frozen=True)
class DocumentInfo:
    """What goes into the document properties (not the body)."""

    title: str
    author: str
    moment: dt.datetime  # created/modified: from the document's date, never the wall clock
    generator: str = "gongwen"
    draft: bool = False  # built with unfinished content: every page says so in its header


Parts = list[tuple[str, bytes]]  # a package's members in the order python-docx writes them


def render_parts(blocks: list[Block], info: DocumentInfo, grid: Grid = "portable") -> Parts:
    """The package's parts as python-docx would zip them (``reproducible.write_zip`` zips them).

    公文首页必须显示正文 (§7.3.3): when the 版头, title and a long 主送 list would leave no
    body text on page 1, the 主送 moves to the 版记 and the document is laid out again.
    """
    document = _lay_out(blocks, info, grid)
    flows, prediction = pagination.predict(document)
    if any(flow.body for flow in flows) and not prediction.first_page_has_body(flows):
        moved = colophon.recipients_to_colophon(blocks)
        if moved != blocks:
            document = _lay_out(moved, info, grid)
    colophon.keep_on_even_page(document)  # last: it may add a section for the last pages
    east_asian_dashes(document.element.body)
    return package_parts(document)


def render_docx(blocks: list[Block], info: DocumentInfo, grid: Grid = "portable") -> bytes:
    """The .docx (unstamped) with fixed zip metadata."""
    from gongwen.docx.reproducible import write_zip

    return write_zip(render_parts(blocks, info, grid))


class _Collector:
    """Stands in for python-docx's zip writer: keeps each member's name and bytes, in order."""

    def __init__(self) -> None:
        self.parts: Parts = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.parts.append((pack_uri.membername, blob))


def package_parts(document: DocxDocument) -> Parts:
    """What ``document.save`` writes, member by member, without zipping it (as
    ``OpcPackage.save`` and ``PackageWriter.write`` do, python-docx 1.x)."""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    collector = _Collector()
    PackageWriter._write_content_types_stream(collector, parts)
    PackageWriter._write_pkg_rels(collector, package.rels)
    PackageWriter._write_parts(collector, parts)
    return collector.parts


def _lay_out(blocks: list[Block], info: DocumentInfo, grid: Grid) -> DocxDocument:
    document = open_document(base_package(grid, info.draft))
    _set_properties(document, info)
    write_body(document, blocks)
    if info.draft and document.sections[0].different_first_page_header_footer:
        _write_draft_header(document, first_page=True)  # the 版头 made page 1 a page of its own
    return document


@functools.lru_cache(maxsize=None)
def base_package(grid: Grid, draft: bool) -> bytes:
    """The .docx every document of this grid (and draft flag) starts from, built once per process.

    python-docx's default template, cleaned, styled, its page set up and its page-number
    footers (and a draft's header) written: everything that does not depend on the document.
    Each document opens a package of its own from these bytes; saving python-docx's parts and
    parsing them again gives back the same XML, so the output is what building all of this
    for every document gave (tests/output/test_example_bytes.py pins it).
    """
    document = new_docx()
    _clean_package(document)
    set_up_styles(document, grid)
    _set_up_page(document, grid)
    _write_page_numbers(document)
    if draft:
        _write_draft_header(document, first_page=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Parts of python-docx's template that a 公文 does not need. stylesWithEffects.xml is a
# Word 2010 copy of styles.xml that nobody updates (Word may call the file damaged when the
# two disagree); customXml/item1.xml is an empty bibliography. Parts no relationship reaches
# are not saved, and their content types go with them.
_UNUSED_DOCUMENT_RELATIONSHIPS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.CUSTOM_XML,
)


def _clean_package(document: DocxDocument) -> None:
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


def _set_properties(document: DocxDocument, info: DocumentInfo) -> None:
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


def _write_draft_header(document: DocxDocument, first_page: bool) -> None:
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
