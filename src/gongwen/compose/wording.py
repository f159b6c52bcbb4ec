"""Jinja wording: a ``Document`` → the block text form, through one template per 文种.

Templates hold wording only (what the document says and in which order), never layout; a
clerk may copy one and pass it with ``--template``. They run in a sandbox with
``StrictUndefined``: a user-supplied template can read the data, not the file system.
"""

from __future__ import annotations

import contextvars
import functools
import os
import posixpath
import re
import stat
import string
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer

from gongwen.compose.blocks import TITLE_BREAK, Block, BlockSyntaxError, Kind, number_blocks, parse_blocks
from gongwen.errors import TemplateError
from gongwen.figures.references import Figure, format_number
from gongwen.model.document import Attachment, Document, Point, Section
from gongwen.model.dates import format_date
from gongwen.source.punctuation import ends_with_punctuation, join_lines
from gongwen.compose.titlebreak import break_title

TITLE_LINE_CHARS = 18
# What a user's template can raise by itself (the sandbox stops file and attribute access,
# range() over 100 000 items raises OverflowError); anything else is a bug in gongwen.
TEMPLATE_RUNTIME_ERRORS = (
    TypeError,
    ValueError,
    ArithmeticError,
    LookupError,
    AssertionError,
    RecursionError,
)  # 2号 on a 156 mm line holds 19.8; a title never runs edge to edge

TEMPLATE_FOR_KIND = {
    "总结": "zongjie.j2",
    "报告": "baogao.j2",
    "请示": "qingshi.j2",
    "通知": "tongzhi.j2",
    "函": "han.j2",
    "纪要": "jiyao.j2",
}


def builtin_template_dir() -> Path:
    """The packaged ``templates/`` folder (``gongwen.templates`` in the wheel)."""
    return Path(str(resources.files("gongwen.templates")))


def template_path(document: Document, override: str | Path | None = None) -> Path:
    if override is not None:
        return Path(override)
    return builtin_template_dir() / TEMPLATE_FOR_KIND[document.kind]


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
MAX_TEMPLATE_BYTES = 1_000_000  # a template file (the built-in ones are under 10 KB)
LOOP_FILTER = "gongwen_loop"  # wraps every {% for %} iterable (inserted by the compiler)
CONCAT_FILTER = "gongwen_concat"  # replaces the ~ operator (inserted by the compiler)


class TemplateLimitError(jinja2.TemplateError):
    """A template went past one of the bounds above; the message says which and what to do."""


class TemplateFileError(jinja2.TemplateError):
    """A template file (the main one or an include) exists but cannot be read as a template."""

    def __init__(self, name: str, filename: str, message: str, line: int | None = None):
        super().__init__(message)
        self.name, self.filename, self.line = name, filename, line


class _Budget:
    """The time and steps one render may still use."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + MAX_SECONDS
        self.steps = 0

    def tick(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > MAX_STEPS:
            raise TemplateLimitError(f"模板的循环或运算次数超过 {MAX_STEPS:,} 次，已停止。请检查循环是否嵌套过深或次数过多。")
        if self.steps % 1024 < steps and time.monotonic() > self.deadline:
            raise TemplateLimitError(f"模板运行超过 {MAX_SECONDS:g} 秒，已停止。请检查模板中的循环是否过多。")


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("gongwen_template_budget", default=None)


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
    """"{:>10000000000}" and "%*d" ask for any width: refuse widths past MAX_WIDTH."""
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


class BoundedFileLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, reading only regular files, never more than MAX_TEMPLATE_BYTES,
    and never blocking (a FIFO or a device named like a template is refused unopened)."""

    def get_source(self, environment, template):
        pieces = split_template_path(template)
        for folder in self.searchpath:
            filename = posixpath.join(folder, *pieces)
            try:
                info = os.stat(filename)
            except (FileNotFoundError, NotADirectoryError):
                continue
            except OSError as exc:
                raise TemplateFileError(template, filename, _os_reason(exc)) from None
            source = read_template_file(template, filename, info)
            return source, filename, lambda: _modified(filename) == info.st_mtime_ns
        raise jinja2.TemplateNotFound(template)


