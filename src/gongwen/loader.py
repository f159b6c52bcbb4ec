"""YAML → plain Python data, with the line and column of every key and value.

PyYAML's constructed objects forget where they came from, so the loader composes the node
tree (safe schema only) and builds the data itself, recording a mark for each path. Errors
found later (pydantic, figures, lint) are translated back to ``file:line:column`` through
those marks. Duplicate keys, which PyYAML silently resolves to the last one, are errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Problem

Path_ = tuple[str | int, ...]

MAX_FILE_BYTES = 2 * 1024 * 1024  # a year's summary is a few KB; 2 MB is generous
MAX_NODES = 200_000  # guards alias expansion ("billion laughs")
MAX_DEPTH = 64


@dataclass
class Loaded:
    """A parsed YAML document and where each of its parts stands in the file."""

    file: str
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

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


class _SafeLoader(yaml.SafeLoader):
    """The safe schema only: ``!!python/...`` tags raise a ConstructorError."""


def load_file(path: str | Path) -> Loaded:
    """Read and parse one YAML file; raise ``InputError`` with a located message on failure."""
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(name, 0, 0, "", "文件不存在，请检查路径是否正确。")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, 0, 0, "", "这是一个文件夹，请指定 .yaml 文件。")]) from None
    except OSError as exc:
        raise InputError([Problem(name, 0, 0, "", f"无法读取文件（{exc.strerror}）。")]) from None
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> Loaded:
    """Parse YAML bytes that came from ``name`` (used in messages only)."""
    if len(raw) > MAX_FILE_BYTES:
        size_mb = len(raw) / 1024 / 1024
        message = f"文件过大（{size_mb:.1f} MB，上限 2 MB），请检查是否选错了文件。"
        raise InputError([Problem(name, 0, 0, "", message)])
    text = _decode(raw, name)
    loaded = Loaded(file=name, data=None)
    try:
        node = yaml.compose(text, Loader=_SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(exc, text, name)]) from None
    except yaml.YAMLError as exc:  # errors without a mark (rare)
        raise InputError([Problem(name, 0, 0, "", f"YAML 格式错误：{exc}")]) from None
    if node is None:
        raise InputError([Problem(name, 1, 1, "", "文件是空的，请参照示例填写。")])
    builder = _Builder(loaded)
    loaded.data = builder.build(node, (), depth=0)
    return loaded


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = _encoding_hint(raw)
        raise InputError([Problem(name, line, 1, "", hint)]) from None
    if "\x00" in text:
        raise InputError([Problem(name, 1, 1, "", "文件含有空字符（\\0），不是文本文件。")])
    return text


def _encoding_hint(raw: bytes) -> str:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return "文件不是 UTF-8 编码，无法读取。请用文本编辑器另存为“UTF-8”编码后重试。"
    return (
        "文件是 GBK/GB18030 编码（Windows 记事本的“ANSI”），gongwen 只读 UTF-8。"
        "请在记事本中选择“另存为”，编码选“UTF-8”后保存，再重新运行。"
    )


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = exc.problem or ""
    if "found character '\\t'" in problem or _line_starts_with_tab(text, line):
        message = "缩进中使用了制表符（Tab）。YAML 只能用空格缩进，请把 Tab 换成空格（通常每级 2 个空格）。"
    else:
        message = f"YAML 格式错误：{_translate_yaml_problem(problem)}。请检查这一行的缩进、冒号和引号。"
    return Problem(name, line, column, "", message)


def _line_starts_with_tab(text: str, line: int) -> bool:
    lines = text.splitlines()
    return 0 < line <= len(lines) and lines[line - 1][:1] == "\t"


_YAML_PROBLEMS = {
    "mapping values are not allowed here": "此处不能出现“键: 值”（常见原因：文本中含有英文冒号加空格，请给整段文本加引号）",
    "could not find expected ':'": "缺少冒号“:”",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
    "did not find expected key": "缩进不一致，找不到预期的键",
    "did not find expected '-' indicator": "列表项缩进不一致",
    "found undefined alias": "引用了未定义的锚点（*别名）",
    "found unknown escape character": "双引号文本中有未知的转义字符（可改用单引号）",
    "expected <document start>, but found '<block mapping start>'": "文档结构错误",
}


def _translate_yaml_problem(problem: str) -> str:
    for english, chinese in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return chinese
    return problem or "无法解析"


class _Builder:
    """Turns a composed node tree into Python data, recording marks and refusing abuse."""

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.constructor = _SafeLoader("")
        self.nodes = 0

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self._count(node, depth)
        mark = node.start_mark
        self.loaded.value_marks[path] = (mark.line + 1, mark.column + 1)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            self._refuse(_pos(node), f"不允许的 YAML 标签“{node.tag}”。gongwen 只接受普通文本、数字、列表和映射。")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _count(self, node: yaml.Node, depth: int) -> None:
        self.nodes += 1
        mark = node.start_mark
        where = (mark.line + 1, mark.column + 1)
        if depth > MAX_DEPTH:
            self._refuse(where, f"嵌套层数超过 {MAX_DEPTH} 层（可能是自引用的锚点），请简化结构。")
        if self.nodes > MAX_NODES:
            self._refuse(where, "锚点/别名展开后内容过多（超过 20 万个节点），已拒绝读取。请不要用别名复制大段内容。")

    def _refuse(self, where: tuple[int, int], message: str) -> None:
        raise InputError([Problem(self.loaded.file, where[0], where[1], "", message)])

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        try:
            self.constructor.flatten_mapping(node)  # resolves "<<" merge keys
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            self._refuse((mark.line + 1, mark.column + 1), "合并键“<<”只能引用映射。")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._refuse(_pos(key_node), "键必须是普通文本，不能是列表或映射。")
            key = key_node.value
            child = path + (key,)
            if key in result:
                first_line = self.loaded.key_marks[child][0]
                message = f"键“{key}”重复（第 {first_line} 行已出现），后一个会覆盖前一个。请删除或合并其中一个。"
                self._refuse(_pos(key_node), message)
            self.loaded.key_marks[child] = _pos(key_node)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.MarkedYAMLError as exc:
            if "could not determine a constructor" in (exc.problem or ""):
                self._refuse(_pos(node), f"不允许的 YAML 标签“{node.tag}”。gongwen 只接受普通文本、数字、列表和映射。")
            self._refuse(_pos(node), f"无法识别的值：{exc.problem}。请给这个值加上引号。")
        except ValueError:
            self._refuse(_pos(node), "无法识别的值（例如不存在的日期）。请检查，或给这个值加上引号。")


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _pos(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)
