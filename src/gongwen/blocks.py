"""The block model: a document as a flat list of typed paragraphs, readable as plain text.

Wording templates print one block per line, tagged with its kind::

    【标题】新城街道办事处2021年四城同创工作总结
    【一级标题】加强领导，明确责任
    【正文】根据市委、市政府的要求……
    【要点】开辟宣传阵地。分别在社区……
    【署名】新城街道办事处
    【日期】2021年12月2日

A line without a tag continues the block above it. ``number_blocks`` then generates every
number (一、（一）1.（1）and 一是/二是), so neither the YAML nor a template ever types one.
The same text form, numbered, is what previews and diffs print (``dump_blocks``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from .punctuation import clean, ends_with_punctuation


class Kind(str, Enum):
    TITLE = "标题"
    HEADING = "级标题"  # with a level: 一级标题 … 四级标题
    PARAGRAPH = "正文"
    POINT = "要点"  # one paragraph per point, numbered 一是、二是…
    RUN_POINT = "连写要点"  # consecutive ones merge into one paragraph
    SIGNATURE = "署名"
    DATE = "日期"


LEVEL_NAMES = "一二三四"
CHINESE_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Block:
    """One paragraph of the document. ``label`` is the generated number, kept apart from text."""

    kind: Kind
    text: str
    level: int = 0
    label: str = ""
    line: int = 0  # line of the template output it came from, for messages

    @property
    def tag(self) -> str:
        if self.kind is Kind.HEADING:
            return f"{LEVEL_NAMES[self.level - 1]}级标题"
        return self.kind.value

    @property
    def full_text(self) -> str:
        return self.label + self.text


class BlockSyntaxError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


_TAG_LINE = re.compile(r"^\s*【([^】]{1,8})】(.*)$")
_TAGS = {kind.value: (kind, 0) for kind in Kind if kind is not Kind.HEADING}
_TAGS.update({f"{LEVEL_NAMES[i]}级标题": (Kind.HEADING, i + 1) for i in range(4)})


def parse_blocks(text: str) -> list[Block]:
    """Template output → blocks; raises ``BlockSyntaxError`` for unknown tags or stray text."""
    pending: list[tuple[Kind, int, int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _TAG_LINE.match(line)
        if match and match.group(1) in _TAGS:
            kind, level = _TAGS[match.group(1)]
            pending.append((kind, level, number, [match.group(2)]))
        elif match:
            known = "、".join(f"【{t}】" for t in _TAGS)
            raise BlockSyntaxError(number, f"未知的块类型【{match.group(1)}】，可用的有：{known}")
        elif pending:
            pending[-1][3].append(line)
        else:
            raise BlockSyntaxError(number, "模板输出的第一行必须以【块类型】开头，例如【标题】")
    blocks = [Block(kind, clean("\n".join(parts)), level, line=n) for kind, level, n, parts in pending]
    return [b for b in blocks if b.text or b.kind in (Kind.SIGNATURE, Kind.DATE)]


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (层次序数, GB/T 15835)."""
    if not 0 < n < 100:
        raise ValueError(f"序号超出范围：{n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CHINESE_DIGITS[ones]
    head = "" if tens == 1 else CHINESE_DIGITS[tens]
    return head + "十" + (CHINESE_DIGITS[ones] if ones else "")


def heading_label(level: int, n: int) -> str:
    """GB/T 9704 §7.3.3 numbering: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def number_blocks(blocks: list[Block]) -> list[Block]:
    """Give headings and points their numbers; merge run-together points into one paragraph."""
    counters = [0, 0, 0, 0, 0]
    numbered: list[Block] = []
    point_count = 0
    for block in blocks:
        if block.kind in (Kind.POINT, Kind.RUN_POINT):
            point_count += 1
            numbered.append(_point(block, point_count, numbered))
            continue
        point_count = 0
        if block.kind is Kind.HEADING:
            counters[block.level] += 1
            counters[block.level + 1 :] = [0] * (len(counters) - block.level - 1)
            block = replace(block, label=heading_label(block.level, counters[block.level]))
        numbered.append(block)
    return numbered


def _point(block: Block, n: int, numbered: list[Block]) -> Block:
    text = block.text if ends_with_punctuation(block.text) else block.text + "。"
    text = f"{chinese_number(n)}是{text}"
    if block.kind is Kind.RUN_POINT and n > 1 and numbered and numbered[-1].kind is Kind.PARAGRAPH:
        previous = numbered.pop()
        return replace(previous, text=previous.text + text)
    return Block(Kind.PARAGRAPH, text, line=block.line)


def dump_blocks(blocks: list[Block]) -> str:
    """The numbered block list in the template's own text form."""
    return "".join(f"【{b.tag}】{b.full_text}\n" for b in blocks)
