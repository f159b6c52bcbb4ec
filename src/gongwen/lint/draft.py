"""Draft rules: what a half-finished draft leaves behind (GW118, GW119).

GW118 finds a figure left blank: ``召开会议  次``, ``完成　　件``, ``2022年  月  日`` — a run
of spaces (ASCII or full-width) where a number belongs, just before a measure word, unit or
date part. (``____``, ``＿＿``, ``x``, ``*`` and ``○○`` are placeholders of GW101.)

GW119 finds a part label typed at the start of a heading: ``第一部分``, ``第二章``, ``第三节``.
gongwen numbers headings itself, so such a heading prints as ``一、第一部分……``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongwen.lint.core import CJK_CHAR, ERROR, Finding, Source, expressions, rule, snippet
from gongwen.lint.numbering import role, typed_number
from gongwen.lint.text import FIGURE_FOLLOWERS
from gongwen.source.loader import Path_, visible
from gongwen.lint.lazyre import LazyPattern

# ---------------------------------------------------------------- GW118 blank figures

_BLANKS = LazyPattern("[ \t\u3000\u00a0\u2002\u2003]+")
_FULL_WIDTH_SPACE = "\u3000"
# After a single full-width space only these count: 张　明, 王　芳 and 李　元 are names padded
# to the width of three characters, as name lists and tables do.
_STRICT_FOLLOWERS = frozenset("次个件户场%％")
_DATE_PARTS = frozenset("年月日")
# 合　计, 日  期, 王  元: a table header or a name padded to line up, not a sentence (unless it
# ends in a measure word no name has: 完成  件)
_SPACED_WORD = LazyPattern(r"\s*[^\s\d]{1,3}\s+[^\s\d]{1,3}\s*")
_NAME_FIELDS = frozenset({"出席", "请假", "列席", "签发人", "attendees", "absentees", "observers", "signers"})


def _mask_expressions(text: str) -> str:
    """``{{ 会议 }}`` → ``0`` of the same length: a figure is there, and offsets still point into ``text``."""
    parts, position = [], 0
    for start, end in expressions(text):
        parts += [text[position:start], "0" * (end - start)]
        position = end
    return "".join(parts) + text[position:]


def blank_figures(text: str) -> Iterator[re.Match]:
    """Runs of blanks in ``text`` that stand where a figure should be (召开会议  次)."""
    if not _BLANKS.search(text):
        return  # expressions are masked with 0, never blanks: no blank, nothing to find
    if _SPACED_WORD.fullmatch(text) and text.rstrip()[-1] not in _STRICT_FOLLOWERS:
        return  # 王  元, 日  期 — but not 完成  件
    masked = _mask_expressions(text)
    for match in _BLANKS.finditer(masked):
        start, end = match.span()
        if start == 0 or end >= len(masked):
            continue  # indentation and trailing blanks
        before, after = masked[start - 1], masked[end]
        if before in "\n\r\t" or after not in FIGURE_FOLLOWERS:
            continue
        run = match.group()
        if len(run) < 2 and run != "\t" and not (run == _FULL_WIDTH_SPACE and after in _STRICT_FOLLOWERS):
            continue  # 召开会议 次 from a folded YAML line is joined up in the output
        if before.isdigit() and not _year_blank(masked, start, after):
            continue  # 完成32  个: the figure is there, only the spacing is odd
        if not (before.isdigit() or CJK_CHAR.match(before) or before in "（“《：，、"):
            continue
        yield match


def _year_blank(text: str, start: int, after: str) -> bool:
    """``20  年``: the first digits of a year, the rest left blank."""
    digits = 0
    while digits < 4 and start - digits > 0 and text[start - digits - 1].isdigit():
        digits += 1
    return after in _DATE_PARTS and 0 < digits < 4


@rule("GW118", "blank-figure", ERROR, "数字的位置留了空白，如“召开会议  次”“2022年  月  日”")
def blank_figure(source: Source) -> Iterator[Finding]:
    for path, text in source.prose():
        if path and (path[0] in _NAME_FIELDS or "表头" in path or "header" in path):
            continue  # names padded to line up; a header cell 人　次 is a column name, not a blank
        for match in blank_figures(text):
            start, end = match.span()
            width = (
                "、".join(
                    f"{count} 个{name}"
                    for name, count in (("空格", match.group().count(" ")), ("全角空格", match.group().count("\u3000")))
                    if count
                )
                or f"{end - start} 个空白"
            )
            before = ("…" if start > 6 else "") + text[max(0, start - 6) : start]
            after = text[end : end + 3] + ("…" if end + 3 < len(text) else "")
            message = (
                f"“{visible(before + text[start:end] + after)}”中“{text[end]}”前留了空白（{width}），应是没填的数字。"
                "请填上实际数字：写进“指标”，再用 {{ 指标名 }} 引用；不是数字的空白请删去。"
            )
            yield Finding(path, message, text, start, end - start)


# ---------------------------------------------------------------- GW119 typed part labels

_PART_LABEL = LazyPattern(
    r"第\s*[一二三四五六七八九十百零〇两\d]+\s*(?:部分|章(?!程)|节(?!点|日|约|能|俭|奏|课)|篇(?!章)|编(?!制|号|组|写|辑|排))"
)
_LEVEL_LABELS = ("一、", "（一）", "1.", "（1）")


def typed_part_label(text: str) -> re.Match | None:
    """A ``第一部分``/``第二章``/``第三节`` at the start of ``text`` (after a typed number, if any)."""
    typed = typed_number(text)
    start = typed.offset + len(typed.token) if typed else 0
    start += len(text[start:]) - len(text[start:].lstrip())
    return _PART_LABEL.match(text, start)


def _generated(path: Path_, kind: str) -> str:
    """What gongwen prints before this text: 一、 at the first level, （一） at the second, … 一是 before a 小标题."""
    if kind != "heading":
        return "一是"
    depth = sum(1 for p in path if p in ("小节", "subsections"))
    return _LEVEL_LABELS[min(depth, len(_LEVEL_LABELS) - 1)]


@rule("GW119", "typed-part-label", ERROR, "标题开头手写了“第一部分”“第一章”“第一节”，与自动编号重复")
def part_label(source: Source) -> Iterator[Finding]:
    for path, text in source.prose():
        kind = role(path)
        match = typed_part_label(text) if kind in ("heading", "lead") else None
        if match is None:
            continue
        label = match.group()
        rest = text[match.end() :].lstrip(" \u3000：:，,、.．")
        generated = _generated(path, kind)
        printed = snippet(generated + text[match.start() :], 0, len(generated) + len(label) + 4, 0)
        fix = (
            f"请删去“{label}”，只写“{snippet(rest, 0, 10, 0)}”" if rest else f"请删去“{label}”，写出这一部分的标题文字"
        )
        message = (
            f"开头写了“{label}”。编号由 gongwen 自动生成，这里会印成“{printed}”。"
            f"{fix}；各部分的顺序由数据中的排列决定。"
        )
        yield Finding(path, message, text, match.start(), len(label))
