"""``gongwen check``: load, validate and lint data files, writing nothing.

``check_file`` never raises for bad input: loading, validation and lint problems all come
back as ``Problem``s, so one run lists everything. The CLI prints them with
``render_text`` (one ``Problem.format()`` per line and a summary) or ``render_json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from gongwen.output.batch import expand_sources, internal_error
from gongwen.errors import GongwenError, InputError, Problem
from gongwen.lint import ERROR, WARNING, lint_with_units
from gongwen.source.loader import load_bytes
from gongwen.model.document import Document
from gongwen.output.build import compose, read_source
from gongwen.figures import document_from


@dataclass
class Checked:
    """The outcome of checking one file: its problems, and the document if it validated."""

    source: str
    problems: list[Problem] = field(default_factory=list)
    document: Document | None = None


def check_file(path: str | Path) -> Checked:
    """Every problem of one file (load → validate → lint → compose), sorted by line.

    Composing runs the wording template, the numbering and the title breaking, so a file that
    passes ``check`` does not fail ``build`` on any of them.
    """
    try:
        loaded = load_bytes(read_source(Path(path)), str(path))
    except InputError as exc:
        return Checked(str(path), exc.problems)
    try:
        document, problems = document_from(loaded), []
    except InputError as exc:
        document, problems = None, exc.problems
    problems = merge(problems, lint_with_units(loaded, document))
    if document is not None:
        problems += _compose_problems(str(path), document)
    return Checked(str(path), problems, document)


def _compose_problems(name: str, document: Document) -> list[Problem]:
    try:
        compose(document)
    except GongwenError as exc:
        return [Problem(name, 0, 0, "", exc.format_message(), rule="GW020")]
    return []


def check_sources(arguments: Iterable[str]) -> list[Problem]:
    """Problems of every file named by ``arguments`` (files, folders, globs)."""
    try:
        paths = expand_sources(arguments)
    except InputError as exc:
        return exc.problems
    if not paths:
        message = "没有找到数据文件（.yaml 或 .yml）。请检查路径，或指定具体的文件。"
        return [Problem(" ".join(arguments), 0, 0, "", message, rule="GW001")]
    return [problem for path in paths for problem in _checked(path)]


def _checked(path: Path) -> list[Problem]:
    """One file's problems; a defect of gongwen itself is one more problem, so the other files
    are still checked and ``--format json`` still prints JSON."""
    try:
        return check_file(path).problems
    except Exception as exc:  # noqa: BLE001 - reported, with what to do, never swallowed
        return [Problem(str(path), 0, 0, "", internal_error(path, exc).split(": ", 1)[1], rule="GW000")]


def merge(validation: list[Problem], linted: list[Problem]) -> list[Problem]:
    """Both lists, sorted; where a lint error explains the same spot, it replaces the generic one."""
    explained = {(p.file, p.line, p.column, p.field) for p in linted if p.severity == ERROR}
    kept = [p for p in validation if (p.file, p.line, p.column, p.field) not in explained]
    return sorted(kept + linted, key=lambda p: (p.file, p.line, p.column, p.rule))


def counts(problems: Iterable[Problem]) -> tuple[int, int]:
    problems = list(problems)
    return sum(p.severity == ERROR for p in problems), sum(p.severity == WARNING for p in problems)


def exit_code(problems: list[Problem], strict: bool = False) -> int:
    """0 when clean (warnings allowed unless ``strict``), else 1."""
    errors, warnings = counts(problems)
    return 1 if errors or (strict and warnings) else 0


def summary(problems: list[Problem], strict: bool = False) -> str:
    errors, warnings = counts(problems)
    if not errors and not warnings:
        return "检查通过，未发现问题。"
    note = "（--strict：警告也视为不通过）" if strict and warnings and not errors else ""
    return f"检查完毕：{errors} 个错误，{warnings} 个警告。{note}"


def render_text(problems: list[Problem], strict: bool = False) -> str:
    """One ``Problem.format()`` per line, then the summary line."""
    return "\n".join([p.format() for p in problems] + [summary(problems, strict)])


def render_json(problems: list[Problem], ascii_only: bool = False) -> str:
    """A JSON list of findings for CI: rule, severity, file, line, column, field, message.

    ``ascii_only`` escapes every non-ASCII character (``\\u4e2d``): still the same JSON, and
    printable on a console that is not UTF-8 (a Windows GBK console, a redirected pipe).
    """
    keys = ("rule", "severity", "file", "line", "column", "field", "message")
    rows = [{k: getattr(p, k) for k in keys} | {"rule": p.rule or "GW000"} for p in problems]
    return json.dumps(rows, ensure_ascii=ascii_only, indent=2)
