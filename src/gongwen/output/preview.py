"""Text previews of the block list: what the .docx reads, as plain text or Markdown.

A reviewer reads a data change as a diff of these files instead of opening Word. Each
paragraph stays on one line (so a changed figure changes one line); the plain-text form
imitates the page on a 28-character line: title and 标志 centred, paragraphs indented two
full-width spaces, 署名 and 日期 placed by the same formula as the .docx, rules as lines.
"""

from __future__ import annotations

from gongwen.source.texts import TITLE_BREAK
from gongwen.wording.blocks import Block, Kind, dump_blocks, table_cells
from gongwen.docx.closing import ORGAN_BREAK, closing_indents, signature_lines
from gongwen.docx.layout import CHARS_PER_LINE
from gongwen.wording.widths import text_width

INDENT = "\u3000\u3000"  # two ideographic spaces: 左空二字
RULE = "─" * CHARS_PER_LINE
FLUSH = {Kind.COPY_NUMBER, Kind.SECRECY, Kind.URGENCY, Kind.RECIPIENTS}
CENTRED = {Kind.MASTHEAD, Kind.TITLE}
SIGNATURES = (Kind.SIGNATURE, Kind.SEALED_SIGNATURE)
MERGE_MARKS = ("<", "^")  # gongwen.model.tables: merged into the cell to the left / above


def to_text(blocks: list[Block]) -> str:
    lines: list[str] = []
    indents = _closing_indents(blocks)
    for index, block in enumerate(blocks):
        previous = blocks[index - 1].kind if index else None
        lines += _text_lines(block, previous, indents, blocks)
    return "\n".join(lines).strip("\n") + "\n"


def _text_lines(block: Block, previous: Kind | None, indents: dict, blocks: list[Block]) -> list[str]:
    kind = block.kind
    if kind in CENTRED:
        return [_centre(line) for line in block.full_text.split(TITLE_BREAK)] + [""]
    if kind in FLUSH:
        return [block.full_text]
    if kind is Kind.DOC_NUMBER:
        signers = next((b.text.replace("|", "\u3000") for b in blocks if b.kind is Kind.SIGNERS), "")
        line = _spread(f"\u3000{block.text}", f"签发人：{signers}\u3000") if signers else _centre(block.text)
        return [line, RULE, ""]
    if kind is Kind.SIGNERS:
        return []
    if kind in SIGNATURES:
        date = next((b.text for b in blocks if b.kind is Kind.DATE), "")
        organs = [name for name in block.text.split(ORGAN_BREAK) if name]
        return [""] + [
            _right(name, right) for name, right in signature_lines(organs, date, kind is Kind.SEALED_SIGNATURE)
        ]
    if kind is Kind.DATE and previous not in SIGNATURES:
        return ["", _right(block.text, indents[Kind.DATE])]
    if kind is Kind.DATE:
        return [_right(block.text, indents[Kind.DATE])]
    if kind is Kind.ATTACHMENT_NOTE:
        hang = "" if block.label.startswith("附件") else "\u3000" * 3  # aligned under 1.
        lines = [] if previous is Kind.ATTACHMENT_NOTE else [""]
        return lines + [INDENT + hang + block.full_text]
    if kind in (Kind.ATTENDEES, Kind.ABSENTEES, Kind.OBSERVERS):
        return [f"{INDENT}{kind.value}：{block.text}"]
    if kind is Kind.ATTACHMENT:
        return ["", _centre("（另页）"), block.label, "", _centre(block.text), ""]
    if kind in (Kind.TABLE_ROW, Kind.TABLE_HEAD):
        return ["｜".join(_unmerged(block, header=previous is not Kind.TABLE_ROW))]
    if kind in (Kind.TABLE_TITLE, Kind.SUBTITLE, Kind.BYLINE):
        return [_centre(block.text)]
    if kind in (Kind.TABLE_SIZE, Kind.LEAD_STYLE):
        return []
    if kind is Kind.TABLE_UNIT:
        return [_right(block.text, 0)]
    if kind is Kind.ISSUE:
        return ["", _centre(block.text)]
    if kind is Kind.EDITION:
        organ, _, date = block.text.partition("｜")
        return [_spread(organ, date), RULE, ""]
    if kind is Kind.DISTRIBUTION:
        return ["", RULE] + [f"\u3000{line}" for line in block.text.split("｜")] + [RULE]
    if kind is Kind.COPIES_TO:
        return ["", RULE, f"\u3000抄送：{block.text}"]
    if kind is Kind.ISSUED:
        organ, _, date = block.text.partition("｜")
        opening = [] if previous is Kind.COPIES_TO else ["", RULE]
        return opening + [RULE if previous is Kind.COPIES_TO else "", _spread(f"\u3000{organ}", f"{date}\u3000"), RULE]
    return [INDENT + block.full_text]


