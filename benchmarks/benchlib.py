"""Timing primitives for ``compare.py``: whole processes, alternated, with the child's peak memory.

Every measured command runs as its own process; its wall time is taken around ``Popen`` and
``os.wait4``, whose resource usage is the child's own (``ru_maxrss``: its peak resident set,
KiB on Linux). Cases are alternated round by round (the order rotates each round) so that
the load of a shared machine falls on all of them alike; the figures are medians.
"""

from __future__ import annotations

import contextlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Run:
    seconds: float
    peak_mb: float
    stdout: str


class CommandFailed(RuntimeError):
    pass


def run(argv: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None, check: bool = True) -> Run:
    """One process: wall seconds, its peak memory (MB) and its stdout; raises if it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if check and process.returncode != 0:
        raise CommandFailed(f"{' '.join(map(str, argv))} exited {process.returncode}:\n{stdout}{stderr}")
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 1024 / 1024
    return Run(seconds, peak, stdout)


def run_together(argvs: list[list[str]], env: dict[str, str] | None = None) -> list[str]:
    """Several processes started at once; the stdout of each (raises if one fails)."""
    with contextlib.ExitStack() as stack:
        outs = [stack.enter_context(tempfile.TemporaryFile()) for _ in argvs]
        processes = [
            subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env)
            for argv, out in zip(argvs, outs)
        ]
        for argv, process in zip(argvs, processes):
            if process.wait() != 0:
                raise CommandFailed(f"{' '.join(map(str, argv))} exited {process.returncode}")
        stdouts = []
        for out in outs:
            out.seek(0)
            stdouts.append(out.read().decode("utf-8", "replace"))
    return stdouts


@dataclass
class Case:
    """A command to time; ``setup`` runs before each run, untimed (e.g. removes an output)."""

    name: str
    argv: Callable[[int], list[str]]
    setup: Callable[[int], None] = lambda index: None
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return statistics.median(r.peak_mb for r in self.runs)

    @property
    def spread(self) -> str:
        times = sorted(r.seconds for r in self.runs)
        return f"{times[0]:.3f}–{times[-1]:.3f}"


def alternate(cases: list[Case], rounds: int, env: dict[str, str] | None = None) -> dict[str, Case]:
    """Run every case ``rounds`` times, A B C, B C A, C A B, …; returns them by name."""
    for round_ in range(rounds):
        shift = round_ % len(cases)
        for case in cases[shift:] + cases[:shift]:
            case.setup(round_)
            case.runs.append(run(case.argv(round_), env=env))
    return {case.name: case for case in cases}


def ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def machine() -> list[tuple[str, str]]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        ("date", time.strftime("%Y-%m-%d %H:%M %Z")),
        ("machine", f"{platform.system()} {platform.release()} {platform.machine()}"),
        ("cpu", f"{cpu}, {os.cpu_count()} cores"),
        ("memory", memory),
        ("load average at start", load),
        ("python", sys.version.split()[0] + f" ({sys.executable})"),
        ("bytecode", "compiled before the run (as pip install does); PYTHONDONTWRITEBYTECODE unset"),
    ]


def table(header: list[str], rows: list[list[object]]) -> str:
    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:.3f}"
        return str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


@dataclass
class Target:
    what: str
    value: float | None  # None: not measured in this run
    limit: float
    unit: str = "×"
    at_least: bool = False  # the value must reach the limit (a rate), not stay under it
    why_not: str = ""

    @property
    def state(self) -> str:
        if self.value is None:
            return f"not measured ({self.why_not})"
        held = self.value >= self.limit if self.at_least else self.value <= self.limit
        return "**held**" if held else "**missed**"

    def row(self) -> list[object]:
        sign = "≥" if self.at_least else "≤"
        shown = "–" if self.value is None else f"{self.value:.2f} {self.unit}"
        return [self.what, f"{sign} {self.limit:g} {self.unit}", shown, self.state]
