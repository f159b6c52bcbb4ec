"""The library's entry points: each stage of YAML → .docx callable on its own.

``load`` (YAML with marks → validated ``Document``), ``compose`` (Jinja wording → numbered
blocks), ``render`` (blocks → .docx bytes) and ``build`` (all of it, written atomically,
skipping outputs that are already up to date and refusing to overwrite a clerk's edits).
The CLI is a thin client of these.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gongwen.errors import GongwenError, InputError, OutputError, Problem
from gongwen.output.files import Transaction, refuse_read_only, remove_stale_temporaries
from gongwen.output.records import recall, record_key, remember
from gongwen.output.stamp import (
    DRAFT_PROPERTY,
    SOURCE_PROPERTY,
    docx_state,
    pdf_state,
    read_existing,
    source_digest,
    stamp_parts,
    stamp_pdf,
    stamp_text,
    text_state,
)
from gongwen.version import __version__

if TYPE_CHECKING:
    from gongwen.docx.writer import Grid
    from gongwen.model.document import Document
    from gongwen.wording.blocks import Block

# The heavy stack (pydantic, Jinja, python-docx, the lint rules) is imported on first use, so
# that an up-to-date input is recognised from its record (``records.recall``) without it.

# Suffixes gongwen writes; ``-o 报告.docx --to txt`` writes 报告.txt, never text into 报告.docx.
OUTPUT_SUFFIXES = (".docx", ".txt", ".md", ".blocks", ".pdf")


@dataclass(frozen=True)
class BuildOptions:
    """How to build: the same options give the same bytes."""

    template: Path | None = None
    grid: Grid = "portable"
    formats: tuple[str, ...] = ("docx",)
    force: bool = False  # overwrite outputs edited since gongwen wrote them, or not gongwen's
    draft: bool = False  # write despite lint errors (placeholders …), marked as a draft
    pdf: bool = False  # also a PDF: outputs are staged, and committed once the PDF exists
    defer_commit: bool = False  # leave the staged outputs for the caller to commit (PDF batches)
    # Look beside the outputs for killed builds' temporaries: a batch does it once, for all
    # its outputs, instead of listing the output folder again for each input.
    clean_temporaries: bool = True


@dataclass
class PdfRequest:
    """A PDF still to make for one build: from which .docx (staged or existing) to where."""

    docx: Path
    target: Path
    digest: str


@dataclass
class BuildResult:
    source: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)  # lint warnings (and errors in a draft)
    transaction: Transaction | None = None  # staged, uncommitted outputs (``defer_commit``)
    pdf: PdfRequest | None = None

    @property
    def docx(self) -> Path | None:
        return next((p for p in self.written + self.skipped if p.suffix == ".docx"), None)


MAX_SOURCE_BYTES = 2 * 1024 * 1024  # loader.MAX_FILE_BYTES: a larger input is never recognised


def read_source(path: Path) -> bytes:
    """The input's bytes, read once (``source.reading``: regular files only, never blocking)."""
    from gongwen.source.reading import read_source as read

    return read(path)


def load(path: str | Path) -> Document:
    """Read, check and figure-fill one YAML file; ``InputError`` lists all its problems."""
    from gongwen.figures import document_from
    from gongwen.source.loader import load_bytes

    path = Path(path)
    return document_from(load_bytes(read_source(path), str(path)))


def load_linted(raw: bytes, name: str, draft: bool = False) -> tuple[Document, list[Problem]]:
    """``load`` plus the lint rules: their errors refuse the file unless ``draft``."""
    from gongwen.figures import document_from
    from gongwen.lint import has_errors, lint_with_units
    from gongwen.source.loader import load_bytes

    loaded = load_bytes(raw, name)
    document = document_from(loaded)
    findings = lint_with_units(loaded, document)
    if has_errors(findings) and not draft:
        raise InputError(findings + [_draft_hint(loaded.file)])
    return document, findings