def to_markdown(blocks: list[Block]) -> str:
    lines: list[str] = []
    for index, block in enumerate(blocks):
        kind = block.kind
        if kind in (Kind.TITLE, Kind.MASTHEAD):
            lines.append(f"# {block.full_text.replace(TITLE_BREAK, '')}")
        elif kind is Kind.HEADING:
            lines.append(f"{'#' * (block.level + 1)} {block.full_text}")
        elif kind in (*SIGNATURES, Kind.DATE):
            lines.append(f'<p align="right">{block.full_text}</p>')
        elif kind is Kind.ATTACHMENT:
            lines += ["---", f"**{block.label}**", "", f"## {block.text}"]
        elif kind in (Kind.TABLE_ROW, Kind.TABLE_HEAD):
            lines.append(_markdown_row(block, lines, header=not index or blocks[index - 1].kind is not Kind.TABLE_ROW))
            continue
        elif kind in (Kind.TABLE_SIZE, Kind.LEAD_STYLE):
            continue
        elif kind is Kind.PARAGRAPH and block.lead:
            lines.append(f"**{block.label}{block.lead}**{block.text}")
        elif kind in (Kind.SUBTITLE, Kind.BYLINE):
            lines.append(f'<p align="center">{block.text}</p>')
        elif kind is Kind.TABLE_TITLE:
            lines.append(f"**{block.text}**")
        elif kind in (Kind.ATTENDEES, Kind.ABSENTEES, Kind.OBSERVERS):
            lines.append(f"**{kind.value}：**{block.text}")
        elif kind in (Kind.COPIES_TO, Kind.ISSUED):
            text = f"抄送：{block.text}" if kind is Kind.COPIES_TO else block.text.replace("｜", "　")
            lines.append(f"> {text}")
        else:
            lines.append(block.full_text)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _unmerged(block: Block, header: bool) -> list[str]:
    """A header row shows a merged cell once; the places it covers (``<``, ``^``) stay empty.
    A header row is a 【表头】 or the first 【表格】 row of a table."""
    cells = table_cells(block)
    return [("" if cell in MERGE_MARKS else cell) for cell in cells] if header else cells


def _markdown_row(block: Block, lines: list[str], header: bool) -> str:
    cells = _unmerged(block, header)
    row = "| " + " | ".join(cells) + " |"
    if not lines or not lines[-1].startswith("|"):
        return row + "\n|" + " --- |" * len(cells)
    return row


def _closing_indents(blocks: list[Block]) -> dict[Kind, float]:
    signature = next((b for b in blocks if b.kind in SIGNATURES), None)
    date = next((b.text for b in blocks if b.kind is Kind.DATE), "")
    sealed = signature is not None and signature.kind is Kind.SEALED_SIGNATURE
    organs = signature.text.split(ORGAN_BREAK) if signature else [""]
    return closing_indents(max(organs, key=text_width), date, sealed)


def _pad(width: float) -> str:
    """Leading space for ``width`` 字: ideographic spaces, a half-width space for a half."""
    whole = int(max(width, 0))
    return "\u3000" * whole + (" " if width - whole >= 0.5 else "")


def _plain(text: str) -> float:
    return text_width(text, autospace=False)


def _centre(text: str) -> str:
    return _pad((CHARS_PER_LINE - _plain(text)) / 2) + text


def _right(text: str, right_chars: float) -> str:
    return _pad(CHARS_PER_LINE - right_chars - _plain(text)) + text


def _spread(left: str, right: str) -> str:
    """``left`` and ``right`` on one 28-character line, as with a right tab stop."""
    return left + _pad(CHARS_PER_LINE - _plain(left) - _plain(right)) + right


RENDERERS = {"txt": to_text, "md": to_markdown, "blocks": dump_blocks}
