"""Numbering rules: numbers typed into texts that gongwen numbers itself (GW110–GW112).

GB/T 9704 §7.3.3 numbers levels 一、 （一） 1. （1）, and points 一是、二是; gongwen generates
all of them from the structure. A number typed at the start of a heading prints twice
(“一、一、加强领导”); one typed at the start of a paragraph means the structure is flat where
it should nest; and hand-typed sequences drift (mixed styles, skipped levels, gaps).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from gongwen.lint.fields import is_title
from gongwen.lint.core import ERROR, WARNING, Finding, Source, rule
from gongwen.source.loader import Path_
from gongwen.lint.lazyre import LazyPattern

_CN = "一二三四五六七八九十"
POINT, LEVEL1, LEVEL2, LEVEL3, LEVEL4, CIRCLED = 0, 1, 2, 3, 4, 5
_TYPED = (
    (POINT, LazyPattern(rf"[{_CN}]+是|第[{_CN}]+[，,、是]")),
    (LEVEL1, LazyPattern(rf"[{_CN}]+\s*[、.．,，]")),
    (LEVEL2, LazyPattern(rf"[（(]\s*[{_CN}]+\s*[）)]")),
    (LEVEL3, LazyPattern(r"\d{1,2}\s*[、.．](?!\d)")),
    (LEVEL4, LazyPattern(r"[（(]\s*\d{1,2}\s*[）)]")),
    (CIRCLED, LazyPattern("[\u2460-\u2473]")),  # ①…⑳
)
STANDARD = {POINT: "一是", LEVEL1: "一、", LEVEL2: "（一）", LEVEL3: "1.", LEVEL4: "（1）", CIRCLED: "①"}


class Typed(NamedTuple):
    """A number typed at the start of a text."""

    level: int
    token: str
    offset: int

    @property
    def value(self) -> int:
        if self.level == CIRCLED:
            return ord(self.token) - 0x245F
        digits = re.search(r"\d+", self.token)
        return int(digits.group()) if digits else _chinese(re.search(f"[{_CN}]+", self.token).group())

    @property
    def style(self) -> str:
        return re.sub(rf"[{_CN}]+|\d+", "N", self.token.replace(" ", ""))


def _chinese(numeral: str) -> int:
    values = {c: i + 1 for i, c in enumerate(_CN[:9])}
    if "十" not in numeral:
        return values.get(numeral[-1], 0)
    tens, _, ones = numeral.partition("十")
    return values.get(tens[-1:], 1) * 10 + values.get(ones[:1], 0)


def typed_number(text: str) -> Typed | None:
    """The number a clerk typed at the start of ``text`` (``一、`` ``（二）`` ``3.`` ``四是`` …), if any."""
    start = len(text) - len(text.lstrip())
    for level, pattern in _TYPED:
        match = pattern.match(text, start)
        if match:
            return Typed(level, match.group(), start)
    return None


@functools.lru_cache(maxsize=4096)  # several rules ask for each text's role; paths repeat across files
def role(path: Path_) -> str:
    """What a text is, from its path: title, heading, lead, point, paragraph or other."""
    names = [p for p in path if isinstance(p, str)]
    last_name = names[-1] if names else ""
    if is_title(path):
        return "heading" if len(path) > 1 else "title"
    if last_name in ("小标题", "lead"):
        return "lead"
    if last_name in ("要点", "points") or (last_name in ("内容", "text") and {"要点", "points"} & set(names)):
        return "point"
    if last_name in ("段落", "paragraphs", "导语", "intro", "结语", "closing"):
        return "paragraph"
    return "other"


def _has_lead(data: Any, path: Path_) -> bool:
    """Whether the point holding the text at ``path`` has its own 小标题 (which comes first)."""
    node = data
    for part in path[:-1]:
        node = node[part]
    return isinstance(node, Mapping) and bool(node.get("小标题") or node.get("lead"))


@rule("GW110", "numbered-heading", ERROR, "标题或要点开头手写了编号（编号自动生成，会重复）")
def numbered_heading(source: Source) -> Iterator[Finding]:
    for path, text in source.prose():
        kind = role(path)
        if kind not in ("heading", "lead", "point") or (kind == "point" and _has_lead(source.data, path)):
            continue
        typed = typed_number(text)
        if typed:
            generated = "一是" if kind != "heading" else "“一、”“（一）”等"
            message = (
                f"开头手写了编号“{typed.token}”。编号由 gongwen 自动生成（{generated}），"
                f"再写会印成重复的编号。请删去“{typed.token}”。"
            )
            yield Finding(path, message, text, typed.offset, len(typed.token))


@rule("GW111", "typed-numbering", WARNING, "段落开头手写了编号（一、（一）1. 一是 等）")
def typed_numbering(source: Source) -> Iterator[Finding]:
    for path, text in source.prose():
        typed = typed_number(text) if role(path) == "paragraph" else None
        if typed:
            message = (
                f"段落开头手写了编号“{typed.token}”。编号应由 gongwen 生成：下一级标题请写成“小节”，"
                "“一是、二是”请写成“要点”，这样调整顺序时编号会自动更新。"
            )
            yield Finding(path, message, text, typed.offset, len(typed.token))


def _paragraph_lists(source: Source) -> dict[Path_, list[tuple[Path_, str, Typed]]]:
    """Typed numbers grouped by the paragraph list they appear in, in document order."""
    groups: dict[Path_, list[tuple[Path_, str, Typed]]] = {}
    for path, text in source.prose():
        typed = typed_number(text) if role(path) == "paragraph" else None
        if typed:
            parent = path[:-1] if isinstance(path[-1], int) else path
            groups.setdefault(parent, []).append((path, text, typed))
    return groups


def _depth(path: Path_) -> int:
    """The heading level a paragraph list sits under: 0 for 导语/结语, 1 under 一、, …"""
    in_body = bool(path) and path[0] in ("正文", "sections")
    return int(in_body) + sum(1 for p in path if p in ("小节", "subsections"))


@rule("GW112", "numbering-sequence", WARNING, "手写编号层级跳跃、写法不统一或不连续")
def numbering_sequence(source: Source) -> Iterator[Finding]:
    for parent, entries in _paragraph_lists(source).items():
        yield from _check_sequence(_depth(parent), entries)


def _check_sequence(depth: int, entries: list[tuple[Path_, str, Typed]]) -> Iterator[Finding]:
    styles: dict[int, str] = {}
    counters: dict[int, int] = {}
    previous = depth
    for path, text, typed in entries:
        message = _style_problem(styles, typed) or _level_problem(previous, typed) or _gap_problem(counters, typed)
        if message:
            yield Finding(path, message, text, typed.offset, len(typed.token))
        if LEVEL1 <= typed.level <= LEVEL4:
            previous = typed.level
        if LEVEL1 <= typed.level <= LEVEL4:  # a new heading restarts everything below it
            counters = {k: v for k, v in counters.items() if LEVEL1 <= k < typed.level}
        counters[typed.level] = typed.value


def _style_problem(styles: dict[int, str], typed: Typed) -> str | None:
    first = styles.setdefault(typed.level, typed.token)
    if Typed(typed.level, first, 0).style == typed.style:
        return None
    return f"编号写法不统一：同一级前面写的是“{first.strip()}”，这里是“{typed.token.strip()}”。规范写法为“{STANDARD[typed.level]}”。"


def _level_problem(previous: int, typed: Typed) -> str | None:
    if not LEVEL1 <= typed.level <= LEVEL4 or typed.level <= previous + 1:
        return None
    missing = STANDARD[previous + 1]
    return f"编号跳级：“{typed.token.strip()}”是第{typed.level}级编号，但上一级“{missing}”没有出现。层次应依次为 一、（一）1.（1）。"


def _gap_problem(counters: dict[int, int], typed: Typed) -> str | None:
    expected = counters.get(typed.level, 0) + 1
    if typed.value == expected:
        return None
    return f"编号不连续：“{typed.token.strip()}”是第 {typed.value} 项，按顺序这里应是第 {expected} 项。"
