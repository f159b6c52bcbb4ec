"""Many inputs in one call: expand files, folders and globs; build in parallel; check staleness.

Each input is built independently: one bad file is reported and the others are still built.
Work runs in a process pool (python-docx is CPU-bound), one worker per core.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import signal
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gongwen.errors import GongwenError, InputError, Problem
from gongwen.output.files import Transaction, remove_stale_temporaries
from gongwen.output.build import (
    BuildOptions,
    PdfRequest,
    build,
    build_targets,
    output_state,
    recognised,
    refuse_inputs_as_outputs,
)
from gongwen.output.stamp import stamp_pdf

YAML_SUFFIXES = (".yaml", ".yml")
_WORKER_GC_THRESHOLD = 10_000


@dataclass
class Outcome:
    """What happened to one input."""

    source: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    stale: list[tuple[Path, str]] = field(default_factory=list)  # --check: (output, missing|stale)
    findings: list[Problem] = field(default_factory=list)  # lint warnings, printed but not fatal
    error: str = ""
    transaction: Transaction | None = None  # staged outputs waiting for their PDF
    pdf: PdfRequest | None = None

    @property
    def failed(self) -> bool:
        return bool(self.error)


def is_data_file(path: Path) -> bool:
    """A .yaml/.yml file (any case: Windows saves .YAML), not inside a hidden folder."""
    hidden = any(part.startswith(".") for part in path.parts[:-1] if part not in (".", ".."))
    return path.suffix.lower() in YAML_SUFFIXES and path.is_file() and not hidden


def is_folder(path: Path) -> bool:
    """``Path.is_dir`` that answers False for names the OS refuses (too long, invalid)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def is_pattern(argument: str) -> bool:
    """A wildcard pattern, unless a file of that very name exists (报告[1].yaml is a file)."""
    return any(ch in argument for ch in "*?[") and not os.path.lexists(argument)


MAX_INPUTS = 10_000  # a folder of a year's documents holds dozens; more is the wrong folder


def expand_sources(arguments: Iterable[str]) -> list[Path]:
    """Files as given, folders searched recursively for *.yaml/*.yml, patterns expanded; sorted.

    Symlinked folders are not followed while searching (a link to ``..`` would make the
    search endless), and a file reached twice (through a link) is built once.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for argument in arguments:
        if is_pattern(argument):
            matches = sorted(_glob(argument))
            found += [m for m in matches if m.suffix.lower() in YAML_SUFFIXES and _is_file(m)]
            if not matches:
                problems.append(Problem(argument, 0, 0, "", "没有匹配的文件。"))
        elif is_folder(Path(argument)):
            found += sorted(p for p in Path(argument).rglob("*") if is_data_file(p))
        else:
            found.append(Path(argument))
        if len(found) > MAX_INPUTS:
            message = f"找到的数据文件超过 {MAX_INPUTS} 个，可能选错了文件夹。请指定具体的文件夹或文件。"
            raise InputError([Problem(argument, 0, 0, "", message)])
    if problems:
        raise InputError(problems)
    if not found:
        where = " ".join(arguments)
        raise InputError(
            [Problem(where, 0, 0, "", "没有找到数据文件（.yaml 或 .yml）。请检查路径，或指定具体的文件。")]
        )
    return _unique_files(found)


def _glob(pattern: str) -> list[Path]:
    """``pathlib`` globbing from the pattern's fixed leading folders: its ``**`` does not
    follow symlinked folders, where ``glob.glob`` goes round a link to ``..`` for ever."""
    parts = Path(pattern).parts
    fixed = next((i for i, part in enumerate(parts) if is_pattern(part)), len(parts))
    anchor = Path(*parts[:fixed]) if fixed else Path(".")
    rest = str(Path(*parts[fixed:]))
    try:
        return [path for _, path in zip(range(MAX_INPUTS * 10), anchor.glob(rest))]
    except (OSError, ValueError):
        return []


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _unique_files(paths: list[Path]) -> list[Path]:
    """The first path to each file: ``d/a.yaml`` and ``d/link/a.yaml`` are one input."""
    seen: set[str] = set()
    unique = []
    for path in paths:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def check_output_clashes(sources: list[Path], output: Path | None, options: BuildOptions, into_folder: bool) -> None:
    """No two inputs may write the same file (x.yaml and x.yml beside each other, or two
    报告.yaml into one folder), and no output may be another input, under any of its names
    (a symlink, a hard link)."""
    owners: dict[object, Path] = {}
    inputs = {_identity(s): s for s in sources}
    problems = []
    for source in sources:
        for target in build_targets(source, output, options, into_folder).values():
            key = _identity(target)
            other = owners.setdefault(key, source)
            if key in inputs:
                message = (
                    f"输出 {target} 与输入文件 {inputs[key]} 是同一个文件，写入会毁掉输入。请改名或用 -o 指定输出位置。"
                )
            elif other != source:
                message = f"与 {other} 输出到同一个文件 {target}，会互相覆盖。请改名或分别指定 -o。"
            else:
                continue
            problems.append(Problem(str(source), 0, 0, "", message))
            break
    if problems:
        raise InputError(problems)


def _identity(path: Path) -> object:
    """What makes two names one file: its device and inode when it exists, else the real path."""
    try:
        info = os.stat(path)
        return (info.st_dev, info.st_ino)
    except (OSError, ValueError):
        return os.path.realpath(path)


def build_one(
    source: Path, output: Path | None, options: BuildOptions, into_folder: bool, check: bool, recognise: bool = True
) -> Outcome:
    """Build (or, with ``check``, inspect) one input; errors become the outcome's message.
    ``recognise=False``: ``run_batch`` already looked for the input's record."""
    outcome = Outcome(source)
    try:
        if check:
            states = output_state(source, output, options, into_folder)
            outcome.stale = [(path, state) for path, state in states.items() if state != "current"]
        else:
            result = build(source, output, options=options, into_folder=into_folder, recognise=recognise)
            outcome.written, outcome.skipped, outcome.findings = result.written, result.skipped, result.findings
            outcome.transaction, outcome.pdf = result.transaction, result.pdf
    except GongwenError as exc:
        outcome.error = exc.format_message()
    except Exception as exc:  # a bug in gongwen must not hide the other inputs' results
        outcome.error = internal_error(source, exc)
    return outcome


