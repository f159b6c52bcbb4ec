"""YAML → plain Python data, with the line and column of every key and value.

PyYAML's constructed objects forget where they came from, so the loader composes the node
tree (safe schema only) and builds the data itself, recording a mark for each path. Errors
found later (pydantic, figures, lint) are translated back to ``file:line:column`` through
those marks. Duplicate keys, which PyYAML silently resolves to the last one, are errors, and
all of a file's duplicates and refused tags are reported in one run.

Hostile input is refused early and with a message: files over 2 MB, nesting deeper than
64 levels (checked while composing, so PyYAML's recursion never overflows) and documents
that grow past 5,000 values once aliases are expanded ("billion laughs"). The largest example
has under 200; writing thousands of paragraphs with python-docx takes ever longer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.reader import ReaderError
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser as _CParser  # libyaml, when PyYAML was built with it
except ImportError:  # pragma: no cover - wheels for the supported platforms include it
    _CParser = None

from gongwen.errors import InputError, Problem
from gongwen.source.texts import Path_
from gongwen.source.treelimits import within_limits
from gongwen.source.yamlerrors import (
    BRACES_MESSAGE,
    RULE_FILE,
    RULE_SYNTAX,
    decode,
    reader_problem,
    syntax_problem,
    text_position,
)


MAX_FILE_BYTES = 2 * 1024 * 1024  # a year's summary is a few KB; 2 MB is generous
MAX_NODES = 5_000  # the largest example has 179; guards "billion laughs" and slow builds
MAX_DEPTH = 64  # a document nests 10 levels at most (four levels of 小节 inside 正文)

RULE_TAG = "GW003"  # a YAML tag outside the plain schema (e.g. !!python/object)
RULE_DUPLICATE = "GW004"  # a key written twice in one mapping
RULE_LIMIT = "GW005"  # size, depth or alias-expansion limit exceeded


@dataclass
class Loaded:
    """A parsed YAML document and where each of its parts stands in the file."""

    file: str
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    source: str = ""  # the decoded file text
    spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # value → (start, end) index

    def locate(self, path: Path_) -> tuple[int, int]:
        """The best (line, column) for ``path``: the key if known, else its nearest parent."""
        probe = tuple(path)
        while True:
            if probe in self.key_marks:
                return self.key_marks[probe]
            if probe in self.value_marks:
                return self.value_marks[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]

    def locate_value(self, path: Path_) -> tuple[int, int]:
        """Like ``locate`` but prefers the value's own position over its key's."""
        return self.value_marks.get(tuple(path)) or self.locate(path)

    def locate_in_text(self, path: Path_, text: str, offset: int, length: int = 1) -> tuple[int, int]:
        """Where ``text[offset:offset + length]`` (a string value at ``path``) stands in the file.

        Finds the same occurrence of that substring inside the value's source span, so it
        works for plain, quoted and block scalars; falls back to the value's start when the
        source spells it differently (escapes, folding).
        """
        span = self.spans.get(tuple(path))
        needle = text[offset : offset + length]
        if span is None or not needle:
            return self.locate_value(path)
        occurrence = _occurrence(text, needle, offset)
        index = _nth(self.source, needle, occurrence, span)
        return text_position(self.source, index) if index >= 0 else self.locate_value(path)


def _occurrence(text: str, needle: str, offset: int) -> int:
    count, index = 0, text.find(needle)
    while 0 <= index < offset:
        count += 1
        index = text.find(needle, index + len(needle))
    return count


def _nth(source: str, needle: str, n: int, span: tuple[int, int]) -> int:
    index = source.find(needle, span[0], span[1])
    for _ in range(n):
        if index < 0:
            return -1
        index = source.find(needle, index + len(needle), span[1])
    return index


def field_label(path: Path_) -> str:
    """``('正文', 1, '要点', 0, '内容')`` → ``正文第2项.要点第1项.内容`` (counting from 1)."""
    label = ""
    for part in path:
        label += f"第{part + 1}项" if isinstance(part, int) else (f".{part}" if label else str(part))
    return visible(label)


def visible(text: str) -> str:
    """``text`` safe to print in a message: control characters and lone surrogates become “?”."""
    return _INVISIBLE.sub("?", text)


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class _Refused(Exception):
    """A limit was hit while composing; carries the mark and the Chinese message."""

    def __init__(self, mark: yaml.Mark, message: str):
        super().__init__(message)
        self.where = (mark.line + 1, mark.column + 1)
        self.message = message


class _Limited:
    """Depth and size limits, checked while composing (mixed into both loaders below)."""

    depth = 0
    nodes = 0

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        self.nodes += 1
        if self.depth >= MAX_DEPTH:
            raise _Refused(self.peek_event().start_mark, _DEPTH_MESSAGE)
        if self.nodes > MAX_NODES:
            raise _Refused(self.peek_event().start_mark, _NODES_MESSAGE)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _SafeLoader(_Limited, yaml.SafeLoader):
    """The safe schema only (``!!python/...`` tags are refused), with depth and size limits."""


if _CParser is not None:

    class _FastLoader(_Limited, Composer, _CParser, SafeConstructor, Resolver):
        """libyaml's parser (C) under PyYAML's own composer: the same nodes and marks (index,
        line and column count characters in both), about ten times faster. Only a document
        that parses is taken from it; any error is reproduced by ``_SafeLoader``, whose messages
        the Chinese translations are written for."""

        def __init__(self, stream: str):
            _CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    class _CLoader(_CParser, SafeConstructor, Resolver):
        """libyaml's parser and libyaml's composer (C), about twice as fast as ``_FastLoader``.
        Its nodes are built from the same events as PyYAML's composer builds them (tags by the
        same resolver, the same marks, styles and shared alias nodes); the limits are checked
        on the finished tree, by ``within_limits``."""

        def __init__(self, stream: str):
            _CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


_DEPTH_MESSAGE = f"嵌套层数超过 {MAX_DEPTH} 层（可能是括号没有闭合，或是自引用的锚点），已拒绝读取。请简化结构。"
_NODES_MESSAGE = (
    f"内容项过多（超过 {MAX_NODES} 个，或锚点/别名展开后超过这个数），已拒绝读取。"
    "一份总结通常只有几百项，请检查是否选错了文件，不要用别名（*）复制大段内容。"
)


def _file_error(name: str, message: str, rule: str = RULE_FILE) -> InputError:
    return InputError([Problem(name, 0, 0, "", message, rule=rule)])


def load_bytes(raw: bytes, name: str) -> Loaded:
    """Parse YAML bytes that came from ``name`` (used in messages only)."""
    if len(raw) > MAX_FILE_BYTES:
        message = "文件过大（超过 2 MB 的上限），已拒绝读取。一份总结通常只有几十 KB，请检查是否选错了文件。"
        raise InputError([Problem(name, 1, 1, "", message, rule=RULE_LIMIT)])
    text = decode(raw, name)
    node = _compose(text, name)
    if node is None:
        raise InputError([Problem(name, 1, 1, "", "文件是空的，请参照示例填写。", rule=RULE_FILE)])
    loaded = Loaded(file=name, data=None, source=text)
    builder = _Builder(loaded)
    loaded.data = builder.build(node, (), depth=0)
    if builder.problems:
        raise InputError(builder.problems)
    return loaded


def _compose(text: str, name: str) -> yaml.Node | None:
    # libyaml accepts a tab where PyYAML refuses one (before a comment): such text keeps the
    # pure-Python path, so what is accepted and what is refused stays exactly as it was.
    if _CParser is not None and "\t" not in text:
        try:
            return _compose_in_c(text)
        except Exception:  # noqa: BLE001 - any failure: the pure-Python path says what and where
            pass
    return _compose_python(text, name)


# libyaml's composer builds the whole tree before its limits can be checked: past this size a
# hostile file (a million one-character values) would take seconds to be refused, so larger
# texts are composed by ``_FastLoader``, which counts as it goes. The examples have < 5,000.
MAX_C_COMPOSED = 16_384


class _OverLimit(Exception):
    """libyaml's tree is deeper or larger than the limits: the Python path refuses it."""


