"""The seed example's data as flat blocks, for the competitors gongwen is measured against.

docxtpl and pandoc know nothing of 指标, 要点 or GB/T 9704 numbering, so the little that a
hand-made template pipeline would do is done here, from the same YAML: ``{{ 指标 }}`` replaced
by value and unit, headings numbered 一、（一）1.（1）, 要点 numbered 一是、二是 and joined to
their 小标题. Used by ``docxtpl_render.py`` (timed, in its process) and by ``compare.py`` to
write pandoc's Markdown (not timed: pandoc is timed on the Markdown alone).
"""

from __future__ import annotations

import datetime as dt
import re

DIGITS = "零一二三四五六七八九十"
_REFERENCE = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")


def chinese_number(n: int) -> str:
    if n <= 10:
        return DIGITS[n]
    if n < 20:
        return "十" + DIGITS[n - 10]
    return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")


def _metric_text(value) -> str:
    if isinstance(value, dict):
        return f"{value.get('数值', '')}{value.get('单位', '')}"
    return str(value)


def _paragraphs(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _number(level: int, n: int) -> str:
    return (f"{chinese_number(n)}、", f"（{chinese_number(n)}）", f"{n}.", f"（{n}）")[min(level, 3)]


def flatten(data: dict) -> dict:
    """``{title, blocks: [{kind: h1|h2|h3|p, text}], signature, date}`` from a seed-shaped dict."""
    names = {name: _metric_text(value) for name, value in (data.get("指标") or {}).items()}
    year = int(data["年度"])
    names.update({"年度": str(year), "上年": str(year - 1), "发文机关": data["发文机关"]})

    def fill(text: str) -> str:
        return _REFERENCE.sub(lambda m: names.get(m.group(1), m.group(0)), str(text))

    blocks: list[dict] = [{"kind": "p", "text": fill(t)} for t in _paragraphs(data.get("导语"))]

    def section(part: dict, level: int, n: int) -> None:
        kind = ("h1", "h2", "h3", "h3")[min(level, 3)]
        blocks.append({"kind": kind, "text": _number(level, n) + fill(part["标题"])})
        blocks.extend({"kind": "p", "text": fill(t)} for t in _paragraphs(part.get("段落")))
        for index, point in enumerate(part.get("要点") or [], start=1):
            lead = f"{chinese_number(index)}是"
            if isinstance(point, dict):
                text = f"{lead}{fill(point.get('小标题', ''))}。{fill(point.get('内容', ''))}"
            else:
                text = lead + fill(point)
            blocks.append({"kind": "p", "text": text})
        for index, child in enumerate(part.get("小节") or [], start=1):
            section(child, level + 1, index)

    for index, part in enumerate(data.get("正文") or [], start=1):
        section(part, 0, index)
    blocks.extend({"kind": "p", "text": fill(t)} for t in _paragraphs(data.get("结语")))
    date = data["成文日期"]
    if isinstance(date, dt.date):
        date = f"{date.year}年{date.month}月{date.day}日"
    title = data.get("标题") or f"{data['发文机关']}{year}年{data['事由']}总结"
    return {"title": title, "blocks": blocks, "signature": data.get("署名") or data["发文机关"], "date": str(date)}


def markdown(flat: dict) -> str:
    """The same blocks as pandoc Markdown (headings as #, ##, ###; a title block)."""
    marks = {"h1": "# ", "h2": "## ", "h3": "### ", "p": ""}
    lines = [f"% {flat['title']}", ""]
    for block in flat["blocks"]:
        lines += [marks[block["kind"]] + block["text"], ""]
    lines += [f"::: {{custom-style=\"Signature\"}}\n{flat['signature']}\n\n{flat['date']}\n:::", ""]
    return "\n".join(lines)