def internal_error(source: Path, exc: Exception) -> str:
    """One input hit a defect of gongwen itself: say so, where, and how to report it."""
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    place = f"（{Path(where.filename).name}:{where.lineno}）" if where else ""
    detail = "".join(traceback.format_exception(exc)) if os.environ.get("GONGWEN_DEBUG") else ""
    return (
        f"{source}: 内部错误：gongwen 处理这个文件时出现了程序缺陷{place}：{type(exc).__name__}。"
        "其他文件不受影响。请把这个数据文件和本消息报告给维护者（设置环境变量 GONGWEN_DEBUG=1 可看到详细信息）。"
        + (f"\n{detail}" if detail else "")
    )


def _worker_setup(owner: int) -> None:
    """Pool workers leave Ctrl-C to the main process (one message, not one traceback per
    worker) and stage files under the main process's id, so its cleanup knows them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ["GONGWEN_OWNER_PID"] = str(owner)
    # A build leaves a few hundred objects in reference cycles (python-docx's parts and their
    # package); the default threshold (700) collects ~9 times a document. Collected every
    # ~15 documents instead, with what the worker was forked with frozen out of every pass.
    gc.set_threshold(_WORKER_GC_THRESHOLD, 10, 10)


def run_batch(
    sources: list[Path],
    output: Path | None,
    options: BuildOptions,
    *,
    into_folder: bool,
    check: bool = False,
    jobs: int | None = None,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Every input built (or checked), in parallel when there are several; results in input order.

    Inputs whose .docx is already up to date by its record are recognised here first, in this
    process, without the heavy stack; only the rest go to the workers, which are started
    after that stack is imported, so every forked worker begins warm.
    """
    if not check and len(sources) > 1:
        _clean_once(sources, output, options, into_folder)
        options = dataclasses.replace(options, clean_temporaries=False)
    known = [None if check else _recognised(source, output, options, into_folder) for source in sources]
    pending = [source for source, outcome in zip(sources, known) if outcome is None]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(pending)))
    outcomes: list[Outcome] = []
    built = _build_all(pending, output, options, into_folder, check, workers)
    try:
        for outcome in known:
            outcomes.append(outcome if outcome is not None else next(built))
            on_done(outcomes[-1])
    except BaseException:  # Ctrl-C: what was staged for a later PDF is thrown away
        built.close()  # the pool's finished but unreceived outcomes are aborted there
        abort_all(outcomes)
        raise
    return outcomes


