"""Figure rules: the metrics agree with themselves (GW113–GW115) and the texts agree with the
metrics (GW116, GW117).

* GW113 parts-sum: the 分项 of a metric add up to its 数值, within half a unit of the last
  decimal place (the declared 小数位, else the most places typed).
* GW114 share-sum: metrics that name the same 总数 are shares of one whole; together they may
  not exceed it: values in % may not sum to more than 100, counts not to more than the whole's
  数值, each allowing half a unit of its last typed place for rounding. (A %-metric's own 分项
  are checked by GW113 against its 数值: a full breakdown has 数值 100.)
* GW115 stated-rate: a published 同比 agrees with the rate computed from 数值 and 去年
  (unrounded), rounded to the published decimals, within one unit of the last digit; not for
  metrics in %, which change by 百分点.
* GW116 typed-figure-conflict / GW117 typed-figure: a figure typed in a text (Arabic digits
  right before a unit) that contradicts a metric named just before it in the same clause, or
  that should be a metric at all. Dates and times (年 月 日 号 时 分 小时 天 …), ordinals (第3),
  ranges (1—11月), approximations (约300个, 3次以上), codes and phone numbers, document
  numbers (〔2021〕5号) and anything inside 《》 “” ‘’ 「」 〔〕 or ``{{ }}`` never count;
  Chinese numerals (一是, “十四五”, 一次) are words, not typed figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from pydantic import ValidationError

from gongwen.figures.phrases import SCALES, is_rate, number_text
from gongwen.lint.core import ERROR, WARNING, Finding, Source, rule, snippet
from gongwen.lint.typed import COUNT_UNITS, Typed, normal_unit, scan, unit_table
from gongwen.lint.typed import typed_figures  # noqa: F401 - still importable from here, as before the split
from gongwen.model.document import Metric
from gongwen.model.metric import validated_metric


class _Declared(NamedTuple):
    name: str
    raw: Any
    metric: Metric

    def raw_key(self, *names: str) -> str | None:
        """The key the clerk used for a field (``分项`` or ``parts``), if written out."""
        if isinstance(self.raw, Mapping):
            return next((k for k in names if k in self.raw), None)
        return None

    def raw_value(self, *names: str) -> Any:
        key = self.raw_key(*names)
        return self.raw[key] if key is not None else None


def _declared(source: Source) -> list[_Declared]:
    """Every metric that validates and has a value (groups with 分别 have none)."""
    return source.derived(_validated_metrics)


def _validated_metrics(source: Source) -> list[_Declared]:
    found = []
    for name, raw in source.metrics().items():
        try:
            metric = validated_metric(raw)
        except (ValidationError, ValueError, TypeError):
            continue  # reported by validation
        if isinstance(name, str) and isinstance(getattr(metric, "value", None), (int, float)):
            found.append(_Declared(name, raw, metric))
    return found


def places(value: Any) -> int:
    """Decimal places as typed: ``85`` → 0, ``2.45`` → 2, ``"-19.30%"`` → 2."""
    text = value if isinstance(value, str) else repr(value)
    match = re.search(r"[.．](\d+)", text)
    return len(match.group(1)) if match and "e" not in text.lower() else 0


def _half_unit(decimals: int) -> float:
    return 0.5 * 10**-decimals + 1e-9  # the 1e-9 absorbs binary noise (0.1 + 0.2)


def _shown(value: float, decimals: int) -> str:
    return number_text(round(value, decimals), decimals if decimals else None)


# ---------------------------------------------------------------- GW113 分项合计


@rule("GW113", "parts-sum", ERROR, "指标的“分项”合计与“数值”不一致（按小数位四舍五入后比较）")
def parts_sum(source: Source) -> Iterator[Finding]:
    for item in _declared(source):
        metric, parts_key = item.metric, item.raw_key("分项", "parts")
        if not metric.parts or parts_key is None:
            continue
        raw_parts = item.raw[parts_key] if isinstance(item.raw[parts_key], Mapping) else {}
        decimals = metric.decimals
        if decimals is None:
            decimals = max([places(item.raw_value("数值", "value"))] + [places(v) for v in raw_parts.values()])
        total = sum(metric.parts.values())
        if abs(total - metric.value) <= _half_unit(decimals):
            continue
        terms = " + ".join(f"{part} {number_text(v)}" for part, v in metric.parts.items())
        total_text, value_text = _shown(total, decimals), _shown(metric.value, decimals)
        message = (
            f"“{item.name}”的分项合计 {total_text} 与数值 {value_text} 不一致（{terms} = {total_text}）。"
            "请核对分项和数值；分项只列了主要部分时，请补上“其他”一项，使合计等于数值。"
        )
        yield Finding((source.metrics_key(), item.name, parts_key), message, at_key=True)


# ---------------------------------------------------------------- GW114 占比合计


@rule(
    "GW114",
    "share-sum",
    ERROR,
    "写了同一“总数”的几个指标合计超过总数：单位为 % 的合计超过 100%，计数的合计超过总数的数值"
    "（每项允许半个末位的舍入误差）",
)
def share_sum(source: Source) -> Iterator[Finding]:
    declared = _declared(source)
    by_name = {item.name: item for item in declared}
    groups: dict[str, list[_Declared]] = {}
    for item in declared:
        if item.metric.whole.strip():
            groups.setdefault(item.metric.whole.strip(), []).append(item)
    for whole_name, members in groups.items():
        for unit_is_rate in (True, False):
            shares = [m for m in members if is_rate(m.metric.unit) == unit_is_rate]
            if not shares:
                continue
            whole = by_name.get(whole_name)
            if unit_is_rate:
                limit, limit_text = 100.0, "100%"
            elif whole is not None and not is_rate(whole.metric.unit):
                limit, limit_text = (
                    whole.metric.value,
                    f"总数“{whole_name}”的 {number_text(whole.metric.value)}{whole.metric.unit}",
                )
            else:
                continue  # no whole to compare with (a missing 总数 is reported when it is used)
            total = sum(m.metric.value for m in shares)
            slack = sum(_half_unit(places(m.raw_value("数值", "value") or m.metric.value)) for m in shares)
            if total <= limit + slack:
                continue
            decimals = max(places(m.raw_value("数值", "value") or m.metric.value) for m in shares)
            names = "、".join(f"“{m.name}” {number_text(m.metric.value)}{m.metric.unit}" for m in shares)
            unit = "%" if unit_is_rate else shares[0].metric.unit
            what = "这几项" if len(shares) > 1 else "这一项"
            message = (
                f"以“{whole_name}”为总数的{names}，合计 {_shown(total, decimals)}{unit}，超过了{limit_text}。"
                f"同一总数的各部分合计不能超过总数，请核对{what}的数值或“总数”。"
            )
            last = shares[-1]
            whole_key = last.raw_key("总数", "whole")
            yield Finding((source.metrics_key(), last.name, whole_key or "总数"), message, at_key=True)


# ---------------------------------------------------------------- GW115 公布的同比


@rule("GW115", "stated-rate", WARNING, "公布的“同比”与按“去年”和“数值”算出的增幅不符（相差超过末位一个单位）")
def stated_rate(source: Source) -> Iterator[Finding]:
    for item in _declared(source):
        metric = item.metric
        rate, last = metric.published_rate, metric.last_year
        rate_key = item.raw_key("同比", "published_rate")
        if rate is None or last is None or last == 0 or is_rate(metric.unit) or rate_key is None:
            continue
        typed = item.raw[rate_key]
        decimals = places(typed)
        computed = round((metric.value - last) / abs(last) * 100, decimals)
        if abs(computed - rate) <= 10**-decimals + 1e-9:
            continue
        stated = typed.strip() if isinstance(typed, str) else f"{number_text(typed)}%"
        computed_text = ("+" if computed > 0 and stated.startswith("+") else "") + number_text(computed, decimals) + "%"
        message = (
            f"公布的同比 {stated} 与按去年数值算出的 {computed_text} 不符"
            f"（数值 {number_text(metric.value)}，去年 {number_text(last)}）。"
            "请核对：同比照录统计公报等来源时以来源为准，并检查“数值”和“去年”是否抄错、口径是否一致。"
        )
        yield Finding((source.metrics_key(), item.name, rate_key), message)


# ---------------------------------------------------------------- typed figures in texts


class _Value(NamedTuple):
    """One value a text may state, how to reference it instead, and how a message names it."""

    value: float
    reference: str
    shown: str


class _Known(NamedTuple):
    """A metric, or one of its parts, as a text names it, in the unit it is printed in."""

    terms: tuple[str, ...]  # words that name it in a text
    unit: str
    values: tuple[_Value, ...]  # 数值 first, then 去年 and 目标, which a text may quote too
    part: bool = False


def _value(number: float, factor: float, unit: str, reference: str, what: str) -> _Value:
    shown = f"{what}为 {number_text(round(number / factor, 6))}{unit}"
    return _Value(number / factor, f"{{{{ {reference} }}}}", shown)


def _known(declared: list[_Declared]) -> dict[str, list[_Known]]:
    """What texts may name, by the unit it is printed in."""
    known: dict[str, list[_Known]] = {}
    for item in declared:
        m, name = item.metric, item.name
        factor = SCALES[m.scale] if m.scale else 1
        unit = normal_unit(f"{m.scale or ''}{m.unit}")
        if not unit:
            continue
        label = m.label.strip()
        terms = (name,) + ((label,) if 2 <= len(label) <= 12 and not re.search(r"\W", label) else ())
        values = [_value(m.value, factor, unit, name, f"指标“{name}”")]
        for number, field, what in ((m.last_year, "去年", "的去年数"), (m.target, "目标", "的目标")):
            if number is not None:
                values.append(_value(number, factor, unit, f"{name}.{field}", f"指标“{name}”{what}"))
        known.setdefault(unit, []).append(_Known(terms, unit, tuple(values)))
        for part, number in m.parts.items():
            part_value = _value(number, factor, unit, f"{name}.其中", f"指标“{name}”的分项“{part}”")
            known[unit].append(_Known((part,), unit, (part_value,), part=True))
    return known


_EXTENDS = set("度率数量额比值")  # 满意 → 满意度: a different quantity
MAX_GAP = 6  # at most this many characters between a metric's name and the figure


def _named(known: dict[str, list[_Known]], typed: Typed) -> list[_Known]:
    """The known values of ``typed``'s unit named just before it in its clause, nearest first."""
    found = []
    for k in known.get(typed.unit, ()):
        ends = []
        for term in k.terms:
            at = typed.before.rfind(term)
            end = at + len(term)
            if at >= 0 and len(typed.before) - end <= MAX_GAP and typed.before[end : end + 1] not in _EXTENDS:
                ends.append((end, len(term)))
        if ends:
            end, size = max(ends)
            found.append((-end, -size, len(found), k))
    return [k for *_, k in sorted(found, key=lambda f: f[:3])]


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _checked(source: Source) -> list[tuple[tuple, str, Typed, _Known | None, _Value | None]]:
    """Each typed figure: (path, text, figure, the metric named before it, the value it agrees with).
    GW116 and GW117 both read them: they are found once."""
    return source.derived(_check_typed_figures)