def _compose_in_c(text: str) -> yaml.Node | None:
    if len(text) > MAX_C_COMPOSED:
        return _FastLoader(text).get_single_node()
    node = _CLoader(text).get_single_node()
    if node is not None and not within_limits(node, MAX_DEPTH, MAX_NODES):
        raise _OverLimit
    return node


def _compose_python(text: str, name: str) -> yaml.Node | None:
    try:
        loader = _SafeLoader(text)
    except ReaderError as exc:  # control characters are checked when the reader starts
        raise InputError([reader_problem(exc, text, name)]) from None
    try:
        return loader.get_single_node()
    except _Refused as exc:
        raise InputError([Problem(name, *exc.where, "", exc.message, rule=RULE_LIMIT)]) from None
    except ReaderError as exc:
        raise InputError([reader_problem(exc, text, name)]) from None
    except yaml.MarkedYAMLError as exc:
        raise InputError([syntax_problem(exc, text, name)]) from None
    finally:
        loader.dispose()


class _Builder:
    """Turns a composed node tree into Python data, recording marks and refusing abuse."""

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.constructor = _SafeLoader("")
        self.nodes = 0
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self._count(node, depth)
        self.loaded.value_marks[path] = _pos(node)
        self.loaded.spans[path] = (node.start_mark.index, node.end_mark.index)
        if isinstance(node, yaml.MappingNode) and _starts_with_braces(node, self.loaded.source):
            return self._report(node, BRACES_MESSAGE, path, RULE_SYNTAX)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            return self._report(node, _tag_message(node.tag), path, RULE_TAG)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _count(self, node: yaml.Node, depth: int) -> None:
        self.nodes += 1
        if depth > MAX_DEPTH:
            self._refuse(node, _DEPTH_MESSAGE)
        if self.nodes > MAX_NODES:
            self._refuse(node, _NODES_MESSAGE)

    def _refuse(self, node: yaml.Node, message: str) -> None:
        raise InputError([Problem(self.loaded.file, *_pos(node), "", message, rule=RULE_LIMIT)])

    def _report(self, node: yaml.Node, message: str, path: Path_, rule: str) -> None:
        label = field_label(path)
        self.problems.append(Problem(self.loaded.file, *_pos(node), label, message, rule=rule))

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict | None:
        own = sum(1 for key, _ in node.value if key.tag != "tag:yaml.org,2002:merge")
        try:
            self.constructor.flatten_mapping(node)  # resolves "<<" merge keys
        except yaml.MarkedYAMLError:
            return self._report(node, "合并键“<<”只能引用映射（&锚点 定义的“键: 值”）。", path, RULE_TAG)
        result: dict[str, Any] = {}
        for key_node, value_node in _without_overridden(node.value, len(node.value) - own):
            if not isinstance(key_node, yaml.ScalarNode):
                self._report(
                    key_node, "键必须是普通文本，不能是列表或映射。如果这是一段文字，请给它加引号。", path, RULE_TAG
                )
                continue
            key = key_node.value
            child = path + (key,)
            if key in result:
                self._duplicate(key_node, child)
                continue
            self.loaded.key_marks[child] = _pos(key_node)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _duplicate(self, key_node: yaml.ScalarNode, child: Path_) -> None:
        first_line = self.loaded.key_marks[child][0]
        message = (
            f"键“{visible(key_node.value)}”重复（第 {first_line} 行已出现），后一个会覆盖前一个。请删除或合并其中一个。"
        )
        problem = Problem(self.loaded.file, *_pos(key_node), field_label(child), message, rule=RULE_DUPLICATE)
        self.problems.append(problem)

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        if node.tag == _STR_TAG:
            return node.value  # what the constructor returns for it (nearly every scalar is text)
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.MarkedYAMLError as exc:
            if "could not determine a constructor" in (exc.problem or ""):
                return self._report(node, _tag_message(node.tag), path, RULE_TAG)
            return self._report(node, f"无法识别的值（{exc.problem}）。请给这个值加上引号。", path, RULE_TAG)
        except ValueError:
            digits = sum(c.isdigit() for c in node.value)
            if _NUMBER.fullmatch(node.value):  # Python refuses ints of more than 4,300 digits
                message = (
                    f"数字位数过多（{digits} 位），请检查是否多写了数字。如果这是编号、代码这类文字，请给它加上引号。"
                )
            else:
                message = "无法识别的值（例如不存在的日期 2021-02-30）。请检查，或给这个值加上引号。"
            return self._report(node, message, path, RULE_TAG)


