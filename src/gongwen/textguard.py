"""Input that must never reach Jinja or the .docx writer, found before validation runs.

Three kinds of value are refused with a located message, and replaced in a cleaned copy of
the data so the rest of validation can still report everything else in the same run:

* control characters XML 1.0 cannot hold (``"\\x01"``, ``"\\v"``, lone surrogates); lxml
  would crash on them while writing the .docx;
* ``{{ … }}`` expressions beyond a name and its attributes (``{{ 工作会议.增幅 }}``):
  arithmetic, calls, filters and ``{% %}`` statements could raise Python errors or run
  for ever, and a 公文's numbers belong in ``指标`` anyway;
* metric values that are not finite numbers (``.inf``, ``.nan``, ``true``) or are too large
  to compute with (a change or growth rate of a 400-digit number overflows).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import jinja2
from jinja2 import nodes

from .errors import Problem
from .figures import METRIC_KEYS, has_expression
from .loader import Loaded, Path_, field_label

RULE_CONTROL = "GW012"  # a control character XML cannot hold
RULE_EXPRESSION = "GW013"  # an expression other than a name and its attributes
RULE_NUMBER = "GW015"  # a metric value that is not a finite number

# XML 1.0 Char excludes C0 controls but tab/LF/CR, surrogates and U+FFFE/U+FFFF; C1 controls
# (U+007F–U+009F) are legal but never intended in a 公文 and Word warns about them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
MAX_MAGNITUDE = 10**15  # 千万亿: larger than any figure of a year's work
_PARSER = jinja2.Environment()  # parses only; texts are rendered by figures.py's sandbox


def guard(loaded: Loaded) -> tuple[Loaded, list[Problem]]:
    """Problems for unsafe values, and a copy of ``loaded`` in which they are neutralised."""
    problems: list[Problem] = []
    data = _clean(loaded, loaded.data, (), problems)
    problems += _metric_problems(loaded)
    return replace(loaded, data=data), problems


def _clean(loaded: Loaded, value: Any, path: Path_, problems: list[Problem]) -> Any:
    if isinstance(value, str):
        return _clean_text(loaded, value, path, problems)
    if isinstance(value, Mapping):
        return {
            _clean_key(loaded, k, path, problems): _clean(loaded, v, path + (k,), problems) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_clean(loaded, v, path + (i,), problems) for i, v in enumerate(value)]
    return value


def _clean_text(loaded: Loaded, text: str, path: Path_, problems: list[Problem]) -> str:
    bad = _CONTROL.search(text)
    if bad:
        line, column = loaded.locate_in_text(path, text, bad.start())
        message = control_message(text, bad.start())
        problems.append(Problem(loaded.file, line, column, field_label(path), message, rule=RULE_CONTROL))
        text = _CONTROL.sub("?", text)
    in_metrics = bool(path) and path[0] in METRIC_KEYS  # metric texts are never rendered
    if in_metrics or not has_expression(text):
        return text
    message = expression_problem(text)
    if message is None:
        return text
    line, column = loaded.locate_value(path)
    problems.append(Problem(loaded.file, line, column, field_label(path), message, rule=RULE_EXPRESSION))
    return "?"


def _clean_key(loaded: Loaded, key: Any, path: Path_, problems: list[Problem]) -> Any:
    if not isinstance(key, str) or not _CONTROL.search(key):
        return key
    line, column = loaded.locate(path + (key,))
    label = field_label(path + (_CONTROL.sub("?", key),))
    message = control_message(key, _CONTROL.search(key).start())
    problems.append(Problem(loaded.file, line, column, label, message, rule=RULE_CONTROL))
    return _CONTROL.sub("?", key)


def control_message(text: str, index: int) -> str:
    """Names the character by code point (printing it could break the terminal) and where."""
    code = ord(text[index])
    before = _CONTROL.sub("", text[max(0, index - 8) : index])
    where = f"“{before}”之后" if before else "开头"
    return (
        f"文字{where}含有不能写入公文的控制字符 U+{code:04X}。它通常随网页或 Word 复制而来，"
        "或是双引号中的转义（如 \\x01、\\v、\\b）。请删除它。"
    )


def expression_problem(text: str) -> str | None:
    """Why the ``{{ }}`` in ``text`` is not allowed, or ``None`` if every one is a plain reference."""
    try:
        tree = _PARSER.parse(text)
    except jinja2.TemplateSyntaxError:
        return None  # figures.py explains syntax errors in its own words
    except RecursionError:
        return "文本中的 {{ }} 嵌套过深，无法读取。引用数字只需写 {{ 指标名 }}。"
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            return _NO_STATEMENTS
        if not all(isinstance(child, nodes.TemplateData) or _plain_reference(child) for child in node.nodes):
            return _ONLY_REFERENCES
    return None


_NO_STATEMENTS = "文本中不能写 {% … %} 语句（循环、判断等）。引用数字请写 {{ 指标名 }}，例如 {{ 工作会议 }}。"
_ONLY_REFERENCES = (
    "文本中的 {{ }} 只能写指标名，或“指标名.数值”“指标名.去年”“指标名.增幅”这样的属性，"
    "不能计算、调用函数或使用过滤器。请把算好的数字写进“指标”，例如  增加会议: {数值: 2, 单位: 次}，再写 {{ 增加会议 }}。"
)


def _plain_reference(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Const):
        return isinstance(node.value, str)  # {{ "{{" }} prints literal braces
    while isinstance(node, nodes.Getattr):
        if node.attr.startswith("_"):
            return False
        node = node.node
    return isinstance(node, nodes.Name)


def _metric_problems(loaded: Loaded) -> list[Problem]:
    data = loaded.data
    key = next((k for k in METRIC_KEYS if isinstance(data, Mapping) and k in data), None)
    metrics = data[key] if key else None
    if not isinstance(metrics, Mapping):
        return []
    problems = []
    for name, raw in metrics.items():
        for path, value in _metric_numbers((key, name), raw):
            message = _number_message(value)
            if message:
                line, column = loaded.locate_value(path)
                problems.append(Problem(loaded.file, line, column, field_label(path), message, rule=RULE_NUMBER))
    return problems


def _number_message(value: Any) -> str | None:
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        return f"数值应为实际的数字，例如 6 或 12.5；现在是“{value}”（不能写 .inf、.nan、true/false）。"
    if isinstance(value, (int, float)) and abs(value) > MAX_MAGNITUDE:
        return (
            "数值过大（超过千万亿），请检查是否多写了位数；很大的数可换用“万”“亿”作单位，例如  数值: 3.2, 单位: 亿元。"
        )
    return None


def _metric_numbers(path: Path_, raw: Any) -> list[tuple[Path_, Any]]:
    if isinstance(raw, str):  # the short form 6次
        number = _LEADING_NUMBER.match(raw)
        return [(path, float(number.group()))] if number else []
    if not isinstance(raw, Mapping):
        return [(path, raw)]
    return [(path + (k,), raw[k]) for k in ("数值", "value", "去年", "last_year") if k in raw]


_LEADING_NUMBER = re.compile(r"\s*-?\d+(?:\.\d+)?")