def _draft_hint(file: str) -> Problem:
    message = "请补全或改正以上标为错误的内容后再生成；确需先出草稿时加 --draft（生成的文件标明“草稿”）。"
    return Problem(file, 0, 0, "", message, severity="hint")


def compose(document: Document, template: str | Path | None = None) -> list[Block]:
    from gongwen.wording.composer import compose_blocks

    return compose_blocks(document, template)


def render(document: Document, template: str | Path | None = None, grid: Grid = "portable") -> bytes:
    """The .docx bytes for ``document``: byte-identical for identical input."""
    return _render_docx(document, compose(document, template), grid, {})


def _render_docx(
    document: Document, blocks: list[Block], grid: Grid, stamp: dict[str, str], draft: bool = False
) -> bytes:
    from gongwen.docx.reproducible import write_zip
    from gongwen.docx.writer import DocumentInfo, render_parts
    from gongwen.source.texts import TITLE_BREAK

    title = document.display_title.replace(TITLE_BREAK, "")
    info = DocumentInfo(title=title, author=document.issuer, moment=document_moment(document), draft=draft)
    return write_zip(stamp_parts(render_parts(blocks, info, grid), stamp))  # the build's one zip pass


MAX_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC, the last second a .docx date can hold


def _epoch() -> str:
    """SOURCE_DATE_EPOCH as whole seconds (00 and 0 are the same moment); one no date can
    hold is an error that names the variable."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return ""
    if len(epoch) > 12 or int(epoch) > MAX_EPOCH:
        raise GongwenError(
            f"环境变量 SOURCE_DATE_EPOCH={epoch[:20]} 超出范围：应为 0 到 {MAX_EPOCH} 之间的秒数"
            "（1970 年以来的秒数，例如 1640995200 即 2022年1月1日），或不设置。"
        )
    return str(int(epoch))


def document_moment(document: Document) -> dt.datetime:
    """Core-property timestamps: ``SOURCE_DATE_EPOCH`` if set, else the 成文日期 at 09:00."""
    if _epoch():
        return dt.datetime.fromtimestamp(int(_epoch()), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.combine(document.date, dt.time(9, 0))


def output_paths(source: Path, output: Path | None, formats: tuple[str, ...], into_folder: bool) -> dict[str, Path]:
    """Where each format goes: beside the source, into a folder, or named by ``-o``.

    Every format gets its own suffix: ``-o 报告.docx --to txt`` writes ``报告.txt``; a name
    without an output suffix is kept whole (``-o 报告.v2`` → ``报告.v2.docx``).
    """
    if output is None:
        base = source.with_suffix("")
    elif into_folder:
        base = output / source.stem
    else:
        base = output.with_suffix("") if output.suffix.lower() in OUTPUT_SUFFIXES else output
    return {fmt: base.with_name(f"{base.name}.{fmt}") for fmt in formats}


def build_targets(source: Path, output: Path | None, options: BuildOptions, into_folder: bool) -> dict[str, Path]:
    """``output_paths`` plus the PDF beside the .docx when one is asked for."""
    formats = options.formats + (("docx",) if options.pdf and "docx" not in options.formats else ())
    targets = output_paths(source, output, formats, into_folder)
    if options.pdf:
        targets["pdf"] = targets["docx"].with_suffix(".pdf")
    return targets


def refuse_inputs_as_outputs(targets: dict[str, Path], inputs: list[Path]) -> None:
    """An output path never names an input (the data file or the template)."""
    for target in targets.values():
        for path in inputs:
            if same_file(target, path):
                raise OutputError(str(target), same_file_message(path))


def same_file_message(source: Path) -> str:
    return f"输出文件与输入文件 {source} 是同一个文件，写入会毁掉输入。请用 -o 指定其他文件名。"


def same_file(a: Path, b: Path) -> bool:
    """One file under two names (a hard link, a symlink, ./ or ..), or the same name."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _flags(options: BuildOptions) -> str:
    return f"{options.grid} draft={options.draft} epoch={_epoch()}"


