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

from gongwen.figures.direct import plain_pieces, render_plain
from gongwen.figures.figure import Figure, FigureError, format_number, make_figure  # noqa: F401 - re-exported
from gongwen.model.guard import unknown_name_message
from gongwen.source.loader import Loaded, Path_
from gongwen.source.texts import (
    FIGURE_ATTRIBUTES,
    METRIC_KEYS,
    has_expression,
)


class Unchecked:
    """Stands in for a metric whose own declaration is invalid (reported elsewhere)."""

    def __str__(self) -> str:
        return "?"

    def __getattr__(self, name: str) -> Unchecked:
        return self


def figure_context(raw_metrics: Any, adapter_validate, baseline: str = "上年") -> dict[str, Any]:
    """Name → Figure for every declared metric, valid or not (so names are never 'undefined')."""
    if not isinstance(raw_metrics, Mapping):
        return {}
    context: dict[str, Any] = {}
    for name, raw in raw_metrics.items():
        try:
            metric = adapter_validate(raw)
            # A 汇总 that could not be computed has no value: its problem is reported already.
            context[name] = (
                Unchecked()
                if metric.value is None and not (metric.respectively or metric.span)
                else make_figure(name, metric, context.get, baseline)
            )
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


def render_text(text: str, context: dict[str, Any]) -> str:
    """The text with its references filled in; Jinja compiles only a text that holds more than
    plain references (``direct`` prints those to the same string, without compiling)."""
    pieces = plain_pieces(text)
    if pieces is not None:
        return render_plain(pieces, context, _ENV)
    return _compiled(text).render(context)


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
                return render_text(value, context)
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
        return f"指标没有属性“{attribute.group(1)}”；可用的属性有：{'、'.join(FIGURE_ATTRIBUTES)}。"
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