def _without_overridden(pairs: list, merged: int) -> list:
    """Pairs brought in by ``<<`` come first; an explicit key of the same name overrides them."""

    def overridden(index: int) -> bool:
        key = pairs[index][0]
        later = pairs[index + 1 :]
        return isinstance(key, yaml.ScalarNode) and any(
            k.value == key.value for k, _ in later if isinstance(k, yaml.ScalarNode)
        )

    return [pair for i, pair in enumerate(pairs[:merged]) if not overridden(i)] + pairs[merged:]


_NUMBER = re.compile(r"[-+]?(?:0[box])?[0-9a-fA-F_]+")

_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_STR_TAG = "tag:yaml.org,2002:str"


def _tag_message(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    if "python/" in tag:
        return f"不允许的 YAML 标签“{short}”：出于安全考虑，gongwen 不执行 Python 标签。请删除这个标签，只写普通文本、数字、列表或映射。"
    return f"不允许的 YAML 标签“{short}”。gongwen 只接受普通文本、数字、列表和映射，请删除这个标签。"


def _starts_with_braces(node: yaml.MappingNode, source: str) -> bool:
    """A flow mapping that opens with ``{{``: an unquoted ``{{ 指标 }}`` at the start of a text."""
    index = node.start_mark.index
    return bool(node.flow_style) and source[index : index + 2] == "{{"


def _pos(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)