def digest_for(raw: bytes, blocks: list[Block], options: BuildOptions) -> str:
    """Everything an output depends on: the input's bytes, the wording every template produced
    (so an edited include counts too), gongwen's version and the build flags."""
    from gongwen.wording.blocks import dump_blocks

    return source_digest(raw, dump_blocks(blocks), __version__, _flags(options))


def _recordable(options: BuildOptions) -> bool:
    """Records stand for the built-in templates only: a clerk's template folder could gain a
    file that shadows an include without any recorded file changing."""
    return options.template is None


def recognised(source: Path, targets: dict[str, Path], options: BuildOptions) -> BuildResult | None:
    """The result of a build whose only output, the .docx, is already up to date according to
    the record of an earlier build (see ``records.recall``); ``None`` when that is not certain.
    Reads the input on its own (a FIFO or an unreadable file is left to the full build)."""
    if not _recordable(options) or options.force or options.pdf or set(targets) != {"docx"}:
        return None
    if not os.path.lexists(targets["docx"]):
        return None  # nothing to be up to date: not worth reading and hashing the input (~2 ms)
    raw = read_existing(source, MAX_SOURCE_BYTES, follow=True)
    recalled = recall(record_key(raw, source, _flags(options), __version__)) if raw is not None else None
    if recalled is None:
        return None
    digest, files, findings = recalled
    try:
        refuse_inputs_as_outputs(targets, [Path(name) for name in files])
        if docx_state(targets["docx"], digest, force=False) != "current":
            return None
        if options.clean_temporaries:
            remove_stale_temporaries(list(targets.values()))  # a full build does it when staging
        return BuildResult(source, skipped=[targets["docx"]], findings=[Problem(**f) for f in findings])
    except (OutputError, TypeError):  # the full build decides, and says why
        return None


def _remember(
    source: Path, raw: bytes, options: BuildOptions, digest: str, files: list[str], findings, started_ns: int
) -> None:
    if _recordable(options):
        key = record_key(raw, source, _flags(options), __version__)
        findings = [dataclasses.asdict(f) for f in findings]
        remember(key, digest, [str(source), *files], findings, started_ns, read={str(source): raw})


def build(
    source: str | Path,
    output: str | Path | None = None,
    template: str | Path | None = None,
    grid: Grid = "portable",
    *,
    options: BuildOptions | None = None,
    into_folder: bool = False,
    recognise: bool = True,
) -> BuildResult:
    """YAML file → .docx (and previews) beside it or at ``output``; nothing is written on failure.

    All outputs of the input are staged first and committed together; with ``defer_commit``
    the staged transaction is returned for the caller (the CLI adds the PDF, then commits).
    ``recognise=False``: the caller has just looked for a record of this input (a batch does,
    before handing the input to a worker), so the build does not look again.
    """
    options = options or BuildOptions(template=Path(template) if template else None, grid=grid)
    source = Path(source)
    targets = build_targets(source, Path(output) if output else None, options, into_folder)
    refuse_inputs_as_outputs(targets, [source] + ([options.template] if options.template else []))
    known = recognised(source, targets, options) if recognise else None
    if known is not None:
        return known
    started_ns = time.time_ns()  # before any input is read: a later change voids the record
    raw = read_source(source)
    from gongwen.figures.rollup import UNITS_READ
    from gongwen.wording.sandbox import TEMPLATES_READ

    templates, units = TEMPLATES_READ.set(set()), UNITS_READ.set(set())
    try:  # every template and 下级单位 this build reads is an input too
        document, findings = load_linted(raw, str(source), options.draft)
        blocks = compose(document, options.template)
        inputs = sorted(TEMPLATES_READ.get() | UNITS_READ.get())
        refuse_inputs_as_outputs(targets, [Path(name) for name in inputs])
    finally:
        TEMPLATES_READ.reset(templates)
        UNITS_READ.reset(units)
    digest = digest_for(raw, blocks, options)
    _remember(source, raw, options, digest, inputs, findings, started_ns)
    result = BuildResult(source, findings=findings, transaction=Transaction())
    try:
        _stage_outputs(result, targets, document, blocks, options, digest)
        if not options.defer_commit:
            _finish(result)
    except BaseException:
        result.transaction.abort()
        raise
    return result