def _clean_once(sources: list[Path], output: Path | None, options: BuildOptions, into_folder: bool) -> None:
    """Killed builds' temporaries beside every output of the batch, one listing per folder."""
    targets = []
    for source in sources:
        try:
            targets += build_targets(source, output, options, into_folder).values()
        except Exception:  # noqa: BLE001 - the input's own build reports whatever this was
            continue
    remove_stale_temporaries(targets)


def _recognised(source: Path, output: Path | None, options: BuildOptions, into_folder: bool) -> Outcome | None:
    """An outcome for an input whose only output is up to date by its record, else ``None``."""
    try:
        targets = build_targets(source, output, options, into_folder)
        refuse_inputs_as_outputs(targets, [source])
        result = recognised(source, targets, options)
    except Exception:  # noqa: BLE001 - the full build reports whatever this was
        return None
    return None if result is None else Outcome(source, skipped=result.skipped, findings=result.findings)


def _build_all(sources, output, options, into_folder, check, workers) -> Iterator[Outcome]:
    """Outcomes of ``sources`` in order, from this process or from a pool of warm workers."""
    if workers == 1:
        for source in sources:
            yield build_one(source, output, options, into_folder, check, recognise=False)
        return
    from concurrent.futures import ProcessPoolExecutor  # a single input needs no pool

    warm_up(options)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_setup, initargs=(os.getpid(),))
    futures, handed = [], 0
    try:
        # The imported stack, frozen while the workers are forked (at the first submit): their
        # collections never look at it, nor copy its pages on write. This process's own
        # collector is as it was once they are started; a caller that froze objects of its own
        # is left alone (unfreezing would release those too).
        freeze = gc.get_freeze_count() == 0
        if freeze:
            gc.freeze()
        try:
            futures = [pool.submit(build_one, s, output, options, into_folder, check, False) for s in sources]
        finally:
            if freeze:
                gc.unfreeze()
        for future in futures:
            outcome = future.result()
            handed += 1
            yield outcome
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        finished = [f.result() for f in futures[handed:] if f.done() and not f.cancelled() and not f.exception()]
        abort_all(finished)
        raise
    pool.shutdown()


def warm_up(options=None) -> None:
    """Import what every build needs before workers are forked (each would import it again),
    and build the base .docx the batch's documents start from (each worker inherits it)."""
    import gongwen.docx.writer
    import gongwen.figures  # noqa: F401
    import gongwen.lint  # noqa: F401
    import gongwen.wording.composer  # noqa: F401

    if options is not None:
        gongwen.docx.writer.base_package(options.grid, options.draft)


def abort_all(outcomes: list[Outcome]) -> None:
    """Throw away every staged, uncommitted output (an interrupted batch leaves no temporaries)."""
    for outcome in outcomes:
        if outcome.transaction is not None:
            outcome.transaction.abort()
            outcome.transaction = None


def finish_pdfs(outcomes: list[Outcome], soffice: str | None) -> None:
    """Make every pending PDF in one LibreOffice start, then commit each input's outputs.

    An input whose PDF fails is not committed at all (its earlier outputs stay as they were).
    """
    from gongwen.pdf.convert import Conversion, pdf_bytes  # LibreOffice is needed only here

    pending = [o for o in outcomes if o.pdf is not None and not o.failed]
    try:
        conversion = pdf_bytes([o.pdf.docx for o in pending], soffice=soffice)
    except GongwenError as exc:
        for outcome in pending:
            outcome.error = exc.format_message() if outcome is pending[0] else f"{outcome.source}: 未生成（同上）。"
        conversion = Conversion([], "")
    for outcome, data in zip(pending, conversion.pdfs):
        if data is None:
            outcome.error = conversion.failure([outcome.source]).format_message()
            continue
        try:
            outcome.transaction.stage(outcome.pdf.target, stamp_pdf(data, outcome.pdf.digest))
            outcome.written.append(outcome.pdf.target)
        except GongwenError as exc:
            outcome.error = exc.format_message()
    for outcome in outcomes:
        commit_outcome(outcome)


def commit_outcome(outcome: Outcome) -> None:
    """Commit (or, for a failed input, abort) what an input staged."""
    if outcome.transaction is None:
        return
    try:
        if outcome.failed:
            outcome.transaction.abort()
            outcome.written = []
        else:
            outcome.transaction.commit()
    except GongwenError as exc:
        outcome.error, outcome.written = exc.format_message(), []
    outcome.transaction = None
