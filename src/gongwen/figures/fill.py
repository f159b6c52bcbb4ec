"""The figures stage: every ``{{ }}`` in the data rendered from the declared metrics, then the
model built from the finished text.

``document_from(loaded)`` is the one call that turns loaded YAML into a ``Document``: the
model's validation pass (``model.validate``) with this stage filling the texts in between,
so every problem of the file, wherever it arises, is located once and reported together.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gongwen.figures.references import Unchecked, figure_context, fill_figures
from gongwen.figures.rollup import apply_rollups
from gongwen.model.document import Document
from gongwen.model.metric import validated_metric
from gongwen.model.period import raw_period
from gongwen.model.validate import first, validate
from gongwen.source.loader import Loaded, Path_
from gongwen.source.texts import METRIC_KEYS, iter_texts



def document_from(loaded: Loaded) -> Document:
    """Loaded YAML → ``Document`` with every figure filled in; ``InputError`` lists all problems."""
    return validate(loaded, fill_texts)


def fill_texts(loaded: Loaded) -> tuple[Any, list[tuple[Path_, str]]]:
    """The data with every reference rendered, and (path, message) for those that fail."""
    data = loaded.data
    metrics, failures = apply_rollups(loaded, document_from)
    period = raw_period(first(data, ("年度", "year")))
    context = figure_context(metrics, validated_metric, period.baseline if period else "上年")
    context.update(document_context(data))
    filled, fill_failures = fill_figures(loaded, context)
    metrics_key = next((k for k in METRIC_KEYS if k in data), None)
    if metrics_key is not None and isinstance(filled, dict):
        filled[metrics_key] = metrics  # with the 汇总 metrics computed
    return filled, failures + fill_failures + signed_directions(filled)


# A direction word then a sign: 增长-6.2%, 下降-50% (what "下降{{ x.增幅 }}" prints for a fall).
_SIGNED = re.compile(r"(增长|下降|增加|减少|提高|降低|上升)\s*[-−－+＋]\s*\d")


def signed_directions(filled: Any) -> list[tuple[Path_, str]]:
    """Texts that, filled in, say a direction and then a sign: always wrong in Chinese."""
    problems = []
    for path, text in iter_texts(filled):
        match = _SIGNED.search(text)
        if match:
            problems.append((path, _SIGNED_MESSAGE.format(found=text[match.start() : match.end() + 4])))
    return problems


_SIGNED_MESSAGE = (
    "印出来是“{found}…”：方向已由“增长”“下降”等词说明，后面的数不能再带正负号。"
    "请改用 {{{{ 指标名.同比 }}}}（印为“同比下降6.2%”）或 {{{{ 指标名.比上年 }}}}（印为“比上年减少2个”），由 gongwen 按数据选词。"
)


def document_context(data: Mapping) -> dict[str, Any]:
    """Names any text may use besides the metrics: 年度, 上年, 下年, 期间, 上期, 发文机关."""
    context: dict[str, Any] = {}
    written = first(data, ("年度", "year"))
    period = raw_period(written)
    if period is not None:
        year = period.year
        context.update(年度=year, 上年=year - 1, 下年=year + 1, 期间=period.text, 上期=period.last)
    elif written is not None:  # reported at 年度; the texts that use it are fine
        context.update({name: Unchecked() for name in ("年度", "上年", "下年", "期间", "上期")})
    issuer = first(data, ("发文机关", "issuer"))
    context["发文机关"] = issuer if isinstance(issuer, str) else Unchecked()
    return context
