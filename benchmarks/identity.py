"""SHA-256 of every output a speed change must not alter, built in one process.

Every example (and the 街道 summary folder's files), every ``gongwen init`` starter, each with
both grids, without and with ``--draft`` (starters only as drafts: they hold placeholders),
the .docx and the .txt preview, plus generated documents of 1 and 600 paragraphs. One process
builds them all in a shuffled order, so anything cached per process (a base package per grid
and draft flag) is exercised across variants. Run it before and after a change and diff:

    GONGWEN_CACHE_DIR=off python benchmarks/identity.py > before.json
    ... change ...
    GONGWEN_CACHE_DIR=off python benchmarks/identity.py | diff before.json -
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("GONGWEN_CACHE_DIR", "off")
os.environ.pop("SOURCE_DATE_EPOCH", None)

from workloads import ROOT, paragraphs_yaml  # noqa: E402

import gongwen  # noqa: E402
from gongwen.errors import InputError  # noqa: E402
from gongwen.wording.starter import STARTERS, starter_text  # noqa: E402


def inputs(folder: Path) -> list[tuple[str, Path, bool]]:
    """(name, path, may build without --draft)."""
    examples = ROOT / "data" / "examples"
    found = [(p.relative_to(examples).as_posix(), p, True) for p in sorted(examples.rglob("*.yaml"))]
    for kind, _ in sorted(STARTERS.items()):
        path = folder / f"starter-{kind}.yaml"
        path.write_text(starter_text(kind), encoding="utf-8")
        found.append((f"starter:{kind}", path, False))
    for count in (1, 600):
        path = folder / f"paragraphs-{count}.yaml"
        path.write_text(paragraphs_yaml(count), encoding="utf-8")
        found.append((f"paragraphs:{count}", path, True))
    return found


def main() -> None:
    results: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        jobs = []
        for name, path, plain in inputs(work):
            for grid in ("portable", "word"):
                for draft in (False, True) if plain else (True,):
                    jobs.append((name, path, grid, draft))
        random.Random(int(os.environ.get("IDENTITY_SEED", "14"))).shuffle(jobs)
        for index, (name, path, grid, draft) in enumerate(jobs):
            out = work / f"out{index}"
            options = gongwen.BuildOptions(grid=grid, draft=draft, formats=("docx", "txt"), force=True)
            key = f"{name} grid={grid} draft={draft}"
            try:
                gongwen.build(path, f"{out}/", options=options, into_folder=True)
            except InputError as exc:  # e.g. an example that lint refuses: record that
                results[key] = {"error": str(len(exc.problems))}
                continue
            results[key] = {p.suffix: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}
    json.dump(dict(sorted(results.items())), sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
