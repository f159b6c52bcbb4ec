"""Input that must never reach Jinja or the .docx writer, found before validation runs.

Three kinds of value are refused with a located message, and replaced in a cleaned copy of
the data so the rest of validation can still report everything else in the same run:

* control characters XML 1.0 cannot hold (``"\\x01"``, ``"\\v"``, lone surrogates); lxml
  would crash on them while writing the .docx;
* ``{{ … }}`` expressions beyond a name and its attributes (``{{ 工作会议.增幅 }}``):
  arithmetic, calls, filters and ``{% %}`` statements could raise Python errors or run
  for ever, and a 公文's numbers belong in ``指标`` anyway;
* ``{{ }}`` that name anything but a declared metric, 年度/上年/下年/发文机关 and the
  documented attributes (``{{ lipsum }}``, ``{{ 发文机关.upper }}`` would print a Python repr
  with a memory address, so the bytes would differ on every build; a 3,000-long attribute
  chain would overflow Jinja's compiler), and metric names that would shadow those names;
* metric values that are not finite numbers (``.inf``, ``"NaN"``, ``"1e400"``, ``true``) or are
  too large or small to compute with (a growth rate of a 400-digit number overflows).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import jinja2
from jinja2 import nodes

from gongwen.errors import Problem
from gongwen.model.fields import MAX_MAGNITUDE, MAX_NUMBER_DIGITS, number_problem, short
from gongwen.source.loader import Loaded, Path_, field_label
from gongwen.source.texts import DOCUMENT_NAMES, FIGURE_ATTRIBUTES, LAST_YEAR_ATTRIBUTES, METRIC_KEYS, has_expression

RULE_CONTROL = "GW012"  # a control character XML cannot hold
RULE_EXPRESSION = "GW013"  # an expression other than a name and its attributes
RULE_NUMBER = "GW015"  # a metric value that is not a finite number
RULE_NAME = "GW016"  # a metric name that shadows a document name or one of Jinja's

# XML 1.0 Char excludes C0 controls but tab/LF/CR, surrogates and U+FFFE/U+FFFF; C1 controls
# (U+007F–U+009F) are legal but never intended in a 公文 and Word warns about them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Names a metric may not take: the document's own (they would be silently replaced) and the
# ones Jinja gives a meaning (``self`` prints a template object; keywords do not parse).
RESERVED_NAMES = frozenset(DOCUMENT_NAMES) | frozenset(
    "self loop caller varargs kwargs range lipsum dict cycler joiner namespace super "
    "true false none True False None and or not in is if else".split()
)
__all__ = ["MAX_MAGNITUDE", "RESERVED_NAMES", "guard"]
_PARSER = jinja2.Environment()  # parses only; texts are rendered by figures.py's sandbox


def guard(loaded: Loaded) -> tuple[Loaded, list[Problem]]:
    """Problems for unsafe values, and a copy of ``loaded`` in which they are neutralised."""
    problems: list[Problem] = []
    known = _metric_names(loaded.data)
    data = _clean(loaded, loaded.data, (), problems, known)
    problems += _metric_problems(loaded)
    return replace(loaded, data=data), problems


def _metric_names(data: Any) -> list[str]:
    key = next((k for k in METRIC_KEYS if isinstance(data, Mapping) and k in data), None)
    metrics = data[key] if key else None
    return [str(name) for name in metrics] if isinstance(metrics, Mapping) else []


def _clean(loaded: Loaded, value: Any, path: Path_, problems: list[Problem], known: list[str]) -> Any:
    if isinstance(value, str):
        return _clean_text(loaded, value, path, problems, known)
    if isinstance(value, Mapping):
        return {
            _clean_key(loaded, k, path, problems): _clean(loaded, v, path + (k,), problems, known)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_clean(loaded, v, path + (i,), problems, known) for i, v in enumerate(value)]
    return value


def _clean_text(loaded: Loaded, text: str, path: Path_, problems: list[Problem], known: list[str]) -> str:
    bad = _CONTROL.search(text)
    if bad:
        line, column = loaded.locate_in_text(path, text, bad.start())
        message = control_message(text, bad.start())
        problems.append(Problem(loaded.file, line, column, field_label(path), message, rule=RULE_CONTROL))
        text = _CONTROL.sub("?", text)
    in_metrics = bool(path) and path[0] in METRIC_KEYS  # metric texts are never rendered
    if in_metrics or not has_expression(text):
        return text
    message = expression_problem(text, known)
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


def expression_problem(text: str, known: list[str] | None = None) -> str | None:
    """Why the ``{{ }}`` in ``text`` is not allowed, or ``None`` if every one is a plain reference.

    With ``known`` (the declared metric names), each reference must also name one of them or a
    document name, with documented attributes only.
    """
    references = _plain_references(text)
    if references is not None:
        return _references_problem(references, known)
    try:
        tree = _PARSER.parse(text)
    except jinja2.TemplateSyntaxError:
        return None  # figures.py explains syntax errors in its own words
    except SyntaxError:  # Jinja's lexer reads 1.０ as a number, and Python refuses the ０
        return _UNREADABLE_NUMBER
    except RecursionError:
        return "文本中的 {{ }} 嵌套过深，无法读取。引用数字只需写 {{ 指标名 }}。"
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            return _NO_STATEMENTS
        plain = functools.partial(_plain_reference, underscores=known is not None)  # then checked by name
        if not all(isinstance(child, nodes.TemplateData) or plain(child) for child in node.nodes):
            return _ONLY_REFERENCES
        if known is None:
            continue
        for child in node.nodes:
            message = None if isinstance(child, (nodes.TemplateData, nodes.Const)) else _name_problem(child, known)
            if message:
                return message
    return None


def _references_problem(references: list[list[str]], known: list[str] | None) -> str | None:
    """``expression_problem``'s verdict on the references of a plain text, as Jinja's tree of
    the text would give it (a name, then its attributes)."""
    if known is None:
        plain = all(not attribute.startswith("_") for parts in references for attribute in parts[1:])
        return None if plain else _ONLY_REFERENCES
    for name, *attributes in references:
        message = _reference_problem(name, attributes, known)
        if message:
            return message
    return None


# A text whose every ``{{ }}`` is a plain reference (``{{ 工作会议.增幅 }}``), written without
# whitespace control, and which opens no ``{%`` or ``{#``: the data between references holds no
# "{" that starts a tag. Names start as Jinja's lexer starts them (not with a digit).
_NAME = r"[^\W\d]\w*"
_PLAIN_TEXT = re.compile(rf"(?:(?:[^{{]|\{{(?![{{%#]))+|\{{\{{\s*{_NAME}(?:\.{_NAME})*\s*\}}\}})*")
_REFERENCE = re.compile(rf"\{{\{{\s*({_NAME}(?:\.{_NAME})*)\s*\}}\}}")
# Words Jinja's parser reads as constants or operators, not as names.
_JINJA_WORDS = frozenset("true false True False none None and or not in is if else".split())


def _plain_references(text: str) -> list[list[str]] | None:
    """The references of a text of plain references only (``召开{{ 会议 }}次`` → [["会议"]]), read
    directly: parsing with Jinja costs about 0.25 ms a text, and nearly every text is of this
    kind. Any other text (or a name Jinja reads differently) gives ``None`` and goes to Jinja."""
    if not _PLAIN_TEXT.fullmatch(text):
        return None
    references = []
    for match in _REFERENCE.finditer(text):
        parts = match.group(1).split(".")
        if parts[0] in _JINJA_WORDS or not all(part.isidentifier() for part in parts):
            return None
        references.append(parts)
    return references


def _name_problem(node: nodes.Node, known: list[str]) -> str | None:
    """A reference ``name.attr.attr`` (Jinja's tree of it) checked against what a text may name."""
    attributes: list[str] = []
    while isinstance(node, nodes.Getattr):
        attributes.insert(0, node.attr)
        node = node.node
    return _reference_problem(node.name, attributes, known)


def _reference_problem(name: str, attributes: list[str], known: list[str]) -> str | None:
    shown = [short(part) for part in (name, *attributes[:3])]
    written = ".".join(shown) + ("……" if len(attributes) > 3 else "")
    if name in DOCUMENT_NAMES:
        if attributes:
            return (
                f"“{{{{ {written} }}}}”中的“{name}”没有属性，请只写 {{{{ {name} }}}}。"
                f"只有指标有属性：{'、'.join(FIGURE_ATTRIBUTES)}；{'、'.join(DOCUMENT_NAMES)} 都没有。"
            )
        return None
    if name in RESERVED_NAMES and name not in known:
        names = "、".join(short(k) for k in known[:8]) + ("等" if len(known) > 8 else "")
        declared = f"已声明的指标（{names}）和" if known else "“指标”中声明的名称和"
        return f"{{{{ }}}} 中不能写“{name}”。文中只能引用{declared} {'、'.join(DOCUMENT_NAMES)}。"
    if name not in known:
        return unknown_name_message(name, known)
    first, rest = (attributes[0], attributes[1:]) if attributes else (None, [])
    if first is not None and first not in FIGURE_ATTRIBUTES:
        return _attribute_message(written)
    if rest and (first not in ("去年", "目标") or len(rest) > 1 or rest[0] not in LAST_YEAR_ATTRIBUTES):
        return _attribute_message(written)
    return None


def _attribute_message(written: str) -> str:
    return (
        f"“{{{{ {written} }}}}”写法不对。指标只有这些属性：{'、'.join(FIGURE_ATTRIBUTES)}，"
        f"以及 去年.{'、去年.'.join(LAST_YEAR_ATTRIBUTES)}、目标.数值；例如 {{{{ 工作会议.同比 }}}}、{{{{ 工作会议.去年.数值 }}}}。"
    )


_UNREADABLE_NUMBER = (
    "文本的 {{ }} 中有读不出的数字（常见原因：混入了全角数字或全角小数点，如 1.０）。{{ }} 中只写指标名，"
    "例如 {{ 工作会议 }}；数字请用半角写进“指标”。"
)
_NO_STATEMENTS = "文本中不能写 {% … %} 语句（循环、判断等）。引用数字请写 {{ 指标名 }}，例如 {{ 工作会议 }}。"
_ONLY_REFERENCES = (
    "文本中的 {{ }} 只能写指标名，或“指标名.数值”“指标名.去年”“指标名.增幅”这样的属性，"
    "不能计算、调用函数或使用过滤器。请把算好的数字写进“指标”，例如  增加会议: {数值: 2, 单位: 次}，再写 {{ 增加会议 }}。"
)


def _plain_reference(node: nodes.Node, underscores: bool = False) -> bool:
    if isinstance(node, nodes.Const):
        return isinstance(node.value, str)  # {{ "{{" }} prints literal braces
    while isinstance(node, nodes.Getattr):
        if node.attr.startswith("_") and not underscores:
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
        if name in RESERVED_NAMES:
            line, column = loaded.locate((key, name))
            problems.append(
                Problem(loaded.file, line, column, field_label((key, name)), _reserved(name), rule=RULE_NAME)
            )
        for path, value in _metric_numbers((key, name), raw):
            message = _number_message(value)
            if message:
                line, column = loaded.locate_value(path)
                problems.append(Problem(loaded.file, line, column, field_label(path), message, rule=RULE_NUMBER))
    return problems


def _reserved(name: str) -> str:  # reserved names are short
    if name in DOCUMENT_NAMES:
        meaning = f"文中的 {{{{ {name} }}}} 已经表示公文的{name}"
    else:
        meaning = f"“{name}”在 {{{{ }}}} 中另有含义"
    return f"指标不能叫“{name}”：{meaning}，同名的指标无法引用。请换一个名称，例如“{name}数”或“全年{name}”。"


def _number_message(value: Any) -> str | None:
    if isinstance(value, str):
        value = _as_number(value)
        if value is None:
            return None  # not a number at all: the model says so
    if isinstance(value, float) and math.isinf(value):
        return number_problem(float(MAX_MAGNITUDE) * 10)  # "1e400", or 400 digits: say too large
    return number_problem(value)


def _as_number(text: str) -> int | float | None:
    """What the model would read from a number written as text ("6", " 1e308", "NaN")."""
    text = text.strip()
    if _DIGITS.fullmatch(text):
        return float("inf") if len(text.lstrip("+-")) > MAX_NUMBER_DIGITS else int(text)
    try:
        return float(text) if len(text) <= 400 else None
    except ValueError:
        return None


def _metric_numbers(path: Path_, raw: Any) -> list[tuple[Path_, Any]]:
    if isinstance(raw, str):  # the short form 6次
        number = _LEADING_NUMBER.match(raw)
        return [(path, number.group())] if number else []
    if not isinstance(raw, Mapping):
        return [(path, raw)]
    return [(path + (k,), raw[k]) for k in ("数值", "value", "去年", "last_year") if k in raw]


_LEADING_NUMBER = re.compile(r"\s*-?\d+(?:\.\d+)?")
_DIGITS = re.compile(r"[-+]?\d+")


def unknown_name_message(name: str, known: list[str]) -> str:
    """An undeclared name in ``{{ }}``: how to declare it, the closest declared one, what is allowed."""
    name = short(name)
    message = f"引用了未定义的指标“{name}”。请在“指标”中声明它，例如  {name}: {{数值: 6, 单位: 次}}"
    import difflib  # only a file with a mistake needs it

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.4)
    if close:
        message += f"；或者您想写的是“{short(close[0])}”？"
    elif known:
        message += f"；已声明的指标有：{'、'.join(short(k) for k in known[:8])}{'等' if len(known) > 8 else ''}。"
    else:
        message += "。"
    return message + f"除指标外，文中只能引用 {'、'.join(DOCUMENT_NAMES)}。"