def read_template_file(name: str, filename: str, info: os.stat_result) -> str:
    if not stat.S_ISREG(info.st_mode):
        raise TemplateFileError(name, filename, "不是普通文件（而是文件夹、管道或设备），请指定一个 .j2 文本文件。")
    if info.st_size > MAX_TEMPLATE_BYTES:
        raise TemplateFileError(name, filename, _too_big_file())
    try:
        descriptor = os.open(filename, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise TemplateFileError(name, filename, _os_reason(exc)) from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):  # replaced since the stat above
            raise TemplateFileError(name, filename, "不是普通文件，请指定一个 .j2 文本文件。")
        data = file.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateFileError(name, filename, _too_big_file())
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = "不是 UTF-8 编码的文本，请用文本编辑器另存为 UTF-8 编码（GBK 等编码的模板需要转换）。"
        raise TemplateFileError(name, filename, message, line) from None


def _too_big_file() -> str:
    return f"超过 {MAX_TEMPLATE_BYTES // 1_000_000} MB，不像是措辞模板，请检查文件是否选错。"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有读取权限，请检查文件权限（例如 chmod u+r）。"
    return f"无法读取（系统错误号 {exc.errno}），请检查文件是否存在并可以读取。"


def _modified(filename: str) -> int | None:
    try:
        return os.stat(filename).st_mtime_ns
    except OSError:
        return None


