"""The library's entry points: each stage of YAML → .docx callable on its own.

``load`` (YAML with marks → validated ``Document``), ``compose`` (Jinja wording → numbered
blocks), ``render`` (blocks → .docx bytes) and ``build`` (all of it, written atomically,
skipping outputs that are already up to date and refusing to overwrite a clerk's edits).
The CLI is a thin client of these.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .blocks import TITLE_BREAK, Block
from .errors import InputError, OutputError, Problem
from .lint import has_errors, lint
from .loader import load_file
from .model import Document
from .output import atomic_write
from .preview import RENDERERS
from .reproducible import normalize_zip
from .stamp import DRAFT_PROPERTY, SOURCE_PROPERTY, add_stamp, read_stamp, source_digest
from .validate import validate
from .version import __version__
from .wording import compose_blocks, template_path
from .writer import DocumentInfo, Grid, render_docx

FORMATS = ("docx", "txt", "md", "blocks")


@dataclass(frozen=True)
class BuildOptions:
    """How to build: the same options give the same bytes."""

    template: Path | None = None
    grid: Grid = "portable"
    formats: tuple[str, ...] = ("docx",)
    force: bool = False  # overwrite a .docx edited since gongwen wrote it
    draft: bool = False  # write despite lint errors (placeholders …), marked as a draft


@dataclass
class BuildResult:
    source: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)  # lint warnings (and errors in a draft)

    @property
    def docx(self) -> Path | None:
        return next((p for p in self.written + self.skipped if p.suffix == ".docx"), None)


def load(path: str | Path) -> Document:
    """Read, check and figure-fill one YAML file; ``InputError`` lists all its problems."""
    return validate(load_file(path))


def load_linted(path: str | Path, draft: bool = False) -> tuple[Document, list[Problem]]:
    """``load`` plus the lint rules: their errors refuse the file unless ``draft``."""
    loaded = load_file(path)
    document = validate(loaded)
    findings = lint(loaded, document)
    if has_errors(findings) and not draft:
        raise InputError(findings + [_draft_hint(loaded.file)])
    return document, findings


def _draft_hint(file: str) -> Problem:
    message = "请补全或改正以上标为错误的内容后再生成；确需先出草稿时加 --draft（生成的文件标明“草稿”）。"
    return Problem(file, 0, 0, "", message, severity="hint")


def compose(document: Document, template: str | Path | None = None) -> list[Block]:
    return compose_blocks(document, template)


def render(document: Document, template: str | Path | None = None, grid: Grid = "portable") -> bytes:
    """The .docx bytes for ``document``: byte-identical for identical input."""
    return _render_docx(document, compose(document, template), grid, {})


def _render_docx(
    document: Document, blocks: list[Block], grid: Grid, stamp: dict[str, str], draft: bool = False
) -> bytes:
    title = document.display_title.replace(TITLE_BREAK, "")
    info = DocumentInfo(title=title, author=document.issuer, moment=document_moment(document), draft=draft)
    return normalize_zip(add_stamp(render_docx(blocks, info, grid), stamp))


def document_moment(document: Document) -> dt.datetime:
    """Core-property timestamps: ``SOURCE_DATE_EPOCH`` if set, else the 成文日期 at 09:00."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.combine(document.date, dt.time(9, 0))


def output_paths(source: Path, output: Path | None, formats: tuple[str, ...], into_folder: bool) -> dict[str, Path]:
    """Where each format goes: beside the source, into a folder, or (one format) a named file."""
    if output is None:
        base = source.with_suffix("")
    elif into_folder:
        base = output / source.stem
    else:
        base = output.with_suffix("") if len(formats) > 1 else None
        if base is None:
            return {formats[0]: output}
    return {fmt: base.with_suffix(f".{fmt}") for fmt in formats}


def digest_for(source: Path, document: Document, options: BuildOptions) -> str:
    template = template_path(document, options.template)
    flags = f"{options.grid} draft={options.draft}"
    return source_digest(source.read_bytes(), template.read_bytes(), __version__, flags)


def build(
    source: str | Path,
    output: str | Path | None = None,
    template: str | Path | None = None,
    grid: Grid = "portable",
    *,
    options: BuildOptions | None = None,
    into_folder: bool = False,
) -> BuildResult:
    """YAML file → .docx (and previews) beside it or at ``output``; nothing is written on failure."""
    options = options or BuildOptions(template=Path(template) if template else None, grid=grid)
    source = Path(source)
    targets = output_paths(source, Path(output) if output else None, options.formats, into_folder)
    document, findings = load_linted(source, options.draft)
    blocks = compose(document, options.template)
    digest = digest_for(source, document, options)
    result = BuildResult(source, findings=findings)
    for fmt, target in targets.items():
        if fmt == "docx" and _docx_is_current(target, digest, options.force):
            result.skipped.append(target)  # checked first: rendering is the expensive part
            continue
        data = _render_format(fmt, document, blocks, options, digest)
        if fmt != "docx" and target.is_file() and target.read_bytes() == data:
            result.skipped.append(target)
            continue
        atomic_write(target, data)
        result.written.append(target)
    return result


def _render_format(fmt: str, document: Document, blocks: list[Block], options: BuildOptions, digest: str) -> bytes:
    if fmt == "docx":
        stamp = {SOURCE_PROPERTY: digest, DRAFT_PROPERTY: "true" if options.draft else "false"}
        return _render_docx(document, blocks, options.grid, stamp, options.draft)
    return RENDERERS[fmt](blocks).encode("utf-8")


def _docx_is_current(target: Path, digest: str, force: bool) -> bool:
    """True if ``target`` already holds this build; raises if overwriting would lose edits."""
    if not target.exists():
        return False
    if target.is_dir():
        raise OutputError(str(target), "这个位置已有一个同名的文件夹。请改用其他输出文件名，或把文件夹移走。")
    stamp = read_stamp(target)
    if force:
        return False
    if stamp is None:
        raise OutputError(
            str(target), "已存在一个不是由 gongwen 生成的文件，为免覆盖他人的文件，未写入。确认可以覆盖时请加 --force。"
        )
    if stamp.edited:
        raise OutputError(
            str(target),
            "这份公文生成后在 Word/WPS 中被修改并保存过，重新生成会丢失这些修改，因此未写入。"
            "请先把修改写回 YAML 数据（或另存为其他文件名），确认可以覆盖时请加 --force。",
        )
    return stamp.source == digest


def output_state(source: Path, output: Path | None, options: BuildOptions, into_folder: bool) -> dict[Path, str]:
    """For ``--check``: each output's state, ``current``, ``stale`` or ``missing``. Writes nothing."""
    document = load(source)
    blocks = compose(document, options.template)
    digest = digest_for(source, document, options)
    states = {}
    for fmt, target in output_paths(source, output, options.formats, into_folder).items():
        if not target.exists():
            states[target] = "missing"
        elif fmt == "docx":
            stamp = read_stamp(target)
            states[target] = "current" if stamp and not stamp.edited and stamp.source == digest else "stale"
        else:
            same = target.read_bytes() == _render_format(fmt, document, blocks, options, digest)
            states[target] = "current" if same else "stale"
    return states
