"""A metric as the texts see it: ``{{ 名称 }}`` prints value and unit, and its attributes say
what official writing says about a figure (the phrases come from ``figures.phrases``).

===========  ===================================  ========================================
attribute    needs                                prints (examples)
===========  ===================================  ========================================
数值 单位      —                                    6 / 次
说明          —                                    the label (for checking, never printed)
去年          去年                                  5次 (``.去年.数值`` → 5)
目标          目标                                  10次
增减          去年                                  增加1次 / 减少2次 / 持平
差值          去年                                  1次
增幅          去年                                  20% / -50% (signed; tables and terse lists)
同比          去年 or 同比                           同比增长20% / 同比下降50% / 与上年持平 /
                                                  同比增长1.2倍 / 同比提高2.3个百分点
比上年        去年                                  比上年增加1次 / 比上年减少2次 / 与上年持平
倍数          去年 (an increase)                    是上年的2.2倍
完成目标      目标                                  完成年度目标的105%
目标完成      目标                                  超额完成年度目标 / 完成年度目标的92.3%
占比          总数 (another metric)                 占总数的72.9%
其中          分项                                  其中，A12个、B8个、C5个
===========  ===================================  ========================================
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2

from gongwen.figures import phrases
from gongwen.model.document import Metric

MAX_GROWTH_PERCENT = 1_000_000  # 一万倍: beyond it a 增幅 is a typo in 去年, and prints as dozens of digits


def format_number(value: int | float) -> str:
    """``6`` → ``6``; ``12.50`` → ``12.5``; ``3.0`` → ``3`` (GB/T 15835: Arabic numerals)."""
    return phrases.number_text(value)


class FigureError(jinja2.TemplateRuntimeError):
    """A figure that cannot be computed (e.g. a change without last year's value)."""


class Figure:
    """A metric as seen from a text: prints as value + unit (see the table above)."""

    def __init__(
        self, name: str, metric: Metric, lookup: Callable[[str], object] = lambda name: None, baseline: str = "上年"
    ):
        self.name = name
        self.baseline = baseline  # 上年, 上年同期 or 上学年: what the period is compared with
        self.metric = metric
        self._lookup = lookup  # other metrics by name, for 占比
        self.数值 = metric.value
        self.单位 = metric.unit
        self.说明 = metric.label
        self.去年 = None if metric.last_year is None else _Shown(metric.last_year, metric)
        self.目标 = None if metric.target is None else _Shown(metric.target, metric)

    def __str__(self) -> str:
        if self.metric.respectively:
            return "、".join(str(member) for member in self._members())
        return _print(self.数值, self.metric)

    def _members(self) -> list[Figure]:
        """The metrics of a group (``分别: [甲, 乙]``), in the order written."""
        members = []
        for name in self.metric.respectively:
            member = self._lookup(name)
            if not isinstance(member, Figure) or member.metric.respectively:
                raise FigureError(f"指标组“{self.name}”的“分别”中，“{name}”不是已声明的指标。请检查名称。")
            members.append(member)
        return members

    # ---------------------------------------------------------------- against last year

    def _last(self) -> int | float:
        if self.metric.respectively:
            raise FigureError(
                f"指标组“{self.name}”只能写 {{{{ {self.name}.同比 }}}}（“同比分别……”）或 {{{{ {self.name} }}}}。"
            )
        if self.去年 is None:
            raise FigureError(f"指标“{self.name}”没有填写“去年”，无法计算与去年相比的变化。请在指标中加上 去年: 数值")
        return self.去年.数值

    def _change(self, published: bool = True) -> phrases.Change:
        """This year against last; a published rate (not for a rate itself, which changes
        by 百分点) is quoted as given, and then 去年 is not needed."""
        rate = self.metric.published_rate if published and not phrases.is_rate(self.单位) else None
        last = self.去年.数值 if self.去年 is not None else (self.数值 if rate is not None else self._last())
        return phrases.Change(self.数值, last, self.单位, rate, self.metric.decimals, self.metric.scale)

    @property
    def 差值(self) -> str:
        return _print(round(abs(self.数值 - self._last()), 6), self.metric)

    @property
    def 增减(self) -> str:
        change = round(self.数值 - self._last(), 6)
        if change == 0:
            return "持平"
        return f"{'增加' if change > 0 else '减少'}{self.差值}"

    @property
    def 增幅(self) -> str:
        last = self._last()
        if last == 0:
            raise FigureError(f"指标“{self.name}”去年为 0，无法计算增幅。")
        percent = (self.数值 - last) / abs(last) * 100
        if abs(percent) > MAX_GROWTH_PERCENT:
            raise FigureError(
                f"指标“{self.name}”的增幅超过一万倍（去年 {format_number(last)}，今年 {format_number(self.数值)}），"
                "请检查“去年”是否填错；确实如此时请直接写倍数，不用 .增幅。"
            )
        return f"{format_number(round(percent, 1))}%"

    @property
    def 同比(self) -> str:
        if self.metric.respectively:  # 同比分别增长12%、下降3%
            changes = []
            for member in self._members():
                if member.metric.published_rate is None or phrases.is_rate(member.单位):
                    member._check_growth()
                changes.append(member._change())
            return self._phrase(phrases.respectively, changes, self.baseline)
        if self.metric.published_rate is None or phrases.is_rate(self.单位):
            self._check_growth()
        return self._phrase(phrases.year_on_year, self._change(), self.baseline)

    @property
    def 比上年(self) -> str:
        return self._phrase(phrases.than_last_year, self._change(published=False), self.baseline)

    @property
    def 倍数(self) -> str:
        self._check_growth()
        return self._phrase(phrases.multiple, self._change(published=False), self.baseline)

    def _check_growth(self) -> None:
        last = self._last()
        if last == 0 and not phrases.is_rate(self.单位):
            raise FigureError(f"指标“{self.name}”去年为 0，无法计算增长率；请改用 .比上年（增加多少）。")
        if last and abs((self.数值 - last) / last * 100) > MAX_GROWTH_PERCENT:
            raise FigureError(f"指标“{self.name}”的增幅超过一万倍，请检查“去年”是否填错。")

    # ---------------------------------------------------------------- targets, shares, parts

    @property
    def 完成目标(self) -> str:
        return self._phrase(phrases.of_target, self.数值, self._target())

    @property
    def 目标完成(self) -> str:
        return self._phrase(phrases.target_result, self.数值, self._target())

    def _single(self) -> None:
        if self.metric.respectively:
            self._last()  # raises: a group has only .同比

    def _target(self) -> int | float:
        self._single()
        if self.目标 is None:
            raise FigureError(f"指标“{self.name}”没有填写“目标”，无法说明完成情况。请在指标中加上 目标: 数值")
        return self.目标.数值

    @property
    def 占比(self) -> str:
        self._single()
        whole = self._lookup(self.metric.whole) if self.metric.whole else None
        if not isinstance(whole, Figure) or whole.metric.respectively or whole.数值 is None:
            raise FigureError(
                f"指标“{self.name}”没有写“总数”（占比的分母，另一个指标的名称），无法计算占比。例如  总数: 文明户总数"
            )
        return self._phrase(phrases.share_of, self.数值, whole.数值)

    @property
    def 其中(self) -> str:
        self._single()
        if not self.metric.parts:
            raise FigureError(
                f"指标“{self.name}”没有写“分项”，无法列出其中各部分。例如  分项: {{流动摊位: 52, 店外经营: 33}}"
            )
        return phrases.breakdown(list(self.metric.parts.items()), self.单位, self.metric.decimals)

    @property
    def 最多(self) -> str:
        """The part with the largest value: ``东湖社区5次``."""
        return self._extreme(max)

    @property
    def 最少(self) -> str:
        return self._extreme(min)

    def _extreme(self, pick) -> str:
        self._single()
        if not self.metric.parts:
            raise FigureError(f"指标“{self.name}”没有分项（或下级单位），无法说哪一项最多、最少。")
        if len(set(self.metric.parts.values())) < 2:
            raise FigureError(f"指标“{self.name}”的各分项相同（或只有一项），说不上哪一项最多、最少。")
        name = pick(self.metric.parts, key=self.metric.parts.get)
        return f"{name}{_print(self.metric.parts[name], self.metric)}"

    def _phrase(self, function, *args) -> str:
        try:
            return function(*args)
        except ValueError as exc:
            raise FigureError(f"指标“{self.name}”：{exc}。") from None


class _Shown:
    """去年 or 目标 of a metric: prints like the metric itself (same unit, places and scale)."""

    def __init__(self, value: int | float, metric: Metric):
        self.数值 = value
        self.单位 = metric.unit
        self.metric = metric

    def __str__(self) -> str:
        return _print(self.数值, self.metric)


def _print(value: int | float, metric: Metric) -> str:
    return phrases.scaled(value, metric.unit, metric.scale, metric.decimals)


class SpanFigure:
    """A metric that is a range (区间: [30, 40]): prints as ``30%～40%`` and says nothing else."""

    def __init__(self, name: str, metric: Metric):
        self.name = name
        self.metric = metric
        self.单位 = metric.unit
        self.说明 = metric.label

    def __str__(self) -> str:
        low, high = self.metric.span
        return phrases.value_range(low, high, self.metric.unit, self.metric.scale, self.metric.decimals)

    @property
    def 区间(self) -> str:
        return str(self)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        raise FigureError(f"指标“{self.name}”是区间，只能写 {{{{ {self.name} }}}}（印为“{self}”），不能写 .{name}。")


def make_figure(name: str, metric: Metric, lookup: Callable[[str], object], baseline: str) -> Figure | SpanFigure:
    return SpanFigure(name, metric) if metric.span else Figure(name, metric, lookup, baseline)
