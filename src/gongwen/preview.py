"""Text previews of the block list: what the .docx reads, as plain text or Markdown.

A reviewer reads a data change as a diff of these files instead of opening Word. Each
paragraph stays on one line (so a changed figure changes one line); the plain-text form
imitates the page: title centred, paragraphs indented two full-width spaces, 署名 and 日期
placed on a 28-character line by the same formula as the .docx.
"""

from __future__ import annotations

from .blocks import Block, Kind
from .layout import CHARS_PER_LINE
from .closing import closing_indents
from .widths import text_width

INDENT = "\u3000\u3000"  # two ideographic spaces: 左空二字


def to_text(blocks: list[Block]) -> str:
    indents = _closing_indents(blocks)
    lines: list[str] = []
    for block in blocks:
        if block.kind is Kind.TITLE:
            lines.append(_centre(block.full_text))
            lines.append("")
        elif block.kind in (Kind.SIGNATURE, Kind.DATE):
            if block.kind is Kind.SIGNATURE or not any(b.kind is Kind.SIGNATURE for b in blocks):
                lines.append("")
            lines.append(_right(block.full_text, indents[block.kind]))
        else:
            lines.append(INDENT + block.full_text)
    return "\n".join(lines).rstrip() + "\n"


def to_markdown(blocks: list[Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        if block.kind is Kind.TITLE:
            lines.append(f"# {block.full_text}")
        elif block.kind is Kind.HEADING:
            lines.append(f"{'#' * (block.level + 1)} {block.full_text}")
        elif block.kind in (Kind.SIGNATURE, Kind.DATE):
            lines.append(f'<p align="right">{block.full_text}</p>')
        else:
            lines.append(block.full_text)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _closing_indents(blocks: list[Block]) -> dict[Kind, float]:
    signature = next((b.text for b in blocks if b.kind is Kind.SIGNATURE), "")
    date = next((b.text for b in blocks if b.kind is Kind.DATE), "")
    return closing_indents(signature, date)


def _pad(width: float) -> str:
    """Leading space for ``width`` 字: ideographic spaces, a half-width space for a half."""
    whole = int(max(width, 0))
    return "\u3000" * whole + (" " if width - whole >= 0.5 else "")


def _centre(text: str) -> str:
    return _pad((CHARS_PER_LINE - text_width(text)) / 2) + text


def _right(text: str, right_chars: float) -> str:
    return _pad(CHARS_PER_LINE - right_chars - text_width(text)) + text


RENDERERS = {"txt": to_text, "md": to_markdown}
