"""The sandbox user templates run in, with bounds on everything they can do.

A user's template (``--template``) is code. Jinja's sandbox keeps it away from files and
Python internals; this module also bounds its time, steps, output, strings, lists, integers,
widths and ranges, makes lists and dicts immutable, and reads template files only when they
are regular, UTF-8 and small. Every refusal is a ``TemplateLimitError`` or
``TemplateFileError``, which ``composer`` reports as a 模板错误 on the template's line.
"""

from __future__ import annotations

import contextvars
import functools
import re
import string
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer

from gongwen.wording.bytecode import TemplateBytecodeCache
from gongwen.wording.templatefiles import BoundedFileLoader


# --- bounds on a template's work ---------------------------------------------------------
#
# A user's template is code: without bounds a loop or an operator could run for hours or fill
# the memory. Each bound is far above anything a real 公文 needs (the largest example renders
# 9 KB of text in a few milliseconds, with a few hundred calls) and low enough to fail in about
# a second. Every refusal is a TemplateLimitError, reported as a 模板错误 on the template's line.

MAX_SECONDS = 5.0  # wall-clock time for one render, includes and macros included
MAX_STEPS = 1_000_000  # loop iterations, calls and operators of one render (about a second)
MAX_RANGE = 100_000  # items in one range(); Jinja's own limit
MAX_TEXT_CHARS = 1_000_000  # any one string a template builds, and its whole output (~500 pages)
MAX_ITEMS = 100_000  # items in one list a template builds
MAX_INT = 10**100  # integer results (a 公文's figures have at most a dozen digits)
MAX_WIDTH = 1_000  # a width or count given to center/ljust/zfill/indent/format…: a line is 28 字
MAX_REPEAT = 10_000  # "ab" * n and [x] * n beyond this are refused, as is a large power
MAX_LIPSUM = 100  # paragraphs or words asked of lipsum()
LOOP_FILTER = "gongwen_loop"  # wraps every {% for %} iterable (inserted by the compiler)
CONCAT_FILTER = "gongwen_concat"  # replaces the ~ operator (inserted by the compiler)


class TemplateLimitError(jinja2.TemplateError):
    """A template went past one of the bounds above; the message says which and what to do."""


class _Budget:
    """The time and steps one render may still use."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + MAX_SECONDS
        self.steps = 0

    def tick(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > MAX_STEPS:
            raise TemplateLimitError(
                f"模板的循环或运算次数超过 {MAX_STEPS:,} 次，已停止。请检查循环是否嵌套过深或次数过多。"
            )
        if self.steps % 1024 < steps and time.monotonic() > self.deadline:
            raise TemplateLimitError(f"模板运行超过 {MAX_SECONDS:g} 秒，已停止。请检查模板中的循环是否过多。")


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("gongwen_template_budget", default=None)
# The files of every template the current build loaded (see WordingSandbox._load_template).
TEMPLATES_READ: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("gongwen_templates_read", default=None)


def _tick(steps: int = 1) -> None:
    budget = _budget.get()
    if budget is not None:
        budget.tick(steps)


def _too_large(what: str) -> TemplateLimitError:
    return TemplateLimitError(f"{what}，已拒绝。模板只需排列文档数据，请去掉造出大量内容的表达式。")


def _check_value(value: Any) -> Any:
    """Refuse a result that is too large to be a step towards a 公文."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and abs(value) > MAX_INT:
        raise _too_large("模板运算得到的整数超过 10 的 100 次方")
    if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
        raise _too_large(f"模板生成的文字超过 {MAX_TEXT_CHARS:,} 字")
    if isinstance(value, (list, tuple, dict, set, frozenset)) and len(value) > MAX_ITEMS:
        raise _too_large(f"模板生成的列表超过 {MAX_ITEMS:,} 项")
    return value


def _printed_size(value: Any, limit: int = MAX_TEXT_CHARS) -> int:
    """An estimate (at least the true length, up to ``limit``) of ``str(value)``, computed
    without building it: a list holding one long string 10 000 times prints 10 000 copies."""
    size, stack = 0, [value]
    while stack and size <= limit:
        item = stack.pop()
        if isinstance(item, str):
            size += len(item)
        elif isinstance(item, int) and not isinstance(item, bool):
            size += item.bit_length() * 3 // 10 + 1
        elif isinstance(item, dict):
            size += 2 * len(item) + 2
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            size += 2 * len(item) + 2
            stack.extend(item)
        else:
            size += 1
    return size


