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

from gongwen.source.punctuation import clean, ends_with_punctuation


class Kind(str, Enum):
    TITLE = "标题"
    HEADING = "级标题"  # with a level: 一级标题 … 四级标题
    RUN_HEADING = "级连写标题"  # 二级连写标题: runs into the paragraph after it (（一）聚焦主责。全年……)
    PLAIN_HEADING = "级不编号标题"  # 二级不编号标题: a heading without a number (下一步工作要求：)
    LEAD = "小标题"  # the lead sentence of the paragraph or point after it
    UMBRELLA = "引语"  # the sentence that opens the 一是/二是 points after it
    LEAD_STYLE = "小标题字体"  # 仿宋/加粗/黑体/楷体 for every lead sentence of the document
    PARAGRAPH = "正文"
    POINT = "要点"  # one paragraph per point, numbered 一是、二是…
    RUN_POINT = "连写要点"  # consecutive ones merge into one paragraph
    SIGNATURE = "署名"
    SEALED_SIGNATURE = "盖章署名"  # with a seal: 署名 centred over the date, date 右空四字
    DATE = "日期"
    # 版头 (GB/T 9704 §7.2)
    COPY_NUMBER = "份号"
    SECRECY = "密级"
    URGENCY = "紧急程度"
    MASTHEAD = "发文机关标志"
    LETTER_MASTHEAD = "信函标志"  # 信函格式 (§10.1): 标志 30 mm from the paper top, red double lines
    DOC_NUMBER = "发文字号"
    SIGNERS = "签发人"
    # 主体 (§7.3)
    RECIPIENTS = "主送"
    ATTACHMENT_NOTE = "附件说明"  # numbered 附件：1.… 2.… when there are several
    NOTE = "附注"
    ATTENDEES = "出席"
    ABSENTEES = "请假"
    OBSERVERS = "列席"
    ATTACHMENT = "附件"  # starts a new page: 附件1 and its title
    TABLE_ROW = "表格"  # cells separated by ｜; the first row after 【附件】 is the header
    ISSUE = "期数"  # 简报: 第5期（总第32期）, centred under the 刊名
    EDITION = "编印"  # 简报: 编印单位｜日期, on one line above the red rule
    DISTRIBUTION = "报送"  # 简报: 报：…｜送：…｜发：…, between rules at the foot of the last page
    SUBTITLE = "副标题"  # ——在……上的讲话, centred under the title
    BYLINE = "题注"  # a speech's speaker and （date）, centred under the title
    TABLE_UNIT = "表格单位"  # 单位：万元, right-aligned above its table
    TABLE_TITLE = "表题"  # centred in 黑体 above its table
    TABLE_SIZE = "表格字号"  # 三号/四号/小四/五号 for the table that follows (default 四号)
    TABLE_HEAD = "表头"  # upper header tiers; ``<`` and ``^`` mark merged cells
    # 版记 (§7.4)
    COPIES_TO = "抄送"
    ISSUED = "印发"  # 印发机关｜印发日期印发


LEVEL_NAMES = "一二三四"
CHINESE_DIGITS = "零一二三四五六七八九"
# Blocks in one document: as many as the loader's MAX_NODES (5 000) data items, each of which
# makes at most one block. More can only come from a template's loop, and would keep the
# .docx writer busy for minutes.
MAX_BLOCKS = 5_000
TABLE_SIZES = ("三号", "四号", "小四", "五号")


@dataclass(frozen=True)
class Block:
    """One paragraph of the document. ``label`` is the generated number, kept apart from text."""

    kind: Kind
    text: str
    level: int = 0
    label: str = ""
    line: int = 0  # line of the template output it came from, for messages
    lead: str = ""  # a lead sentence or run-in heading before ``text``, set in its own font
    lead_level: int = 0  # the heading level a run-in lead keeps the font of; 0: a 小标题

    @property
    def tag(self) -> str:
        if self.kind in LEVELLED:
            return f"{LEVEL_NAMES[self.level - 1]}{self.kind.value}"
        return self.kind.value

    @property
    def full_text(self) -> str:
        return self.label + self.lead + self.text


