"""Blocks → .docx laid out per GB/T 9704-2012 (python-docx over the raw helpers in ``oxml``).

The writer owns all layout: page geometry, the 22 × 28 grid, fonts per role, indents,
keep-with-next, the 署名/成文日期 formula and the odd/even page-number footers. Templates and
blocks never carry layout, so every document kind shares this one writer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docx.document import Document as DocxDocument

from gongwen.docx.dashes import east_asian_dashes
from gongwen.docx import colophon, pagination
from gongwen.docx.basepackage import Grid, base_package, write_draft_header
from gongwen.docx.package import open_document, package_members
from gongwen.wording.blocks import Block
from gongwen.docx.body import write_body


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


def package_parts(document: DocxDocument) -> Parts:
    """What ``document.save`` writes, member by member, without zipping it."""
    return package_members(document)


def _lay_out(blocks: list[Block], info: DocumentInfo, grid: Grid) -> DocxDocument:
    document = open_document(base_package(grid, info.draft))
    _set_properties(document, info)
    write_body(document, blocks)
    if info.draft and document.sections[0].different_first_page_header_footer:
        write_draft_header(document, first_page=True)  # the 版头 made page 1 a page of its own
    return document


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