def _check_printable(value: Any) -> Any:
    if not isinstance(value, str) and _printed_size(value) > MAX_TEXT_CHARS:
        raise _too_large(f"模板要输出的内容超过 {MAX_TEXT_CHARS:,} 字")
    return value


def _check_widths(name: str, args: tuple, kwargs: dict) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
            raise _too_large(f"{name}() 的宽度或个数 {value} 超过 {MAX_WIDTH}")


_FORMAT_NUMBER = re.compile(r"\d+")
# A %-conversion: optional (key), flags, width, precision, type.
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d*))?")


def _check_format_string(text: str) -> None:
    """ "{:>10000000000}" and "%*d" ask for any width: refuse widths past MAX_WIDTH."""
    try:
        fields = [spec for _, _, spec, _ in string.Formatter().parse(text) if spec]
    except ValueError:
        fields = []  # not a valid format string: str.format itself reports it
    for spec in fields:
        if "{" in spec or any(int(n) > MAX_WIDTH for n in _FORMAT_NUMBER.findall(spec)):
            raise _too_large(f"格式“{{:{spec}}}”的宽度过大或由参数决定（最多 {MAX_WIDTH}）")


def _check_percent_format(text: str) -> None:
    for match in _PERCENT_SPEC.finditer(text.replace("%%", "")):
        for part in match.groups():
            if part == "*" or (part and int(part) > MAX_WIDTH):
                raise _too_large(f"格式“{match.group(0)}”的宽度过大或由参数决定（最多 {MAX_WIDTH}）")


def _check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    times = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    if len(text) + times * (len(new) - len(old)) > MAX_TEXT_CHARS:
        raise _too_large(f"replace() 得到的文字超过 {MAX_TEXT_CHARS:,} 字")


def _check_join(items: list, separator: Any = "") -> None:
    size = sum(_printed_size(item) for item in items) + len(str(separator)) * len(items)
    if size > MAX_TEXT_CHARS:
        raise _too_large(f"join() 得到的文字超过 {MAX_TEXT_CHARS:,} 字")


_WIDTH_METHODS = frozenset(["center", "ljust", "rjust", "zfill", "expandtabs"])
_WIDTH_FILTERS = frozenset(["center", "indent", "batch", "slice", "truncate", "wordwrap", "round"])
_PRINTING_FILTERS = frozenset(["string", "tojson", "pprint", "urlencode", "xmlattr", "format", "e", "escape"])


def _bounded_filter(name: str, function: Callable) -> Callable:
    """A built-in filter with the bounds applied to its arguments and result."""
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        passed, (value, *rest) = args[:skip], args[skip:]
        if name in _WIDTH_FILTERS:
            _check_widths(name, tuple(rest), kwargs)
        if name in _PRINTING_FILTERS:
            for argument in (value, *rest, *kwargs.values()):
                _check_printable(argument)
        if name == "format" and isinstance(value, str):
            _check_percent_format(value)
        if name == "replace":
            _check_replace(value, *rest, **kwargs)
        if name == "join" and not kwargs.get("attribute") and len(rest) < 2:
            value = list(value) if not isinstance(value, str) else value
            _check_join(list(value), rest[0] if rest else kwargs.get("d", ""))
        return _check_value(function(*passed, value, *rest, **kwargs))

    return bounded


def _bounded_loop(iterable: Any) -> Iterator[Any]:
    """Every {% for %} runs through this: one step per item."""
    for item in iterable:
        _tick()
        yield item


def _concat(values: list) -> str:
    """The ~ operator, refusing a result past MAX_TEXT_CHARS (``s ~ s`` doubles a string)."""
    if sum(_printed_size(v) for v in values) > MAX_TEXT_CHARS:
        raise _too_large(f"用 ~ 连接得到的文字超过 {MAX_TEXT_CHARS:,} 字")
    return "".join(map(str, values))


def _range(*args: int) -> range:
    numbers = range(*args)
    try:
        count = len(numbers)
    except OverflowError:
        count = MAX_RANGE + 1
    if count > MAX_RANGE:
        raise _too_large(f"range() 的范围超过 {MAX_RANGE:,} 项")
    return numbers


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    if any(isinstance(v, int) and v > MAX_LIPSUM for v in (n, min, max)):
        raise _too_large(f"lipsum() 的段数或词数超过 {MAX_LIPSUM}")
    return generate_lorem_ipsum(n, html, min, max)


