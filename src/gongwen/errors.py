"""The error tree: every failure a user can cause is a ``GongwenError``.

``GongwenError`` derives from ``click.ClickException`` so the CLI prints it cleanly with exit
code 1 and no mapper; library callers catch it like any exception. Messages are in Chinese
because clerks read them; each input problem names ``file:line:column`` and the field.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from typing import IO

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about an input file, located as precisely as the YAML allows."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"
    rule: str = ""

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        field = f"{self.field}: " if self.field else ""
        label = {"error": "", "warning": "警告: ", "hint": "提示: "}.get(self.severity, "")
        return f"{where}: {label}{field}{self.message}"


class GongwenError(click.ClickException):
    """Base of every error gongwen reports to a user (exit code 1)."""

    exit_code = 1

    def show(self, file: IO[str] | None = None) -> None:
        # err=True, not file=sys.stderr: click then writes UTF-8 to a stream that claims ASCII (a
        # misconfigured locale), as it does for every other message, instead of "?" for each 汉字.
        if file is None:
            click.echo(self.format_message(), err=True)
        else:
            click.echo(self.format_message(), file=file)


class InputError(GongwenError):
    """The input file has one or more problems; all of them are listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.severity == "hint", p.file, p.line, p.column, p.field))
        lines = [p.format() for p in self.problems]
        count = sum(p.severity == "error" for p in self.problems)
        lines.append(f"共发现 {count} 处问题，请修改后重新运行。")
        super().__init__("\n".join(lines))


class TemplateError(GongwenError):
    """A wording template has a syntax or runtime error."""

    def __init__(self, template: str, line: int | None, message: str):
        self.template = template
        self.line = line
        where = f"{template}:{line}" if line else template
        super().__init__(f"{where}: 模板错误: {message}")


class OutputError(GongwenError):
    """The output cannot be written; any earlier output is left as it was."""

    def __init__(self, path: str, message: str):
        self.path = path
        super().__init__(f"{path}: 无法写入: {message}")


class ConversionError(GongwenError):
    """LibreOffice is missing or failed to convert a document to PDF."""


_MESSAGES = {
    errno.EACCES: "没有写入权限（文件夹只读，或文件正被 Word/WPS 打开）。请关闭文件或用 -o 指定其他位置。",
    errno.EPERM: "没有写入权限（文件夹只读，或文件正被 Word/WPS 打开）。请关闭文件或用 -o 指定其他位置。",
    errno.EROFS: "所在的磁盘是只读的。请用 -o 指定其他位置。",
    errno.ENOSPC: "磁盘空间不足。请清理磁盘后重试。",
    errno.EDQUOT: "磁盘配额已用完。请清理后重试。",
    errno.EISDIR: "目标是一个文件夹，请指定文件名。",
    errno.ENOTDIR: "目标路径中有一段不是文件夹。请检查路径。",
    errno.ENOENT: "目标路径中的文件夹不存在。请检查路径。",
    errno.ENAMETOOLONG: "文件名或路径过长（文件名一般不能超过 255 字节，约 85 个汉字）。请换一个短一些的名称。",
    errno.EEXIST: "同名文件已存在。",
    errno.ELOOP: "路径中的符号链接层数过多或形成了循环。请检查路径。",
    errno.EBUSY: "文件正被其他程序占用。请关闭后重试。",
    errno.ETXTBSY: "文件正被其他程序占用。请关闭后重试。",
    errno.EIO: "读写磁盘时出错（输入/输出错误）。请检查磁盘后重试。",
    errno.EXDEV: "无法跨磁盘移动文件。请把输出放在与数据文件相同的磁盘上。",
    errno.EMFILE: "同时打开的文件过多。请减少并行进程数（-j）后重试。",
    errno.EINVAL: "文件名中有系统不允许的字符。请换一个文件名。",
}


def explain(exc: OSError) -> str:
    """An OSError in Chinese, never the system's English text."""
    message = _MESSAGES.get(exc.errno or 0)
    if message:
        return message
    name = errno.errorcode.get(exc.errno or 0, "未知")
    return f"系统拒绝了这个操作（错误代码 {name}）。请检查路径和权限后重试。"
