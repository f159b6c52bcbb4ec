"""Text rules: placeholders left in (GW101: x次, 20xx, XX年, ××, *, ○○, ____ …), half-width punctuation (GW102), straight quotes (GW103)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from gongwen.lint.core import (
    CJK_CHAR,
    CJK_OR_PUNCT,
    ERROR,
    WARNING,
    Finding,
    Source,
    blank_expressions,
    neighbour,
    rule,
    snippet,
)
from gongwen.source.loader import Path_
from gongwen.lint.lazyre import LazyPattern

# ---------------------------------------------------------------- GW101 placeholders

PLACEHOLDER_BRANCHES = (
    r"[xXｘＸ×]+"  # x次 xx大道 xxxx年 20xx ××
    r"|\*{2,}|＊{2,}"  # **
    r"|[*＊]"  # a single mask: 完成*件, *月*日 (judged by ``_mask_is_placeholder``)
    r"|[〇○◯]{2,}"  # 〇〇社区 (not 二〇〇八)
    r"|某{2,}"  # 某某
    r"|[?？]{2,}"  # ？？
    r"|□{2,}|_{2,}|＿{2,}"  # blanks to fill in
    r"|(?<![A-Za-z])(?i:todo|fixme|tbd)(?![A-Za-z])"
    r"|[（(]\s*[)）]|【\s*】|《\s*》"  # empty brackets
)
# Every branch starts with one of these characters (``(?i:t|f)`` matches only t T f F). Said
# first, it lets the regex engine skip from one to the next: 5x faster on Chinese prose, where
# they are rare (1.1 ms of a seed build before).
_PLACEHOLDER = LazyPattern(r"(?=[xXｘＸ×*＊〇○◯某?？□_＿tTfF（(【《])(?:" + PLACEHOLDER_BRANCHES + ")")
_LATIN = LazyPattern(r"[A-Za-zＡ-Ｚａ-ｚ]")
_NUMERAL = "零一二三四五六七八九十百千万亿〇○两"
_X_WORDS = ("射线", "光", "线")  # X射线, X光, X线


def find_placeholders(text: str) -> Iterator[re.Match]:
    """Leftover placeholders in ``text`` (expressions ignored), e.g. x次, xx社区, 20xx, ××, 某某."""
    blank = blank_expressions(text)
    for match in _PLACEHOLDER.finditer(blank):
        token = match.group()
        if token[0] in "xXｘＸ×" and not _x_is_placeholder(blank, match):
            continue
        if token[0] in "〇○◯" and _next_to_numeral(blank, match):
            continue
        if token in "*＊" and not _mask_is_placeholder(blank, match.start()):
            continue
        yield match


def _x_is_placeholder(text: str, match: re.Match) -> bool:
    before, after = neighbour(text, match.start() - 1, -1), neighbour(text, match.end(), 1)
    single = len(match.group()) == 1
    if _LATIN.match(before) or _LATIN.match(after):
        return False  # part of a word: Box, Excel, LED
    if single and before.isdigit() and after.isdigit():
        return False  # 3x4, 3×4
    if single and text.startswith(_X_WORDS, match.end()):
        return False
    if not before and not after:
        return True  # the whole text is “xx”
    return any(c.isdigit() or c in "%％" or CJK_OR_PUNCT.match(c) for c in (before, after) if c)


# What follows a figure: a measure word, a unit or a date part (完成*件, *月*日, 增长*%).
FIGURE_FOLLOWERS = frozenset(
    "次个件人户名家项场处条份篇期批所座台辆套元万亿千百%％年月日天周岁米亩吨倍号届级栋幢起位张棵株本册部只头块盏间支"
)
_MARKS = frozenset("带标加打有以用画划注")  # 带*号、标*的项目: the asterisk itself, not a mask
_LEGEND = ("为", "表示", "系", "是", "注")  # *为预计数 (a footnote's legend)
_RANGE_DASHES = frozenset("-—–~～")


def _mask_is_placeholder(text: str, index: int) -> bool:
    """Whether a single ``*`` stands where a figure or a name should be (完成*件, *月*日, *社区).

    Left alone: 3*4 and a*b (multiplication), 带*号 (the asterisk mark itself), a footnote
    (完成率*, *为预计数), and Markdown-like emphasis (*重点*工作) whose closing mask is not
    followed by a measure word.
    """
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if before in _MARKS or text.startswith(_LEGEND, index + 1):
        return False
    if (before.isdigit() or _LATIN.match(before)) and (after.isdigit() or _LATIN.match(after or " ")):
        return False
    if after in _RANGE_DASHES and text[index + 2 : index + 3] in ("*", "＊"):
        return True  # *-*月: a span of months, both ends masked
    if not after or not (CJK_CHAR.match(after) or after.isdigit() or after in FIGURE_FOLLOWERS):
        return False  # 完成率* (a footnote mark) or a mask followed by punctuation
    partner = _partner_mask(text, index, 1)
    if partner is not None and partner - index > 2:  # the opening mask of *重点*工作
        following = text[partner + 1] if partner + 1 < len(text) else ""
        return following in FIGURE_FOLLOWERS
    partner = _partner_mask(text, index, -1)
    if partner is not None and index - partner > 2:  # its closing mask
        return after in FIGURE_FOLLOWERS
    return True


def _partner_mask(text: str, index: int, step: int) -> int | None:
    """The nearest single ``*`` in the same clause after (step 1) or before (-1) ``index``."""
    position = index + step
    while 0 <= position < len(text) and abs(position - index) < 30:
        char = text[position]
        if char in "*＊":
            return position
        if char in "，。；：、！？,.;:!?\n":
            return None
        position += step
    return None


def _next_to_numeral(text: str, match: re.Match) -> bool:
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    return bool(before and before in _NUMERAL or after and after in _NUMERAL)


def all_strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, Mapping):
        for key, value in data.items():
            yield from all_strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from all_strings(value, path + (index,))


def every_string(source: Source) -> tuple[tuple[Path_, str], ...]:
    """``all_strings`` of the data, walked once for the rules that read every string (GW101, GW107)."""
    return source.derived(_every_string)


def _every_string(source: Source) -> tuple[tuple[Path_, str], ...]:
    return tuple(all_strings(source.data))


@rule("GW101", "placeholder", ERROR, "文中留有未填写的占位符（x、xx、××、*、某某、〇〇、20xx、TODO、？？ 等）")
def placeholders(source: Source) -> Iterator[Finding]:
    for path, text in every_string(source):
        for match in find_placeholders(text):
            token = match.group()
            message = (
                f"未填写的占位符“{token}”：“{snippet(text, match.start(), match.end())}”。"
                "请换成实际内容；数字请写进“指标”，再用 {{ 指标名 }} 引用。"
            )
            yield Finding(path, message, text, match.start(), len(token))


# ---------------------------------------------------------------- GW102 / GW103 punctuation

_HALF_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_HALF_WIDTH_MARK = LazyPattern(r"[,:;?!().]")


def half_width_marks(text: str) -> list[int]:
    """Offsets of half-width marks that touch Chinese text (``1,000`` and ``A(B)`` are left alone)."""
    if not _HALF_WIDTH_MARK.search(text):
        return []  # blanking adds no mark: most texts have none to look at
    blank = blank_expressions(text)
    found, paired = _parentheses(blank)
    for match in _HALF_WIDTH_MARK.finditer(blank):
        index, char = match.start(), match.group()
        if index in paired:
            continue
        before, after = neighbour(blank, index - 1, -1), neighbour(blank, index + 1, 1)
        if char == ".":
            if CJK_CHAR.match(before or " ") and (not after or CJK_CHAR.match(after)):
                found.append(index)
        elif any(c and CJK_OR_PUNCT.match(c) for c in (before, after)):
            found.append(index)
    return sorted(found)


_PAIR = LazyPattern(r"\(([^()]*)\)")


def _parentheses(text: str) -> tuple[list[int], set[int]]:
    """Offsets of ``(…)`` pairs that are Chinese (村(社区)), and of every paired parenthesis.

    A pair is judged as a whole, as ``punctuation.py`` converts it: ``A(B)`` stays as it is.
    """
    chinese: list[int] = []
    paired: set[int] = set()
    for match in _PAIR.finditer(text):
        ends = (match.start(), match.end() - 1)
        paired.update(ends)
        before = neighbour(text, match.start() - 1, -1)
        if CJK_CHAR.search(match.group(1)) or (before and CJK_CHAR.match(before)):
            chinese += ends
    return chinese, paired


@rule("GW102", "half-width-punctuation", WARNING, "中文之间用了半角标点（, : ; ( ) ? ! .）；生成时会自动改为全角")
def half_width(source: Source) -> Iterator[Finding]:
    for path, text in source.prose():
        found = half_width_marks(text)
        if found:
            marks = "".join(dict.fromkeys(text[i] for i in found))
            full = "".join(_HALF_WIDTH[m] for m in marks)
            message = (
                f"有 {len(found)} 处半角标点（{' '.join(marks)}）夹在中文之间。生成时会自动改为全角（{full}），"
                "建议在数据中直接改为全角，以免复制到别处时出错。"
            )
            yield Finding(path, message, text, found[0])


@rule("GW103", "straight-quotes", WARNING, "中文里用了直引号 \" 或 '，应为中文引号“”‘’")
def straight_quotes(source: Source) -> Iterator[Finding]:
    for path, text in source.prose():
        if ('"' not in text and "'" not in text) or not CJK_CHAR.search(text):
            continue
        for quote in ('"', "'"):
            if quote in text:
                yield Finding(path, _quote_message(text, quote), text, text.index(quote))


def _quote_message(text: str, quote: str) -> str:
    if quote == "'":
        return "用了直单引号 '，不会自动转换。请改用中文引号：一般用“”，引号里再套引号时用‘’。"
    if text.count('"') % 2:
        return '直引号 " 不成对，无法自动改为中文引号。请改用“”，并检查是否漏写了一半。'
    return '用了直引号 "…"，生成时会改为“…”。建议直接输入中文引号“”。'
