"""The summary frame (GW122) and the count an umbrella sentence announces (GW123).

GW122: a 总结 conventionally has three parts, 主要工作和成效, 存在的
问题 and 下一步打算. One that leaves out the problems or the plans reads as a report of
achievements only, which reviewers send back; the warning says which part is missing.
``不检查: [GW122]`` turns it off for a summary that is meant to be partial.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from gongwen.lint.core import WARNING, Finding, Source, rule
from gongwen.lint.lazyre import LazyPattern

# A problems part names its shortcomings (存在的问题, 不足, 差距…); a heading that only mentions
# a problem it solved (解决群众反映的突出问题) is work done, not that part.
PROBLEMS = LazyPattern(
    r"存在(?:的)?(?:主要)?问题|问题(?:和|与|及)(?:不足|差距|困难)|^问题|不足|差距|短板|薄弱|困难和问题|挑战|风险|教训"
)
PLANS = LazyPattern(
    r"下一步|下阶段|下一阶段|打算|计划|思路|今后|明年|下年|来年|努力方向|工作安排|展望|设想|工作要点|工作重点$|\d{4}年(?:工作)?(?:要点|重点|安排|计划|目标)"
)
MIN_PARTS = 2  # a summary in parts: 一、…… 二、……
PARTS = (
    (PROBLEMS, "存在的问题", "存在的问题和不足"),
    (PLANS, "下一步打算", "下一步工作打算"),
)


def _headings(sections: Any) -> Iterator[str]:
    for section in sections if isinstance(sections, list) else []:
        if isinstance(section, Mapping):
            heading = section.get("标题", section.get("heading"))
            if isinstance(heading, str):
                yield heading
            yield from _headings(section.get("小节", section.get("subsections")))


@rule("GW122", "summary-frame", WARNING, "总结缺少“存在的问题”或“下一步打算”部分")
def summary_frame(source: Source) -> Iterator[Finding]:
    if source.get("文种", "kind") not in (None, "总结"):
        return
    sections = source.get("正文", "sections")
    if not isinstance(sections, list) or len(sections) < MIN_PARTS:
        return  # a note of one part, or of paragraphs only, has no frame to complete
    headings = list(_headings(sections))
    path = (source.key("正文", "sections"),)
    for pattern, part, example in PARTS:
        if not any(pattern.search(heading) for heading in headings):
            yield Finding(
                path,
                f"总结一般有“主要工作和成效”“{PARTS[0][1]}”“{PARTS[1][1]}”三部分，这里没有“{part}”。"
                f"请在正文中加上一部分，例如  - 标题: {example}；确实不需要时在“不检查”中写 GW122。",
                at_key=True,
            )


# ---------------------------------------------------------------- GW123 the count announced

CHINESE_COUNTS = {"两": 2, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ANNOUNCED = LazyPattern(r"([一二两三四五六七八九十])(?:个)?(?:方面|项|点|件事|条|大|是)")


def _sections(sections: Any, path: tuple) -> Iterator[tuple[tuple, Mapping]]:
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        if isinstance(section, Mapping):
            yield path + (index,), section
            key = "小节" if "小节" in section else "subsections"
            yield from _sections(section.get(key), path + (index, key))


@rule("GW123", "umbrella-count", WARNING, "要点引语说的项数（如“三方面”）与要点的个数不同")
def umbrella_count(source: Source) -> Iterator[Finding]:
    key = source.key("正文", "sections")
    for path, section in _sections(source.get("正文", "sections"), (key,)):
        umbrella_key = "要点引语" if "要点引语" in section else "umbrella"
        umbrella, points = section.get(umbrella_key), section.get("要点", section.get("points"))
        match = _ANNOUNCED.search(umbrella) if isinstance(umbrella, str) else None
        if match is None or not isinstance(points, list):
            continue
        said = CHINESE_COUNTS[match.group(1)]
        if said != len(points):
            yield Finding(
                path + (umbrella_key,),
                f"要点引语说“{match.group()}”，下面却有 {len(points)} 个要点：请改成“{_count(len(points))}"
                f"{match.group()[len(match.group(1)) :]}”，或补齐、删去要点。",
                umbrella,
                match.start(),
                len(match.group()),
            )


def _count(n: int) -> str:
    return "两" if n == 2 else "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)
