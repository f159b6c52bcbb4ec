"""The 落款 (GB/T 9704 §7.3.4–§7.3.6): 附件说明, 署名 and 成文日期 with or without a seal,
附注, and the attendance lines of a 纪要 (§10.3).

Positions come from the standard's formulas in 字, written as right/left indents so Word,
WPS and LibreOffice agree (no padding with spaces).
"""

from __future__ import annotations

from gongwen.docx import layout
from gongwen.wording.blocks import Block, Kind
from gongwen.docx.paragraphs import BodyWriter, indent_chars
from gongwen.wording.widths import text_width

SEAL_BLANK_LINES = 3  # room for a 4.2 cm seal whose top stays within a line of the body
NO_SEAL_BLANK_LINES = 1  # §7.3.5.2: 署名 one line below the body


def closing_indents(signature: str, date: str, sealed: bool = False) -> dict[Kind, float]:
    """Right indents in 字 for 署名 and 成文日期 (§7.3.5).

    With a seal: 日期 右空四字, 署名 centred over the 日期. Without: 署名 右空二字, the date
    starts two characters right of the 署名's first character; when the date is longer,
    the date is 右空二字 and the 署名 moves left.
    """
    n, d = text_width(signature), text_width(date)
    base = layout.SIGNATURE_RIGHT_CHARS
    if sealed:
        return {Kind.SIGNATURE: 2 * base + (d - n) / 2, Kind.DATE: 2 * base}
    if not signature:
        return {Kind.SIGNATURE: base, Kind.DATE: base}
    if d > n:
        return {Kind.SIGNATURE: d - n + 2 * base, Kind.DATE: base}
    return {Kind.SIGNATURE: base, Kind.DATE: n - d}


ORGAN_BREAK = "|"  # between the organs of a joint 署名, lead organ first


def signature_lines(organs: list[str], date: str, sealed: bool) -> list[tuple[str, float]]:
    """Each organ's line and right indent in 字: one per line, lead organ first (§7.3.5).

    Without a seal the names share the right edge the formula gives the longest; with a seal
    each is centred over the date (seals are placed by hand, one over each name).
    """
    if not organs:
        return []
    longest = max(organs, key=text_width)
    right = closing_indents(longest, date, sealed)[Kind.SIGNATURE]
    if not sealed:
        return [(name, right) for name in organs]
    return [(name, closing_indents(name, date, sealed)[Kind.SIGNATURE]) for name in organs]


def write_closing(writer: BodyWriter, blocks: list[Block]) -> None:
    _keep_body_end_with_closing(writer)
    notes = [b for b in blocks if b.kind is Kind.ATTACHMENT_NOTE]
    if notes:
        writer.blank(keep_with_next=True)
        for index, note in enumerate(notes):
            _write_attachment_note(writer, note, first=index == 0)
    signature = next((b for b in blocks if b.kind in (Kind.SIGNATURE, Kind.SEALED_SIGNATURE)), None)
    date = next((b for b in blocks if b.kind is Kind.DATE), None)
    sealed = signature is not None and signature.kind is Kind.SEALED_SIGNATURE
    if signature or date:
        writer.blank(SEAL_BLANK_LINES if sealed else NO_SEAL_BLANK_LINES, keep_with_next=True)
        organs = [name for name in (signature.text.split(ORGAN_BREAK) if signature else []) if name]
        date_text = date.text if date else ""
        for name, right in signature_lines(organs, date_text, sealed):
            indent_chars(writer.add("closing", name, keep_with_next=True), right=right)
        if date_text:
            longest = max(organs, key=text_width) if organs else ""
            indent_chars(writer.add("closing", date_text), right=closing_indents(longest, date_text, sealed)[Kind.DATE])
    for note in (b for b in blocks if b.kind is Kind.NOTE):
        writer.add("body", note.text)  # §7.3.6: 附注 左空二字, in parentheses (from the template)


SHORT_PARAGRAPH_LINES = 4


def _keep_body_end_with_closing(writer: BodyWriter) -> None:
    """Keep the body's end on the 落款's page so the 署名 never stands alone (§7.3.5.5).

    LibreOffice moves a whole keep-with-next paragraph, so a long last paragraph would leave
    the page before it short by its full length (measured: 19 of 22 lines). Only a short
    one (特此报告。, a closing sentence) is kept; a long one keeps its last two lines together
    with widow control and the 落款 follows it.
    """
    last = writer.last_paragraph()
    if last is None:
        return
    lines = text_width(last.text) / layout.CHARS_PER_LINE + 0.1
    if lines <= SHORT_PARAGRAPH_LINES:
        last.paragraph_format.keep_with_next = True
    else:
        last.paragraph_format.widow_control = True


def _write_attachment_note(writer: BodyWriter, block: Block, first: bool) -> None:
    """附件：1.名称 with later items aligned under 1. and wrapped names under the name (§7.3.4)."""
    label = "附件：" if first else ""
    number = block.label.removeprefix("附件：")
    name_start = 2 + 3 + text_width(number)  # 左空二字 + 附件： + number
    paragraph = writer.add("flush", block.full_text, keep_with_next=True)
    indent_chars(paragraph, left=name_start, firstLine=-(text_width(label) + text_width(number)))


def write_attendance(writer: BodyWriter, block: Block, first: bool) -> None:
    """出席：/请假：/列席： in 黑体, names in 仿宋, wrapped lines aligned after the colon."""
    if first:
        writer.blank()
    paragraph = writer.add("flush")
    label = f"{block.kind.value}："
    writer.run(paragraph, label, layout.FONT_LEVEL1)
    writer.run(paragraph, block.text, layout.FONT_BODY)
    indent_chars(paragraph, left=2 + text_width(label), firstLine=-text_width(label))