class BlockSyntaxError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


_TAG_LINE = re.compile(r"^\s*【([^】]{1,8})】(.*)$")
LEVELLED = (Kind.HEADING, Kind.RUN_HEADING, Kind.PLAIN_HEADING)
_TAGS = {kind.value: (kind, 0) for kind in Kind if kind not in LEVELLED}
_TAGS.update({f"{LEVEL_NAMES[i]}{kind.value}": (kind, i + 1) for kind in LEVELLED for i in range(4)})
LEAD_STYLES = ("仿宋", "加粗", "黑体", "楷体")


def parse_blocks(text: str) -> list[Block]:
    """Template output → blocks; raises ``BlockSyntaxError`` for unknown tags or stray text."""
    pending: list[tuple[Kind, int, int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _TAG_LINE.match(line)
        if match and match.group(1) in _TAGS:
            kind, level = _TAGS[match.group(1)]
            if len(pending) == MAX_BLOCKS:
                raise BlockSyntaxError(number, f"块过多（超过 {MAX_BLOCKS:,} 个），请检查模板中的循环是否多输出了块。")
            pending.append((kind, level, number, [match.group(2)]))
        elif match:
            known = "、".join(f"【{t}】" for t in _TAGS)
            raise BlockSyntaxError(number, f"未知的块类型【{match.group(1)}】，可用的有：{known}")
        elif pending:
            pending[-1][3].append(line)
        else:
            raise BlockSyntaxError(number, "模板输出的第一行必须以【块类型】开头，例如【标题】")
    blocks = [Block(kind, clean("\n".join(parts)), level, line=n) for kind, level, n, parts in pending]
    for block in blocks:
        if block.kind is Kind.TABLE_SIZE and block.text not in TABLE_SIZES:
            raise BlockSyntaxError(block.line, f"【表格字号】“{block.text[:10]}”应为 {'、'.join(TABLE_SIZES)} 之一")
        if block.kind is Kind.LEAD_STYLE and block.text not in LEAD_STYLES:
            raise BlockSyntaxError(block.line, f"【小标题字体】“{block.text[:10]}”应为 {'、'.join(LEAD_STYLES)} 之一")
    kept_empty = (Kind.SIGNATURE, Kind.SEALED_SIGNATURE, Kind.DATE, Kind.POINT, Kind.RUN_POINT)
    return [b for b in blocks if b.text or b.kind in kept_empty]  # a point may be its 小标题 alone


MAX_CHINESE_NUMBER = 99_999_999  # 九千九百九十九万…: far beyond any list a 公文 or the loader allows


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 99 → 九十九, 100 → 一百, 101 → 一百零一, 110 → 一百一十,
    10 000 → 一万 (层次序数, GB/T 15835): 一 is dropped only before a leading 十."""
    if not 0 < n <= MAX_CHINESE_NUMBER:
        raise ValueError(f"序号超出范围：{n}")
    high, low = divmod(n, 10_000)
    if not high:
        return _below_ten_thousand(n, leading=True)
    text = _below_ten_thousand(high, leading=True) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _below_ten_thousand(low, leading=False)
    return text


def _below_ten_thousand(n: int, leading: bool) -> str:
    """1 ≤ n ≤ 9999 in digits and 千百十, with 零 for each run of missing places."""
    text, gap = "", False
    for unit, place in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = n // place % 10
        if not digit:
            gap = bool(text)
            continue
        if gap:
            text += "零"
            gap = False
        if not (leading and not text and place == 10 and digit == 1):  # 十二, but 一百一十二
            text += CHINESE_DIGITS[digit]
        text += unit
    return text


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
    """Give headings, points and attachments their numbers; merge run-together points, give
    each 小标题 to the paragraph or point after it and run a 连写标题 into its paragraph."""
    counters = [0, 0, 0, 0, 0]
    numbered: list[Block] = []
    point_count, lead, umbrella = 0, "", False
    for block in _number_attachments(blocks):
        if block.kind is Kind.LEAD:
            lead = block.text
            continue
        if block.kind in (Kind.POINT, Kind.RUN_POINT):
            point_count += 1
            numbered.append(_point(block, point_count, numbered, lead, umbrella))
            lead = ""
            continue
        point_count, umbrella = 0, block.kind is Kind.UMBRELLA
        if block.kind is Kind.UMBRELLA:
            block = replace(block, kind=Kind.PARAGRAPH)
        if block.kind in (Kind.HEADING, Kind.RUN_HEADING):
            counters[block.level] += 1
            counters[block.level + 1 :] = [0] * (len(counters) - block.level - 1)
            block = replace(block, label=heading_label(block.level, counters[block.level]))
        if lead and block.kind is Kind.PARAGRAPH:
            block, lead = replace(block, lead=lead), ""
        numbered.append(block)
    return _run_in(numbered)


def _point(block: Block, n: int, numbered: list[Block], lead: str, umbrella: bool) -> Block:
    """一是 + the point: its 小标题 as the lead; run-together points join the paragraph before
    (the 引语, or the point before), where leads are plain text."""
    text = block.text if not block.text or ends_with_punctuation(block.text) else block.text + "。"
    opening = f"{chinese_number(n)}是"
    if block.kind is Kind.RUN_POINT and (n > 1 or umbrella) and numbered and numbered[-1].kind is Kind.PARAGRAPH:
        previous = numbered.pop()
        return replace(previous, text=previous.text + opening + lead + text)
    if lead:
        return Block(Kind.PARAGRAPH, text, line=block.line, lead=opening + lead)
    return Block(Kind.PARAGRAPH, opening + text, line=block.line)


def _run_in(blocks: list[Block]) -> list[Block]:
    """（一）聚焦主责主业。全年……: a 连写标题 becomes the lead of the paragraph after it, in the
    font of its level; with no paragraph after it, it stays a heading line of its own."""
    result: list[Block] = []
    for index, block in enumerate(blocks):
        if index and blocks[index - 1].kind is Kind.RUN_HEADING and block.kind is Kind.PARAGRAPH:
            heading = result.pop()
            lead = heading.full_text if ends_with_punctuation(heading.full_text) else heading.full_text + "。"
            block = replace(block, lead=lead, lead_level=heading.level, text=block.lead + block.text)
        elif block.kind is Kind.RUN_HEADING and not (
            index + 1 < len(blocks) and blocks[index + 1].kind is Kind.PARAGRAPH
        ):
            block = replace(block, kind=Kind.HEADING)
        result.append(block)
    return result


def _number_attachments(blocks: list[Block]) -> list[Block]:
    """附件：1.… 2.… in the 附件说明 and 附件1, 附件2 on their pages; no number for a single one."""
    notes = sum(b.kind is Kind.ATTACHMENT_NOTE for b in blocks)
    pages = sum(b.kind is Kind.ATTACHMENT for b in blocks)
    note_index = page_index = 0
    result = []
    for block in blocks:
        if block.kind is Kind.ATTACHMENT_NOTE:
            note_index += 1
            number = f"{note_index}." if notes > 1 else ""
            block = replace(block, label=("附件：" if note_index == 1 else "") + number)
        elif block.kind is Kind.ATTACHMENT:
            page_index += 1
            block = replace(block, label=f"附件{page_index}" if pages > 1 else "附件")
        result.append(block)
    return result


def dump_blocks(blocks: list[Block]) -> str:
    """The numbered block list in the template's own text form."""
    return "".join(
        f"【{b.tag}】{b.full_text if b.kind is not Kind.ATTACHMENT else b.label + '｜' + b.text}\n" for b in blocks
    )


def table_cells(block: Block) -> list[str]:
    return [cell.strip() for cell in block.text.split("｜")]
