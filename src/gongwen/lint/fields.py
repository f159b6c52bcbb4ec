"""Field rules: 成文日期 (GW104, GW105), titles (GW106), metrics (GW107, GW108), 报告 (GW109)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from gongwen.model.dates import ZERO_PADDED, chinese_date_message
from gongwen.lint.core import ERROR, WARNING, Finding, Source, expressions, rule
from gongwen.lint.text import every_string
from gongwen.model.document import Metric
from gongwen.model.metric import validated_metric
from gongwen.lint.lazyre import LazyPattern

# ---------------------------------------------------------------- GW104 / GW105 成文日期


def _raw_date(source: Source) -> tuple[tuple, str] | None:
    value = source.get("成文日期", "date")
    return ((source.key("成文日期", "date"),), value) if isinstance(value, str) else None


@rule("GW104", "date-leading-zero", WARNING, "成文日期的月、日补了零（如 2021年01月05日）")
def date_leading_zero(source: Source) -> Iterator[Finding]:
    found = _raw_date(source)
    match = ZERO_PADDED.fullmatch(found[1]) if found else None
    if match and (match.group(2).startswith("0") or match.group(3).startswith("0")):
        year, month, day = (int(g) for g in match.groups())
        message = (
            f"成文日期“{found[1].strip()}”的月、日前面补了零。GB/T 9704-2012 规定成文日期不编虚位，"
            f"请写成 {year}年{month}月{day}日。"
        )
        yield Finding(found[0], message)


@rule("GW105", "date-chinese-numerals", ERROR, "成文日期用了汉字数字（如 二〇二一年十二月二日），应为阿拉伯数字")
def date_chinese_numerals(source: Source) -> Iterator[Finding]:
    found = _raw_date(source)
    message = chinese_date_message(found[1]) if found else None
    if message:
        yield Finding(found[0], message)


# ---------------------------------------------------------------- GW106 标题

_TRAILING = "。，、；：！？.,;:!?"


def is_title(path: tuple) -> bool:
    """The document 标题 or the 标题 of a section (not a point's 小标题)."""
    names = ("标题", "title") if len(path) == 1 else ("标题", "heading")
    return bool(path) and path[-1] in names


@rule("GW106", "title-punctuation", WARNING, "标题末尾带了标点（。，；：等）")
def title_punctuation(source: Source) -> Iterator[Finding]:
    for path, text in source.prose():
        stripped = text.rstrip()
        if is_title(path) and stripped and stripped[-1] in _TRAILING:
            if stripped[-1] in "：:" and _unnumbered(source, path):
                continue  # 下一步工作要求： — an unnumbered lead-in heading ends in its colon
            message = f"标题末尾不加标点，请删去结尾的“{stripped[-1]}”。"
            yield Finding(path, message, text, len(stripped) - 1)


def _unnumbered(source: Source, path: tuple) -> bool:
    node: Any = source.data
    for part in path[:-1]:
        node = node[part] if isinstance(node, (Mapping, list)) else None
    return isinstance(node, Mapping) and node.get("编号", node.get("numbered")) is False


# ---------------------------------------------------------------- GW107 / GW108 指标

_NAME = LazyPattern(r"[^\W\d]\w*")


_NAME_LISTS = ("指标表", "metric_table", "分项表", "parts_table", "分别", "respectively")  # lists of metric names
_NAME_FIELDS = ("总数", "whole")  # a metric naming another


def referenced_names(source: Source) -> set[str]:
    """Every name used: inside ``{{ }}`` in any text outside the metrics table, in a 指标表, in a
    group's 分别 and as another metric's 总数."""
    names: set[str] = set()
    metrics_key = source.metrics_key()
    for path, text in every_string(source):
        if any(part in _NAME_LISTS for part in path[-2:-1]) or (path and path[-1] in _NAME_FIELDS):
            names.add(text)
        elif path[:1] != (metrics_key,):
            for start, end in expressions(text):
                if text.startswith("{{", start):
                    names.update(_NAME.findall(text, start, end))
    return names


@rule("GW107", "unused-metric", WARNING, "“指标”中声明了但正文没有引用的数字")
def unused_metric(source: Source) -> Iterator[Finding]:
    used = referenced_names(source)
    for name in source.metrics():
        if name not in used:
            message = (
                f"指标“{name}”已声明，但文中没有引用。请在文中用 {{{{ {name} }}}} 引用它，或删去这个指标"
                "（如果自定义模板直接用到了它，可忽略此警告）。"
            )
            yield Finding((source.metrics_key(), name), message, at_key=True)


_SHARE_WORDS = (
    "占比", "比例", "比重", "满意度", "覆盖率", "达标率", "合格率", "知晓率", "普及率", "参与率", "公示率",
    "入学率", "就业率", "出勤率", "到位率", "利用率", "使用率", "优良率", "及格率", "通过率", "正确率",
    "准确率", "签约率", "接种率", "建档率", "入户率",
)  # fmt: skip
_CHANGE_WORDS = (
    "增长",
    "增幅",
    "增加",
    "增速",
    "同比",
    "环比",
    "提高",
    "提升",
    "下降",
    "降低",
    "减少",
    "降幅",
    "变化",
    "完成率",
    "超额",
)


def is_share(name: str, label: str) -> bool:
    """A percentage that is part of a whole (so 0–100), not a change or a completion rate."""
    words = f"{name} {label}"
    if any(w in words for w in _CHANGE_WORDS):
        return False
    return any(w in words for w in _SHARE_WORDS) or name.endswith("率")


def _parse_metric(raw: Any) -> Metric | None:
    try:
        return validated_metric(raw)
    except (ValidationError, ValueError, TypeError):
        return None


@rule("GW108", "share-out-of-range", ERROR, "占比类百分数（单位 %）不在 0—100 之间")
def share_out_of_range(source: Source) -> Iterator[Finding]:
    key = source.metrics_key()
    for name, raw in source.metrics().items():
        metric = _parse_metric(raw)
        if metric is None or metric.unit.strip() not in ("%", "％") or not is_share(str(name), metric.label):
            continue
        for field, value in (("数值", metric.value), ("去年", metric.last_year)):
            if value is not None and not 0 <= value <= 100:
                message = (
                    f"“{name}”是占比（单位为 %），{field}应在 0—100 之间，现在是 {value}。请检查是否多写或少写了一位。"
                )
                path = (key, name, field) if isinstance(raw, Mapping) and field in raw else (key, name)
                yield Finding(path, message)


# ---------------------------------------------------------------- GW109 报告

_APPROVAL = LazyPattern(r"请(?:予)?(?:批准|批示|审批|核准|批复|审定)|妥否")


@rule("GW109", "report-asks-approval", ERROR, "报告中夹带请示事项（请批准、请批示等）")
def report_asks_approval(source: Source) -> Iterator[Finding]:
    if source.get("文种", "kind") != "报告":
        return
    for path, text in source.prose():
        for match in _APPROVAL.finditer(text):
            message = (
                f"报告中不得夹带请示事项（《党政机关公文处理工作条例》），“{match.group()}”应写在请示中。"
                "请删去这句，或另行请示。"
            )
            yield Finding(path, message, text, match.start(), len(match.group()))
