"""Build-speed benchmark: how long gongwen takes per document, alone and in a batch.

Targets (2-core machine): one seed-sized document composed and written in under 0.15 s;
a folder of 200 documents built in under 25 s; a second run that skips all 200 in under
5 s. Measured 2026-11: 0.08 s, 17.5 s, 1.6 s. Run:  .venv/bin/python benchmarks/build_speed.py [--count 200]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import gongwen
from gongwen.output.batch import expand_sources, run_batch
from gongwen.output.build import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "examples" / "2021-sicheng-tongchuang.yaml"
TARGETS = {"single_s": 0.15, "batch_s": 25.0, "skip_s": 5.0}


def single(folder: Path, repeats: int = 20) -> float:
    times = []
    for index in range(repeats):
        start = time.perf_counter()
        gongwen.build(SEED, folder / f"single{index}.docx")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def batch(folder: Path, count: int) -> tuple[float, float]:
    data = folder / "data"
    data.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for index in range(count):
        (data / f"unit{index:04d}.yaml").write_text(text.replace("6次", f"{index + 1}次"), encoding="utf-8")
    sources = expand_sources([str(data)])
    options = BuildOptions()
    start = time.perf_counter()
    outcomes = run_batch(sources, folder / "out", options, into_folder=True)
    built = time.perf_counter() - start
    assert all(o.written for o in outcomes)
    start = time.perf_counter()
    outcomes = run_batch(sources, folder / "out", options, into_folder=True)
    skipped = time.perf_counter() - start
    assert all(o.skipped and not o.written for o in outcomes)
    return built, skipped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gongwen-bench-"))
    try:
        results = {"single_s": single(folder), **dict(zip(("batch_s", "skip_s"), batch(folder, args.count)))}
    finally:
        shutil.rmtree(folder)
    failed = False
    for name, value in results.items():
        ok = value <= TARGETS[name]
        failed |= not ok
        print(f"{name:9} {value:8.3f} s   target ≤ {TARGETS[name]} s   {'ok' if ok else 'SLOW'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
