"""Side-by-side timing of two gongwen source trees (e.g. the previous commit and the work tree).

    git archive HEAD~1 src | tar -x -C /tmp/before
    .venv/bin/python benchmarks/ab.py /tmp/before/src src [--rounds 10] [--only cold,rate,big]

Each case runs in fresh processes with ``PYTHONPATH`` set to one tree, A and B alternated
round by round; medians and the ratio B ÷ A are printed. Cases: ``cold`` (one CLI build of
the seed), ``rate`` (seed documents per second in one process), ``big`` (a fresh build of
4,000 paragraphs), ``version`` and ``help`` (``gongwen --version``, ``--help``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchlib import run  # noqa: E402
import workloads  # noqa: E402

PY = sys.executable
CLI = "import sys; from gongwen.cli import main; sys.exit(main())"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--count", type=int, default=30, help="documents per rate process")
    parser.add_argument("--only", default="cold,rate,big,version")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gongwen-ab-"))
    big = work / "big.yaml"
    big.write_text(workloads.paragraphs_yaml(4000), encoding="utf-8")
    trees = {"A": args.a.resolve(), "B": args.b.resolve()}
    envs = {k: dict(os.environ, PYTHONPATH=str(v), GONGWEN_CACHE_DIR="off") for k, v in trees.items()}
    cases = {
        "cold": lambda k, i: [PY, "-c", CLI, "build", str(workloads.SEED), "-o", str(work / f"c{k}{i}.docx")],
        "rate": lambda k, i: [PY, "-c", workloads.GONGWEN_RATE, str(workloads.SEED), str(work / f"r{k}{i}"), str(args.count)],
        "big": lambda k, i: [PY, "-c", CLI, "build", str(big), "-o", str(work / f"b{k}{i}.docx")],
        "version": lambda k, i: [PY, "-c", CLI, "--version"],
        "help": lambda k, i: [PY, "-c", CLI, "--help"],
    }
    for name in args.only.split(","):
        times: dict[str, list[float]] = {"A": [], "B": []}
        for i in range(args.rounds):
            for k in ("A", "B") if i % 2 == 0 else ("B", "A"):
                done = run(cases[name](k, i), env=envs[k])
                times[k].append(args.count / float(done.stdout) if name == "rate" else done.seconds)
        a, b = statistics.median(times["A"]), statistics.median(times["B"])
        unit = "docs/s" if name == "rate" else "s"
        print(f"{name:8} A {a:8.3f} {unit}  B {b:8.3f} {unit}  B÷A {b / a:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
