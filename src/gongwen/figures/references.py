"""Figures are data: ``召开工作会议{{ 工作会议 }}`` in any text becomes ``召开工作会议6次``.

Each ``指标`` is declared once in the YAML. Texts reference them with Jinja expressions,
rendered in a sandbox with ``StrictUndefined``: an unknown name is an error located at the
text's line, never an empty string.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from gongwen.model.document import Metric
from gongwen.model.guard import unknown_name_message
from gongwen.source.loader import Loaded, Path_
from gongwen.source.texts import (
    METRIC_KEYS,
    has_expression,
)

MAX_GROWTH_PERCENT = 1_000_000  # 一万倍: beyond it a 增幅 is a typo in 去年, and prints as dozens of digits


def format_number(value: int | float) -> str:
    """``6`` → ``6``; ``12.50`` → ``12.5``; ``3.0`` → ``3`` (GB/T 15835: Arabic numerals)."""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


class FigureError(jinja2.TemplateRuntimeError):
    """A figure that cannot be computed (e.g. a change without last year's value)."""


class Figure:
    """A metric as seen from a text: prints as value + unit.

    Attributes: ``.数值`` ``.单位`` ``.说明`` ``.去年``; with a 去年 value also ``.增减``
    (``增加8个`` / ``减少2个`` / ``持平``), ``.差值`` (``8个``) and ``.增幅`` (``28.6%``).
    """

    def __init__(self, name: str, metric: Metric):
        self.name = name
        self.数值 = metric.value
        self.单位 = metric.unit
        self.说明 = metric.label
        self.去年 = None if metric.last_year is None else _LastYear(metric.last_year, metric.unit)

    def __str__(self) -> str:
        return f"{format_number(self.数值)}{self.单位}"

    def _last(self) -> int | float:
        if self.去年 is None:
            raise FigureError(f"指标“{self.name}”没有填写“去年”，无法计算与去年相比的变化。请在指标中加上 去年: 数值")
        return self.去年.数值

    @property
    def 差值(self) -> str:
        return f"{format_number(round(abs(self.数值 - self._last()), 6))}{self.单位}"

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


class _LastYear:
    def __init__(self, value: int | float, unit: str):
        self.数值 = value
        self.单位 = unit

    def __str__(self) -> str:
        return f"{format_number(self.数值)}{self.单位}"


class Unchecked:
    """Stands in for a metric whose own declaration is invalid (reported elsewhere)."""

    def __str__(self) -> str:
        return "?"

    def __getattr__(self, name: str) -> Unchecked:
        return self


def figure_context(raw_metrics: Any, adapter_validate) -> dict[str, Any]:
    """Name → Figure for every declared metric, valid or not (so names are never 'undefined')."""
    if not isinstance(raw_metrics, Mapping):
        return {}
    context: dict[str, Any] = {}
    for name, raw in raw_metrics.items():
        try:
            context[name] = Figure(name, adapter_validate(raw))
        except ValueError:
            context[name] = Unchecked()
    return context


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)
    env.globals.clear()  # range, lipsum, cycler…: a text names metrics, never Jinja's helpers
    return env


_ENV = _environment()


@functools.lru_cache(maxsize=4096)
def _compiled(text: str) -> jinja2.Template:
    """Texts repeat across builds of a batch; compile each once."""
    return _ENV.from_string(text)


_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined")
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")


def fill_figures(loaded: Loaded, context: dict[str, Any]) -> tuple[Any, list[tuple[Path_, str]]]:
    """A copy of the data with every expression rendered, and (path, message) for failures."""
    failures: list[tuple[Path_, str]] = []

    def fill(value: Any, path: Path_) -> Any:
        if isinstance(value, str):
            if not has_expression(value):
                return value
            try:
                return _compiled(value).render(context)
            except jinja2.TemplateError as exc:
                failures.append((path, explain_failure(exc, context)))
                return value
        if isinstance(value, Mapping):
            return {k: (v if not path and k in METRIC_KEYS else fill(v, path + (k,))) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v, path + (i,)) for i, v in enumerate(value)]
        return value

    return fill(loaded.data, ()), failures


def explain_failure(exc: jinja2.TemplateError, context: Mapping[str, Any]) -> str:
    """A Chinese sentence for what went wrong in an inline expression, with a fix."""
    message = str(exc)
    undefined = _UNDEFINED_NAME.search(message)
    if isinstance(exc, jinja2.UndefinedError) and undefined:
        return _unknown_metric(undefined.group(1), context)
    attribute = _NO_ATTRIBUTE.search(message)
    if isinstance(exc, FigureError):
        return str(exc)
    if isinstance(exc, jinja2.UndefinedError) and attribute:
        return f"指标没有属性“{attribute.group(1)}”；可用的属性有：数值、单位、说明、去年、增减、差值、增幅。"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return (
            "数字引用写法有误：“{{”和“}}”要成对出现，中间只写指标名，例如 {{ 工作会议 }}。"
            '如需原样显示“{{”，请写成 {{ "{{" }}。'
        )
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return "文本中的表达式访问了不允许的内容，只能引用“指标”中的名称。"
    return f"数字引用无法计算：{message}"


def _unknown_metric(name: str, context: Mapping[str, Any]) -> str:
    return unknown_name_message(name, [k for k in context if isinstance(context[k], (Figure, Unchecked))])
