"""Blocks → paragraphs: groups the block list into the zones of a 公文 and writes each.

A 公文 has zones that are laid out as units (GB/T 9704 §7): the 版头 (份号 … 发文字号 and
签发人 on one line, the red separator), the 落款 (附件说明, 署名 and 成文日期 placed by a
formula, 附注), tables on 附件 pages, and the 版记 at the foot of the last page. Everything
else is one paragraph per block in the style of its role.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from docx.document import Document as DocxDocument
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Twips
from docx.text.paragraph import Paragraph

from gongwen.docx import layout, oxml
from gongwen.compose.blocks import TITLE_BREAK, Block, Kind
from gongwen.docx.styles import STYLES, latin_font

MASTHEAD_KINDS = {
    Kind.COPY_NUMBER,
    Kind.SECRECY,
    Kind.URGENCY,
    Kind.MASTHEAD,
    Kind.LETTER_MASTHEAD,
    Kind.DOC_NUMBER,
    Kind.SIGNERS,
}
CLOSING_KINDS = {Kind.ATTACHMENT_NOTE, Kind.SIGNATURE, Kind.SEALED_SIGNATURE, Kind.DATE, Kind.NOTE}
COLOPHON_KINDS = {Kind.COPIES_TO, Kind.ISSUED}
ZONES = {
    **{kind: "masthead" for kind in MASTHEAD_KINDS},
    **{kind: "closing" for kind in CLOSING_KINDS},
    **{kind: "colophon" for kind in COLOPHON_KINDS},
    Kind.TABLE_ROW: "table",
}
SINGLE_STYLE = {
    Kind.TITLE: "title",
    Kind.PARAGRAPH: "body",
    Kind.RECIPIENTS: "flush",
}


class BodyWriter:
    """Appends paragraphs to a python-docx document; the zone writers build on it."""

    def __init__(self, document: DocxDocument):
        self.document = document

    def add(self, style_key: str, text: str = "", *, font: str | None = None) -> Paragraph:
        """A paragraph in a named style with one run (omitted when ``text`` is empty)."""
        spec = STYLES[style_key]
        paragraph = self.document.add_paragraph()
        paragraph._p.get_or_add_pPr().style = spec.style_id  # by id: a lookup by name scans styles.xml
        if text:
            self.run(paragraph, text, font or spec.east_asia, latin_font(spec))
        return paragraph

    def run(self, paragraph: Paragraph, text: str, east_asia: str, latin: str = layout.FONT_LATIN):
        run = paragraph.add_run(text)
        oxml.set_fonts(run._r.get_or_add_rPr(), east_asia, latin, hint_east_asia=True)
        return run

    def blank(self, count: int = 1, keep_with_next: bool = False) -> None:
        for _ in range(count):
            paragraph = self.add("body")
            paragraph.paragraph_format.keep_with_next = keep_with_next


def exact_height(paragraph: Paragraph, twips: int) -> None:
    """A line of exactly ``twips``, off the document grid (which would round it to grid lines)."""
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Twips(twips)
    oxml.set_flag(paragraph._p.get_or_add_pPr(), "w:snapToGrid", False)


def indent_chars(paragraph: Paragraph, **chars: float) -> None:
    """Indents in 字 (``left=``, ``right=``, ``firstLine=``), written as twips and ``*Chars``."""
    values: dict[str, int] = {}
    for side, amount in chars.items():
        values[side] = int(round(amount * layout.CHAR_WIDTH_TWIPS))
        values[f"{side}Chars"] = int(round(amount * 100))
    oxml.set_indent(paragraph._p.get_or_add_pPr(), **values)


def write_body(document: DocxDocument, blocks: list[Block]) -> None:
    """Write every block, zone by zone, in order."""
    from gongwen.docx import attachments, closing, colophon, masthead  # zone writers use BodyWriter

    zone_writers: dict[str, Callable[[BodyWriter, list[Block]], None]] = {
        "masthead": masthead.write_masthead,
        "closing": closing.write_closing,
        "table": attachments.write_table,
        "colophon": colophon.write_colophon,
    }
    writer = BodyWriter(document)
    for zone, group in groupby(blocks, key=lambda b: ZONES.get(b.kind, "single")):
        group = list(group)
        if zone == "single":
            for block in group:
                _write_single(writer, block, blocks)
        else:
            zone_writers[zone](writer, group)


def _write_single(writer: BodyWriter, block: Block, blocks: list[Block]) -> None:
    from gongwen.docx import attachments, closing

    if block.kind is Kind.HEADING:
        writer.add(f"h{block.level}", block.full_text)
    elif block.kind is Kind.ATTACHMENT:
        attachments.write_attachment_head(writer, block)
    elif block.kind in (Kind.ATTENDEES, Kind.ABSENTEES, Kind.OBSERVERS):
        closing.write_attendance(writer, block, first=_first_of_attendance(block, blocks))
    elif block.kind is Kind.TITLE:
        _write_title(writer, block.text.split(TITLE_BREAK))
    else:
        writer.add(SINGLE_STYLE[block.kind], block.full_text)


def _write_title(writer: BodyWriter, lines: list[str]) -> None:
    """One centred paragraph, lines separated by breaks, then an empty line (§7.3.1, §7.3.2)."""
    paragraph = writer.add("title")
    spec = STYLES["title"]
    for index, line in enumerate(lines):
        run = writer.run(paragraph, line, spec.east_asia, latin_font(spec))
        if index < len(lines) - 1:
            run.add_break()
    writer.blank()


def _first_of_attendance(block: Block, blocks: list[Block]) -> bool:
    kinds = (Kind.ATTENDEES, Kind.ABSENTEES, Kind.OBSERVERS)
    return next(b for b in blocks if b.kind in kinds) is block