@functools.lru_cache(maxsize=16)
def make_environment(search_path: tuple[Path, ...]) -> WordingSandbox:
    """The one Jinja environment for wording templates (cached: it caches compiled templates,
    and checks their files' modification times before reuse)."""
    return WordingSandbox(
        loader=BoundedFileLoader([str(p) for p in search_path], encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_wording(document: Document, override: str | Path | None = None) -> str:
    """The template's text output (unnumbered blocks) for ``document``."""
    path = template_path(document, override)
    if not os.path.lexists(path):
        raise TemplateError(str(path), None, "模板文件不存在，请检查 --template 的路径。")
    env = make_environment((path.parent.resolve(), builtin_template_dir()))
    token = _budget.set(_Budget())
    try:
        text = _render(env.get_template(path.name), template_context(document))
    except TemplateFileError as exc:
        if Path(exc.filename).resolve() == path.resolve():
            raise TemplateError(str(path), exc.line, f"模板文件{exc.message}") from None
        message = f"引用的模板“{exc.name}”{exc.message}"
        raise TemplateError(str(path), _template_line(exc, path), message) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(str(path), exc.lineno, f"语法错误：{exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        message = f"引用的模板“{exc.name}”不存在；只能引用与模板同一文件夹或内置模板文件夹中的模板。"
        raise TemplateError(str(path), _template_line(exc, path), message) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(str(path), _template_line(exc, path), _runtime_message(exc)) from None
    except TEMPLATE_RUNTIME_ERRORS as exc:  # a template's own mistake, e.g. {{ 标题 + 1 }}
        message = f"模板运算出错（{type(exc).__name__}: {exc}），请检查这一行的表达式。"
        raise TemplateError(str(path), _template_line(exc, path), message) from None
    except MemoryError:
        raise TemplateError(str(path), None, "模板占用的内存过多，已停止。请去掉造出大量内容的表达式。") from None
    finally:
        _budget.reset(token)
    _check_output(text, path)
    return text


def _render(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Stream the output, stopping the template where it passes MAX_TEXT_CHARS or the deadline
    (thrown into the template, so the message names the line it was printing)."""
    chunks, size = [], 0
    output = template.generate(context)
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


# What the block text may not contain: characters XML cannot hold (C0 controls but tab and
# newline, C1 controls, lone surrogates, U+FFFE/FFFF) and the other line separators, which
# would start a block line of their own.
_FORBIDDEN_OUTPUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _check_output(text: str, path: Path) -> None:
    bad = _FORBIDDEN_OUTPUT.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        message = (
            f"模板输出第 {line} 行含有不能写入文档的控制字符或无效字符（U+{ord(bad.group()):04X}），"
            "请检查模板中的转义写法（如 \\x01、\\ud800）或数据。"
        )
        raise TemplateError(str(path), None, message)


def compose_blocks(document: Document, override: str | Path | None = None) -> list[Block]:
    """Render the wording and number it: the document as blocks, ready for any writer."""
    text = render_wording(document, override)
    try:
        blocks = number_blocks(parse_blocks(text))
    except BlockSyntaxError as exc:
        where = template_path(document, override)
        raise TemplateError(str(where), None, f"模板输出第 {exc.line} 行：{exc}") from None
    protected = (*document.issuers, *document.recipients)
    return [_break_title(b, protected) if b.kind is Kind.TITLE else b for b in blocks]


def _break_title(block: Block, protected: tuple[str, ...]) -> Block:
    """Titles wider than a line go on several centred lines, marked ``|`` in the block text."""
    lines = break_title(block.text, TITLE_LINE_CHARS, protected)
    return replace(block, text=TITLE_BREAK.join(lines))


def template_context(document: Document) -> dict[str, Any]:
    """What a template sees, under Chinese names, with text already tidied.

    Every name is available at the top level and, for the shared macros, under ``文档``.
    """
    names = _names(document) | _issuance_names(document)
    return names | {"文档": names}


def _names(document: Document) -> dict[str, Any]:
    return {
        "文种": document.kind,
        "标题": join_lines(document.display_title),
        "发文机关": document.issuer,
        "年度": document.year,
        "事由": document.subject,
        "导语": [join_lines(p) for p in document.intro],
        "正文": [_section(s) for s in document.sections],
        "结语": [join_lines(p) for p in document.closing],
        "署名": join_lines(document.display_signature),
        "联合发文机关": list(document.co_issuers),
        "成文日期": format_date(document.date),
        "指标": {name: Figure(name, metric) for name, metric in document.metrics.items()},
    }


def _issuance_names(document: Document) -> dict[str, Any]:
    """版头, 主送, 附件, 落款 and 版记 fields (GB/T 9704 §7)."""
    return {
        "份号": document.copy_number,
        "密级": document.secrecy or "",
        "保密期限": document.secrecy_period,
        "紧急程度": document.urgency or "",
        "发文机关标志": join_lines(document.display_masthead),
        "发文字号": str(document.number) if document.number else "",
        "签发人": list(document.signers),
        "主送机关": [join_lines(r) for r in document.recipients],
        "附件": [_attachment(a) for a in document.attachments],
        "印章": document.seal,
        "附注": join_lines(document.note),
        "抄送": [join_lines(c) for c in document.copies_to],
        "印发机关": join_lines(document.printer or document.issuer),
        "印发日期": format_date(document.print_date or document.date),
        "出席": list(document.attendees),
        "请假": list(document.absentees),
        "列席": list(document.observers),
    }


def _attachment(attachment: Attachment) -> dict[str, Any]:
    table = attachment.table
    return {
        "名称": join_lines(attachment.name),
        "段落": [join_lines(p) for p in attachment.paragraphs],
        "表格": {"表头": table.header, "行": [[format_cell(c) for c in row] for row in table.rows]} if table else None,
    }


def format_cell(value: str | int | float) -> str:
    return value if isinstance(value, str) else format_number(value)


def _section(section: Section) -> dict[str, Any]:
    return {
        "标题": join_lines(section.heading),
        "段落": [join_lines(p) for p in section.paragraphs],
        "要点": [_point(p) for p in section.points],
        "要点写法": section.points_style,
        "小节": [_section(s) for s in section.subsections],
    }


def _point(point: Point) -> dict[str, str]:
    lead = join_lines(point.lead)
    if lead and not ends_with_punctuation(lead):
        lead += "。"
    return {"小标题": lead, "内容": join_lines(point.text)}


_KNOWN_NAMES = "标题、发文机关、年度、事由、导语、正文、结语、署名、成文日期、指标、主送机关、附件、文档"


def _template_line(exc: BaseException, path: Path) -> int | None:
    """Jinja rewrites tracebacks so template frames carry the template's file and line."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename).name == path.name:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _runtime_message(exc: jinja2.TemplateError) -> str:
    message = str(exc)
    if isinstance(exc, jinja2.UndefinedError):
        return f"使用了不存在的变量（{message}）。可用的变量有：{_KNOWN_NAMES}等（见内置模板）。"
    if isinstance(exc, TemplateLimitError):
        return message
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"模板试图访问不允许的内容（{message}），模板只能读取文档数据。"
    return message
