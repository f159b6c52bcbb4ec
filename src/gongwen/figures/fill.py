"""The figures stage: every ``{{ }}`` in the data rendered from the declared metrics, then the
model built from the finished text.

``document_from(loaded)`` is the one call that turns loaded YAML into a ``Document``: the
model's validation pass (``model.validate``) with this stage filling the texts in between,
so every problem of the file, wherever it arises, is located once and reported together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import TypeAdapter

from gongwen.figures.references import Unchecked, figure_context, fill_figures
from gongwen.model.document import Document, Metric
from gongwen.model.validate import first, validate
from gongwen.source.loader import Loaded, Path_
from gongwen.source.texts import METRIC_KEYS

_METRIC = TypeAdapter(Metric)


def document_from(loaded: Loaded) -> Document:
    """Loaded YAML → ``Document`` with every figure filled in; ``InputError`` lists all problems."""
    return validate(loaded, fill_texts)


def fill_texts(loaded: Loaded) -> tuple[Any, list[tuple[Path_, str]]]:
    """The data with every reference rendered, and (path, message) for those that fail."""
    data = loaded.data
    context = figure_context(first(data, METRIC_KEYS), _METRIC.validate_python)
    context.update(document_context(data))
    return fill_figures(loaded, context)


def document_context(data: Mapping) -> dict[str, Any]:
    """Names any text may use besides the metrics: 年度, 上年, 下年, 发文机关."""
    context: dict[str, Any] = {}
    year = first(data, ("年度", "year"))
    if isinstance(year, int) and not isinstance(year, bool) and 1949 <= year <= 2100:
        context.update(年度=year, 上年=year - 1, 下年=year + 1)
    elif year is not None:  # reported at 年度; the texts that use it are fine
        context.update(年度=Unchecked(), 上年=Unchecked(), 下年=Unchecked())
    issuer = first(data, ("发文机关", "issuer"))
    context["发文机关"] = issuer if isinstance(issuer, str) else Unchecked()
    return context