class _BoundingTransformer(NodeTransformer):
    """Rewrites a parsed template: every loop iterable and every ~ goes through a bound."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, LOOP_FILTER, [], [], None, None, lineno=node.iter.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        items = nodes.List(node.nodes, lineno=node.lineno)
        return nodes.Filter(items, CONCAT_FILTER, [], [], None, None, lineno=node.lineno)


class WordingSandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox (no mutation of lists and dicts either), with every loop, call, filter
    and operator counted against the render's budget and their results bounded."""

    intercepted_binops = frozenset(["+", "-", "*", "/", "//", "%", "**"])

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=_check_printable, **options)
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        self.filters[LOOP_FILTER] = _bounded_loop
        self.filters[CONCAT_FILTER] = _concat
        self.globals.update(range=_range, lipsum=_lipsum)

    def _load_template(self, name, globals):  # noqa: A002 - Jinja's signature
        """Every template a render uses (the main one, includes, imports), cached or not, is
        recorded: they are inputs, and no output may replace one of them."""
        template = super()._load_template(name, globals)
        read = TEMPLATES_READ.get()
        if read is not None and template.filename:
            read.add(template.filename)
        return template

    def _generate(self, source: nodes.Template, name, filename, defer_init: bool = False):  # type: ignore[override]
        return super()._generate(_BoundingTransformer().visit(source), name, filename, defer_init)

    def call_binop(self, context, operator, left, right):
        _tick()
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 100:
            raise _too_large("模板中的乘方过大")
        if operator == "**" and _is_int(left) and _is_int(right) and abs(left) > 1:
            if (abs(left).bit_length() - 1) * right > MAX_INT.bit_length():
                raise _too_large("模板运算得到的整数超过 10 的 100 次方")
        if operator == "*" and _is_int(left) and _is_int(right):
            if left.bit_length() + right.bit_length() - 2 > MAX_INT.bit_length():
                raise _too_large("模板运算得到的整数超过 10 的 100 次方")
        if operator == "*" and _repeats(left, right) > MAX_REPEAT:
            raise _too_large("模板中重复文字或列表的次数过多")
        if operator == "+" and _sized(left) and _sized(right) and len(left) + len(right) > MAX_TEXT_CHARS:
            raise _too_large(f"模板用 + 连接得到的内容超过 {MAX_TEXT_CHARS:,} 字")
        if operator == "%" and isinstance(left, str):
            _check_percent_format(left)
            _check_printable(right)
        return _check_value(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        _tick()
        method = getattr(__obj, "__wrapped__", __obj)  # str.format comes wrapped by the sandbox
        owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
        if isinstance(owner, str):
            if name in _WIDTH_METHODS:
                _check_widths(name, args, kwargs)
            elif name == "replace":
                _check_replace(owner, *args, **kwargs)
            elif name == "join" and len(args) == 1:
                args = (list(args[0]),)
                _check_join(args[0], owner)
            for argument in (*args, *kwargs.values()):
                _check_printable(argument)
        return _check_value(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is not None:
            _check_format_string(value.__self__)
        return wrapper


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _sized(value: Any) -> bool:
    return isinstance(value, (str, list, tuple))


def _repeats(left: Any, right: Any) -> int:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
            return len(sequence) * count
    return 0


@functools.lru_cache(maxsize=16)
def make_environment(search_path: tuple[Path, ...]) -> WordingSandbox:
    """The one Jinja environment for wording templates (cached: it caches compiled templates,
    and checks before each reuse that their files are unchanged and not overridden, see
    ``templatefiles._unchanged``; a new process finds their code in ``bytecode``'s cache)."""
    env = WordingSandbox(
        loader=BoundedFileLoader([str(p) for p in search_path], encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Compiled code also outlives the process (bytecode.py). This module decides part of what
    # Jinja generates (the bounding rewrite, the filters), so its bytes key every entry.
    env.bytecode_cache = TemplateBytecodeCache(env, (Path(__file__),))
    return env


def render_bounded(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render within this render's own budget, streaming the output and stopping the template
    where it passes MAX_TEXT_CHARS or the deadline (thrown into the template, so the message
    names the line it was printing)."""
    token = _budget.set(_Budget())
    try:
        return _stream(template.generate(context))
    finally:
        _budget.reset(token)


def _stream(output: Iterator[str]) -> str:
    chunks, size = [], 0
    for chunk in output:
        size += len(chunk)
        chunks.append(chunk)
        try:
            if size > MAX_TEXT_CHARS:
                raise _too_large(f"模板输出超过 {MAX_TEXT_CHARS:,} 字")
            _tick()
        except TemplateLimitError as exc:
            output.throw(exc)
    return "".join(chunks)
