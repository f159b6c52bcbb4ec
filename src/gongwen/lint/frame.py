"""The summary frame (GW122): a 总结 conventionally has three parts, 主要工作和成效, 存在的
问题 and 下一步打算. One that leaves out the problems or the plans reads as a report of
achievements only, which reviewers send back; the warning says which part is missing.
``不检查: [GW122]`` turns it off for a summary that is meant to be partial.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from gongwen.lint.core import WARNING, Finding, Source, rule

PROBLEMS = re.compile(r"问题|不足|差距|短板|困难|薄弱|教训")
PLANS = re.compile(r"下一步|打算|计划|思路|今后|明年|下年|来年|努力方向|工作安排|展望|重点工作|工作设想|任务")
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
