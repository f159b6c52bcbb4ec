"""Many inputs in one call: expand files, folders and globs; build in parallel; check staleness.

Each input is built independently: one bad file is reported and the others are still built.
Work runs in a process pool (python-docx is CPU-bound), one worker per core.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GongwenError, InputError, Problem
from .pipeline import BuildOptions, build, output_state

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Outcome:
    """What happened to one input."""

    source: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    stale: list[tuple[Path, str]] = field(default_factory=list)  # --check: (output, missing|stale)
    findings: list[Problem] = field(default_factory=list)  # lint warnings, printed but not fatal
    error: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.error)


def expand_sources(arguments: Iterable[str]) -> list[Path]:
    """Files as given, folders searched recursively for *.yaml/*.yml, globs expanded; sorted, unique."""
    found: list[Path] = []
    problems: list[Problem] = []
    for argument in arguments:
        if any(ch in argument for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(argument, recursive=True))
            found += [m for m in matches if m.suffix in YAML_SUFFIXES and m.is_file()]
            if not matches:
                problems.append(Problem(argument, 0, 0, "", "没有匹配的文件。"))
        elif Path(argument).is_dir():
            found += sorted(p for p in Path(argument).rglob("*") if _is_data_file(p))
        else:
            found.append(Path(argument))
    if problems:
        raise InputError(problems)
    if not found:
        where = " ".join(arguments)
        raise InputError(
            [Problem(where, 0, 0, "", "没有找到数据文件（.yaml 或 .yml）。请检查路径，或指定具体的文件。")]
        )
    return list(dict.fromkeys(found))


def _is_data_file(path: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.parts[:-1] if part not in (".", ".."))
    return path.suffix in YAML_SUFFIXES and path.is_file() and not hidden


def check_name_clashes(sources: list[Path]) -> None:
    """Several inputs built into one folder must not share a file name."""
    seen: dict[str, Path] = {}
    problems = []
    for source in sources:
        if source.stem in seen:
            message = f"与 {seen[source.stem]} 同名，输出到同一文件夹会互相覆盖。请改名或分别指定 -o。"
            problems.append(Problem(str(source), 0, 0, "", message))
        seen.setdefault(source.stem, source)
    if problems:
        raise InputError(problems)


def build_one(source: Path, output: Path | None, options: BuildOptions, into_folder: bool, check: bool) -> Outcome:
    """Build (or, with ``check``, inspect) one input; errors become the outcome's message."""
    outcome = Outcome(source)
    try:
        if check:
            states = output_state(source, output, options, into_folder)
            outcome.stale = [(path, state) for path, state in states.items() if state != "current"]
        else:
            result = build(source, output, options=options, into_folder=into_folder)
            outcome.written, outcome.skipped, outcome.findings = result.written, result.skipped, result.findings
    except GongwenError as exc:
        outcome.error = exc.format_message()
    return outcome


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
    """Every input built (or checked), in parallel when there are several; results in input order."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(sources)))
    if workers == 1:
        outcomes = []
        for source in sources:
            outcomes.append(build_one(source, output, options, into_folder, check))
            on_done(outcomes[-1])
        return outcomes
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(build_one, s, output, options, into_folder, check) for s in sources]
        outcomes = []
        for future in futures:
            outcomes.append(future.result())
            on_done(outcomes[-1])
    return outcomes
