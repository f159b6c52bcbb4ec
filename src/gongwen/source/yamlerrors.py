"""Bytes → text, and PyYAML's English complaints → Chinese sentences a clerk can act on.

Kept apart from ``loader.py`` so the loader reads as "compose, build, record marks" while
this module owns the wording of every encoding and syntax message.
"""

from __future__ import annotations

import re

import yaml
from yaml.reader import ReaderError

from gongwen.errors import InputError, Problem

RULE_FILE = "GW001"  # the file cannot be read as UTF-8 text
RULE_SYNTAX = "GW002"  # the text is not valid YAML

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16/32 → text; anything else is refused."""
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            return _decode_as(raw[len(bom) :], codec, label, name)
    return _decode_as(raw, "utf-8", "UTF-8", name)


def _decode_as(raw: bytes, codec: str, label: str, name: str) -> str:
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start, codec)
        message = (
            _encoding_hint(raw, exc.start)
            if codec == "utf-8"
            else f"文件标明是 {label} 编码，但内容已损坏。请另存为“UTF-8”编码后重试。"
        )
        raise InputError([Problem(name, line, column, "", message, rule=RULE_FILE)]) from None
    if "\x00" in text:
        line, column = text_position(text, text.index("\x00"))
        message = "文件含有空字符（\\0），不是文本文件。请确认选对了文件，或用文本编辑器另存为 UTF-8 文本。"
        raise InputError([Problem(name, line, column, "", message, rule=RULE_FILE)])
    return text


def _byte_position(raw: bytes, index: int, codec: str) -> tuple[int, int]:
    if codec != "utf-8":
        return (1, 1)
    start = raw.rfind(b"\n", 0, index) + 1
    line = raw.count(b"\n", 0, index) + 1
    return line, len(raw[start:index].decode("utf-8", errors="replace")) + 1


def _encoding_hint(raw: bytes, bad: int) -> str:
    """Name the likely encoding: GBK/GB18030 (Windows “ANSI”), damaged UTF-8, or unknown."""
    decoded = raw.decode("utf-8", errors="replace")
    broken = decoded.count("\ufffd")
    fine = sum(1 for ch in decoded if ord(ch) > 0x7F and ch != "\ufffd")
    if fine > broken * 4:
        return (
            f"这里有不是 UTF-8 的字节（0x{raw[bad]:02X}），文件其余部分是 UTF-8：可能是文件损坏，或粘贴进了其他编码的文字。"
            "请在编辑器中检查这一行，删除乱码后另存为“UTF-8”编码。"
        )
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return "文件不是 UTF-8 编码，无法读取。请用文本编辑器另存为“UTF-8”编码后重试。"
    return (
        "文件是 GBK/GB18030 编码（Windows 记事本的“ANSI”），gongwen 只读 UTF-8。"
        "请在记事本中选择“另存为”，编码选“UTF-8”后保存，再重新运行。"
    )


def text_position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of character ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def reader_problem(exc: ReaderError, text: str, name: str) -> Problem:
    """PyYAML refuses control characters in the stream; say which one and where."""
    line, column = text_position(text, min(exc.position, len(text)))
    code = exc.character if isinstance(exc.character, int) else 0
    message = (
        f"含有不可见的控制字符 U+{code:04X}，YAML 不允许。"
        "这类字符常随网页或 Word 复制而来，请在编辑器中删除它（可删去这一处前后的字再重新输入）。"
    )
    return Problem(name, line, column, "", message, rule=RULE_SYNTAX)


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    unclosed = _unclosed_quote(exc, text)
    if unclosed:
        return Problem(name, *unclosed, rule=RULE_SYNTAX)
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(name, line, column, "", _syntax_message(exc, text, line), rule=RULE_SYNTAX)


def _unclosed_quote(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str, str] | None:
    """A quote that never closes is found where the file ends; PyYAML keeps where it opened."""
    start, end = exc.context_mark, exc.problem_mark
    ends = ("end of stream", "document separator")  # the scalar ran into the end, not a bad escape
    if not (start and end and "quoted scalar" in (exc.context or "") and any(e in (exc.problem or "") for e in ends)):
        return None
    quote = text[start.index] if start.index < len(text) else '"'
    quote = quote if quote in "\"'" else '"'
    reached = "文件末尾" if "end of stream" in (exc.problem or "") else "“---”分隔线"
    message = (
        f"YAML 格式错误：第 {start.line + 1} 行开始的引号 {quote} 没有闭合，一直读到了第 {end.line + 1} 行的{reached}。"
        f"请在这段文字末尾补上 {quote}；文字中间需要引号时请用中文引号“”。"
    )
    return start.line + 1, start.column + 1, "", message


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, line: int) -> str:
    problem = exc.problem or ""
    lines = text.splitlines()
    marked = {m.line + 1 for m in (exc.problem_mark, exc.context_mark) if m is not None}
    if "'\\t'" in problem or "tab character" in problem or _starts_with_tab(lines, line):
        return "缩进中使用了制表符（Tab）。YAML 只能用空格缩进，请把 Tab 换成空格（通常每级 2 个空格）。"
    if any(unquoted_braces(lines[n - 1]) for n in marked if 0 < n <= len(lines)):
        return BRACES_MESSAGE
    return f"YAML 格式错误：{_translate(problem, exc.context or '')}。请检查这一行及上一行的缩进、冒号和引号。"


BRACES_MESSAGE = (
    "文本以“{{”开头时必须整段加引号：YAML 会把“{”当作映射的开始。"
    '请写成  段落: "{{ 工作会议 }}……"  （整段加双引号），或改用“>-”另起一行书写（见 README“在文字中引用数字”）。'
)


def unquoted_braces(line: str) -> bool:
    """``key: {{ x }}…`` or ``- {{ x }}…``: a value that YAML will read as a flow mapping."""
    index = line.find("{{")
    if index < 0:
        return False
    prefix = line[:index]
    if "#" in prefix or '"' in prefix or "'" in prefix:
        return False
    stripped = prefix.rstrip()
    return stripped == "" or stripped.endswith((":", "-", "[", ",", "?"))


def _starts_with_tab(lines: list[str], line: int) -> bool:
    return 0 < line <= len(lines) and lines[line - 1][:1] == "\t"


_YAML_PROBLEMS = {
    "mapping values are not allowed here": "此处不能出现“键: 值”（常见原因：文本中含有英文冒号加空格，请给整段文本加引号，或把冒号改成中文“：”）",
    "could not find expected ':'": "缺少冒号“:”，或上一行的引号没有闭合",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
    "did not find expected key": "缩进不一致，找不到预期的键",
    "did not find expected '-' indicator": "列表项缩进不一致",
    "did not find expected node content": "这里缺少内容（例如“- ”后面什么也没写，或括号里多了逗号）",
    "did not find expected comment or line break": "引号结束后这一行还有多余的文字（引号应括住整段文本）",
    "did not find expected <document start>": "文档结构错误（可能多写了“---”或缩进不一致）",
    "found undefined alias": "引用了未定义的锚点（*别名）",
    "found duplicate anchor": "锚点（&名称）重复定义",
    "found unknown escape character": "双引号文本中有未知的转义字符（可改用单引号，或把“\\”写成“\\\\”）",
    "expected escape sequence": "双引号文本中的转义字符写法有误（可改用单引号）",
    "that cannot start any token": "这里的字符不能作为值的开头（如 @、`、% 等），请给整段文本加引号",
    "expected <block end>, but found": "缩进不一致，或上一行的文本没有写完（常见原因：文本中有英文冒号加空格、引号只括住了一部分）",
    "expected ',' or ']'": "方括号“[ ]”没有正确闭合，或其中的项缺少逗号",
    "expected ',' or '}'": "花括号“{ }”没有正确闭合，或其中的项缺少逗号",
    "but found another document": "文件中只能有一份文档，请删除多余的“---”分隔线",
    "expected alphabetic or numeric character": "锚点或别名（& 或 * 后面）的名称只能用字母和数字",
    "expected <document start>": "文档结构错误（可能缩进不一致）",
    "expected '<document start>'": "文档结构错误（可能缩进不一致）",
    "found unexpected ':'": "冒号位置不对（如需在文本中写冒号，请给整段文本加引号）",
    "expected URI": "YAML 标签（!）写法有误",
    "found unknown directive": "未知的“%”指令（如需以 % 开头，请给文本加引号）",
    "expected chomping or indentation indicators": "“|”或“>”后面只能写 +、- 或一位数字，块文本请另起一行书写",
    "expected indentation indicator": "“|”或“>”后面的缩进数字应为 1—9",
    "expected the node content": "这里缺少内容（例如“- ”或“键:”后面的值没有写完）",
    "expected a comment or a line break": "这一行末尾有多余的文字（“|”“>”或引号之后只能换行或写 # 注释）",
    "found unexpected document separator": "文本中出现了“---”或“...”分隔线，请给这段文本加引号",
    "mapping keys are not allowed here": "此处不能出现“? ”开头的键（如需原样显示，请给文本加引号）",
    "found non-specific tag": "“!”后面缺少标签名（如需原样显示“!”，请给文本加引号）",
    "found undefined tag handle": "未定义的 YAML 标签（如需原样显示“!”，请给文本加引号）",
    "while scanning a directive": "“%”开头的行会被当作 YAML 指令（如需原样显示，请给文本加引号）",
    "while scanning a tag": "“!”开头的值会被当作 YAML 标签（如需原样显示，请给文本加引号）",
    "while scanning an anchor": "“&”开头的值会被当作锚点（如需原样显示，请给文本加引号）",
    "while scanning an alias": "“*”开头的值会被当作别名（如需原样显示，请给文本加引号）",
    "found duplicate YAML directive": "YAML 指令重复",
    "found incompatible YAML document": "YAML 版本指令不受支持，请删除“%YAML”这一行",
}


def _translate(problem: str, context: str) -> str:
    for english, chinese in _YAML_PROBLEMS.items():
        if english in problem or english in context:
            return chinese
    cleaned = re.sub(r"\s+", " ", problem).strip()
    return f"无法解析（{cleaned}）" if cleaned else "无法解析"
