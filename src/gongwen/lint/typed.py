"""The scanner behind GW116 and GW117: figures typed as digits in a text, right before a unit.

What counts and what does not (dates, ordinals, ranges, approximations, codes, anything inside
《》 “” 〔〕 … or ``{{ }}``) is described in ``figures``; this module only finds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from gongwen.lint.core import blank_expressions
from gongwen.lint.lazyre import LazyPattern

# Units of counts and measures a typed figure may carry (declared units are added).
COUNT_UNITS = (
    "个", "次", "名", "人", "位", "篇", "条", "家", "户", "栋", "幢", "部", "处", "场", "期", "项", "件", "份", "批",
    "支", "所", "座", "台", "辆", "套", "间", "张", "本", "册", "块", "面", "种", "类", "起", "例", "宗", "笔", "单",
    "元", "万元", "亿元", "人次", "万人次", "户次", "公里", "千米", "米", "平方米", "万平方米", "平方公里", "亩",
    "万亩", "公顷", "吨", "万吨", "千克", "公斤", "斤", "立方米", "万立方米", "千瓦", "千瓦时", "万千瓦时", "%", "％",
    "个百分点", "倍",
)  # fmt: skip
# Units of time and position: a figure before them is a date, time or duration, never a metric.
TIME_UNITS = (
    "年", "月", "日", "号", "时", "点", "分", "秒", "天", "周", "岁", "小时", "分钟", "个月", "个工作日",
    "个小时", "个星期", "星期", "工作日", "季度", "个季度", "年度", "世纪", "届", "层", "楼", "级", "版", "代",
)  # fmt: skip
_NUMBER = LazyPattern(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_DIGIT = LazyPattern(r"[0-9０-９]")
_NOT_DIGIT = LazyPattern(r"\D")
_CODE_BEFORE = LazyPattern(r"[A-Za-z_/:：.．·]")  # A3次, 1/2, 12:30 are codes, fractions, times
_CODE_AFTER = LazyPattern(r"[A-Za-z0-9０-９]")
_PAIRS = {"《": "》", "“": "”", "‘": "’", "「": "」", "『": "』", "〔": "〕", "［": "］", "[": "]", "【": "】"}
_NOT_BEFORE = (
    "第", "约", "近", "逾", "超", "超过", "不少于", "不低于", "不超过", "不足", "不到", "将近", "接近", "前", "编号",
    "电话", "手机", "传真", "代码",
)  # fmt: skip
_RANGE = "—－～~-至到"
_ORDINALS = LazyPattern(r"第[0-9０-９]+[、和及至到—－～~-]$")  # 第3、4次
_NOT_AFTER = ("以上", "以下", "以内", "左右", "多", "余", "上下", "之多", "开外")
_CLAUSE_END = "。；！？，、：;!?,:\n（）()"
CONTEXT = 20  # how far back (in characters, within the clause) a metric's name is looked for
MAX_DIGITS = 7  # a longer run of digits is a code or a phone number


class Typed(NamedTuple):
    """A figure typed in a text: ``召开会议6次`` → value 6, unit 次, and the clause before it."""

    start: int
    end: int  # after the unit
    value: float
    unit: str
    before: str  # the clause up to the number


_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_PAIR_MARK = LazyPattern("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")


def _masked(text: str) -> str:
    """``text`` with ``{{ }}`` and the insides of 《》 “” 〔〕 … blanked (offsets kept, linear time)."""
    blank = blank_expressions(text)
    parts, position = [], 0
    for start, end in _merged(_quoted_spans(blank)):
        parts += [blank[position:start], " " * (end - start)]
        position = end
    return "".join(parts) + blank[position:]


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of each closed pair; a closing mark closes the latest opening
    mark of its kind. Only the marks are visited, not every character."""
    open_at: dict[str, list[int]] = {}
    spans = []
    for match in _PAIR_MARK.finditer(text):
        index, char = match.start(), match.group()
        if char in _PAIRS:
            open_at.setdefault(char, []).append(index)
        elif open_at.get(_CLOSERS[char]):
            spans.append((open_at[_CLOSERS[char]].pop() + 1, index))
    return spans


def _merged(spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The union of ``spans`` as disjoint spans in order (pairs nest, and crossed pairs overlap)."""
    current: tuple[int, int] | None = None
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if current is not None and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current is not None:
            yield current
        current = (start, end)
    if current is not None:
        yield current


def normal_unit(unit: str) -> str:
    return unit.strip().replace("％", "%")


def _digits(text: str) -> str:
    return text.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))


def typed_figures(text: str, units: set[str]) -> Iterator[Typed]:
    """Every figure typed as digits right before one of ``units`` (see the module docstring)."""
    return scan(text, unit_table(units))


def unit_table(units: set[str]) -> dict[str, tuple[str, ...]]:
    """``units`` and the time units by their first character, longest first: a figure's unit is
    the longest one its text goes on with (built once per document, not once per text)."""
    table: dict[str, list[str]] = {}
    for unit in sorted(units | set(TIME_UNITS), key=len, reverse=True):
        table.setdefault(unit[:1], []).append(unit)
    return {first: tuple(group) for first, group in table.items()}


def _unit_at(masked: str, end: int, table: dict[str, tuple[str, ...]]) -> str | None:
    candidates = table.get(masked[end : end + 1], ()) + table.get("", ())  # "" would follow anything
    return next((u for u in candidates if masked.startswith(u, end)), None)


def scan(text: str, table: dict[str, tuple[str, ...]]) -> Iterator[Typed]:
    if not _DIGIT.search(text):
        return  # masking only blanks characters: no digit, no figure (most texts of a 总结)
    masked = _masked(text)
    for match in _NUMBER.finditer(masked):
        start, end = match.span()
        unit = _unit_at(masked, end, table)
        if unit is None or unit in TIME_UNITS or not _stated(masked, start, end, unit):
            continue
        before = masked[max(0, start - CONTEXT) : start]
        cut = max(before.rfind(c) for c in _CLAUSE_END)
        before = before[cut + 1 :]
        before = _DIGIT.split(before)[-1]  # not past the figure before
        yield Typed(start, end + len(unit), float(_digits(match.group())), normal_unit(unit), before)


def _stated(masked: str, start: int, end: int, unit: str) -> bool:
    """A single exact figure: not an ordinal, code, range end, phone number or approximation."""
    number = masked[start:end]
    previous = masked[start - 1] if start else ""
    if len(_NOT_DIGIT.sub("", number)) >= MAX_DIGITS or _CODE_BEFORE.match(previous or " "):
        return False
    if previous and previous in _RANGE and start >= 2 and masked[start - 2].isdigit():
        return False  # 1—11月, 3～5个
    if masked[max(0, start - 4) : start].endswith(_NOT_BEFORE) or _ORDINALS.search(masked, max(0, start - 12), start):
        return False
    after = masked[end + len(unit) : end + len(unit) + 3]
    if _CODE_AFTER.match(masked[end : end + 1] or " ") or after.startswith(_NOT_AFTER):
        return False
    return not (after[:1] and after[0] in _RANGE and after[1:2].isdigit())  # 30%～40%
