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
from docx.enum.text import WD_ALIGN_PARAGRAPH

from gongwen.source.texts import TITLE_BREAK
from gongwen.wording.blocks import Block, Kind
from gongwen.docx import attachments, brief, closing, colophon, masthead
from gongwen.docx.paragraphs import BodyWriter
from gongwen.docx.layout import FONT_BODY, FONT_LEVEL1, FONT_LEVEL2
from gongwen.docx.styles import STYLES, latin_font

MASTHEAD_KINDS = {
    Kind.COPY_NUMBER,
    Kind.SECRECY,
    Kind.URGENCY,
    Kind.MASTHEAD,
    Kind.LETTER_MASTHEAD,
    Kind.DOC_NUMBER,
    Kind.SIGNERS,
    Kind.ISSUE,
    Kind.EDITION,
}
CLOSING_KINDS = {Kind.ATTACHMENT_NOTE, Kind.SIGNATURE, Kind.SEALED_SIGNATURE, Kind.DATE, Kind.NOTE}
COLOPHON_KINDS = {Kind.COPIES_TO, Kind.ISSUED}
ZONES = {
    **{kind: "masthead" for kind in MASTHEAD_KINDS},
    **{kind: "closing" for kind in CLOSING_KINDS},
    **{kind: "colophon" for kind in COLOPHON_KINDS},
    Kind.TABLE_ROW: "table",
    Kind.TABLE_HEAD: "table",
    Kind.TABLE_SIZE: "table",
    Kind.DISTRIBUTION: "distribution",
}
SINGLE_STYLE = {
    Kind.TITLE: "title",
    Kind.PARAGRAPH: "body",
    Kind.RECIPIENTS: "flush",
    Kind.TABLE_UNIT: "closing",  # 单位：万元 at the table's top right
}


def write_body(document: DocxDocument, blocks: list[Block]) -> None:
    """Write every block, zone by zone, in order."""
    zone_writers: dict[str, Callable[[BodyWriter, list[Block]], None]] = {
        "masthead": masthead.write_masthead,
        "closing": closing.write_closing,
        "table": attachments.write_table,
        "colophon": colophon.write_colophon,
        "distribution": brief.write_distribution,
    }
    writer = BodyWriter(document, next((b.text for b in blocks if b.kind is Kind.LEAD_STYLE), "仿宋"))
    following = {id(block): after for block, after in zip(blocks, [*blocks[1:], None])}
    for zone, group in groupby(blocks, key=lambda b: ZONES.get(b.kind, "single")):
        group = list(group)
        if zone == "single":
            for block in group:
                _write_single(writer, block, blocks, following[id(block)])
        else:
            zone_writers[zone](writer, group)


UNDER_TITLE = (Kind.SUBTITLE, Kind.BYLINE)  # lines that stay with the title, the blank after them


def _write_single(writer: BodyWriter, block: Block, blocks: list[Block], after: Block | None) -> None:
    last_under_title = after is None or after.kind not in UNDER_TITLE
    if block.kind in UNDER_TITLE:
        paragraph = writer.add("flush", block.text, font=FONT_LEVEL2)  # 楷体, as a speech's 题注
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if last_under_title:
            writer.blank()
    elif block.kind in (Kind.HEADING, Kind.PLAIN_HEADING):
        writer.add(f"h{block.level}", block.full_text)
    elif block.kind is Kind.PARAGRAPH and block.lead:
        _write_led(writer, block)
    elif block.kind is Kind.LEAD_STYLE:
        return  # read once, above
    elif block.kind is Kind.ATTACHMENT:
        attachments.write_attachment_head(writer, block)
    elif block.kind in (Kind.ATTENDEES, Kind.ABSENTEES, Kind.OBSERVERS):
        closing.write_attendance(writer, block, first=_first_of_attendance(block, blocks))
    elif block.kind is Kind.TITLE:
        _write_title(writer, block.text.split(TITLE_BREAK), blank_after=last_under_title)
    elif block.kind is Kind.TABLE_TITLE:
        attachments.write_table_title(writer, block)
    else:
        writer.add(SINGLE_STYLE[block.kind], block.full_text)


def _write_title(writer: BodyWriter, lines: list[str], blank_after: bool = True) -> None:
    """One centred paragraph, lines separated by breaks, then an empty line (§7.3.1, §7.3.2)."""
    paragraph = writer.add("title")
    spec = STYLES["title"]
    for index, line in enumerate(lines):
        run = writer.run(paragraph, line, spec.east_asia, latin_font(spec))
        if index < len(lines) - 1:
            run.add_break()
    if blank_after:
        writer.blank()


LEVEL_FONTS = {1: FONT_LEVEL1, 2: FONT_LEVEL2, 3: FONT_BODY, 4: FONT_BODY}  # GB/T 9704 §7.3.3
LEAD_FONTS = {"仿宋": FONT_BODY, "加粗": FONT_BODY, "黑体": FONT_LEVEL1, "楷体": FONT_LEVEL2}


def _write_led(writer: BodyWriter, block: Block) -> None:
    """A paragraph led by a run-in heading (in its level's font) or a 小标题 (in the house
    style); a lead in the body font is not split off, so the paragraph stays one run."""
    bold = not block.lead_level and writer.lead_style == "加粗"
    font = LEVEL_FONTS[block.lead_level] if block.lead_level else LEAD_FONTS[writer.lead_style]
    if font == FONT_BODY and not bold:
        writer.add("body", block.full_text)
        return
    paragraph = writer.add("body", block.label + block.lead, font=font)
    paragraph.runs[0].bold = bold or None
    writer.run(paragraph, block.text, FONT_BODY)


def _first_of_attendance(block: Block, blocks: list[Block]) -> bool:
    kinds = (Kind.ATTENDEES, Kind.ABSENTEES, Kind.OBSERVERS)
    return next(b for b in blocks if b.kind in kinds) is block
