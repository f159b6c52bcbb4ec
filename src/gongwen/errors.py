"""The error tree: every failure a user can cause is a ``GongwenError``.

``GongwenError`` derives from ``click.ClickException`` so the CLI prints it cleanly with exit
code 1 and no mapper; library callers catch it like any exception. Messages are in Chinese
because clerks read them; each input problem names ``file:line:column`` and the field.
"""

from __future__ import annotations

import sys
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
        stream = file if file is not None else sys.stderr
        click.echo(self.format_message(), file=stream)


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