def _finish(result: BuildResult) -> None:
    """Make the PDF (if any) from the staged .docx, then commit everything together."""
    if result.pdf is not None:
        from gongwen.pdf.convert import pdf_bytes  # LibreOffice is needed only here

        conversion = pdf_bytes([result.pdf.docx])
        (data,) = conversion.pdfs
        if data is None:
            raise conversion.failure([result.source])
        result.transaction.stage(result.pdf.target, stamp_pdf(data, result.pdf.digest))
        result.written.append(result.pdf.target)
        result.pdf = None
    result.transaction.commit()
    result.transaction = None


def _stage_outputs(result, targets, document, blocks, options, digest) -> None:
    if options.clean_temporaries:
        remove_stale_temporaries(list(targets.values()))  # also when everything is up to date
    for fmt, target in targets.items():
        if fmt == "pdf":
            continue
        data = _planned(fmt, target, document, blocks, options, digest)
        if data is None:
            result.skipped.append(target)
        else:
            refuse_read_only(target, options.force)
            result.transaction.stage(target, data)
            result.written.append(target)
    pdf = pdf_state(targets["pdf"], digest, options.force) if "pdf" in targets else None  # protection first
    if pdf is not None and (result.written or pdf != "current"):
        refuse_read_only(targets["pdf"], options.force)
        docx = targets["docx"]
        staged = next((s.temporary for s in result.transaction.staged if s.target == docx), docx)
        result.pdf = PdfRequest(staged, targets["pdf"], digest)
    elif pdf is not None:
        result.skipped.append(targets["pdf"])


def _planned(fmt, target, document, blocks, options, digest) -> bytes | None:
    """The bytes to write to ``target``, or ``None`` when it is already current.

    Raises ``OutputError`` when writing would replace something gongwen must not replace.
    """
    if fmt == "docx":
        if docx_state(target, digest, options.force) == "current":
            return None  # checked first: rendering is the expensive part
        return _render_format(fmt, document, blocks, options, digest)
    data = _render_format(fmt, document, blocks, options, digest)
    return None if text_state(fmt, target, data, options.force) == "current" else data


def _render_format(fmt: str, document: Document, blocks: list[Block], options: BuildOptions, digest: str) -> bytes:
    if fmt == "docx":
        stamp = {SOURCE_PROPERTY: digest, DRAFT_PROPERTY: "true" if options.draft else "false"}
        return _render_docx(document, blocks, options.grid, stamp, options.draft)
    from gongwen.output.preview import RENDERERS

    return stamp_text(fmt, RENDERERS[fmt](blocks).encode("utf-8"))


def output_state(source: Path, output: Path | None, options: BuildOptions, into_folder: bool) -> dict[Path, str]:
    """For ``--check``: each output's state, ``current``, ``stale``, ``missing`` or
    ``blocked:why`` (the build would refuse to replace it). Writes nothing."""
    from gongwen.figures import document_from
    from gongwen.source.loader import load_bytes

    raw = read_source(source)
    document = document_from(load_bytes(raw, str(source)))
    blocks = compose(document, options.template)
    digest = digest_for(raw, blocks, options)
    states = {}
    for fmt, target in build_targets(source, output, options, into_folder).items():
        try:
            if fmt == "docx":
                states[target] = docx_state(target, digest, False)
            elif fmt == "pdf":
                states[target] = pdf_state(target, digest, False)
            else:
                states[target] = text_state(fmt, target, _render_format(fmt, document, blocks, options, digest), False)
        except OutputError as exc:  # edited, foreign or not a regular file: the build would refuse it
            states[target] = "blocked:" + exc.format_message().split(": 无法写入: ", 1)[-1]
    return states