def _check_typed_figures(source: Source) -> list[tuple[tuple, str, Typed, _Known | None, _Value | None]]:
    known = _known(_declared(source))
    table = unit_table(set(COUNT_UNITS) | set(known))
    checked = []
    for path, text in source.prose():
        for typed in scan(text, table):
            named = _named(known, typed)
            agreeing = next((v for k in named for v in k.values if _same(typed.value, v.value)), None)
            checked.append((path, text, typed, (named[0] if named else None), agreeing))
    return checked


@rule(
    "GW116",
    "typed-figure-conflict",
    ERROR,
    "正文直接写的数字（数字+单位）与紧挨在前面提到的指标数值不一致，如 召开会议6次 而指标“会议”为 7次",
)
def typed_figure_conflict(source: Source) -> Iterator[Finding]:
    for path, text, typed, metric, agreeing in _checked(source):
        if metric is None or agreeing is not None:
            continue
        typed_text, value = text[typed.start : typed.end], metric.values[0]
        if metric.part:
            advice = f"请核对分项；分项可用 {value.reference} 一并引用（印为“其中，……”），数字只在“指标”中写一处。"
        else:
            advice = f"请改用 {value.reference} 引用指标，数字只在“指标”中写一处。"
        where = f"文中写的“{typed_text}”（“{snippet(text, typed.start, typed.end)}”）与{value.shown}不一致。"
        yield Finding(path, where + advice, text, typed.start, typed.end - typed.start)


@rule(
    "GW117",
    "typed-figure",
    WARNING,
    "正文中直接写了数字（数字+单位，如 安装标牌32个），应写进“指标”再引用；日期、序数、文号、书名号和引号内不算",
)
def typed_figure(source: Source) -> Iterator[Finding]:
    for path, text, typed, metric, agreeing in _checked(source):
        if metric is not None and agreeing is None:
            continue  # GW116 reports it as an error
        typed_text = text[typed.start : typed.end]
        where = f"文中直接写了数字“{typed_text}”（“{snippet(text, typed.start, typed.end)}”）。"
        if agreeing is not None:
            advice = f"它与{agreeing.shown}相同，请改用 {agreeing.reference}，数字只在“指标”中写一处。"
        else:
            advice = (
                f"请把它写进“指标”（如  名称: {typed_text}），正文用 {{{{ 名称 }}}} 引用，改数字只改一处；"
                "若不是本年度的统计数字，可忽略此警告。"
            )
        yield Finding(path, where + advice, text, typed.start, typed.end - typed.start)
