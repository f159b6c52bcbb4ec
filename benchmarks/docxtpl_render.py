"""Render the seed example's data with docxtpl into the committed styled template.

The competitor of ``gongwen build`` in ``compare.py`` (needs ``pip install docxtpl``):

    python benchmarks/docxtpl_render.py DATA.yaml OUT.docx            # one document
    python benchmarks/docxtpl_render.py DATA.yaml OUTDIR --count N    # N in one process (prints s)

It does what a hand-made template pipeline does: read the YAML (PyYAML, libyaml when there),
fill the metrics and number the headings (``seedflat``), render ``docxtpl-template.docx``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml
from docxtpl import DocxTemplate

from seedflat import flatten

TEMPLATE = Path(__file__).resolve().parent / "docxtpl-template.docx"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def render(source: Path, target: Path) -> None:
    data = yaml.load(source.read_text(encoding="utf-8"), Loader=_LOADER)
    template = DocxTemplate(TEMPLATE)
    template.render(flatten(data))
    template.save(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--count", type=int, default=0, help="render N documents into TARGET (a folder)")
    args = parser.parse_args()
    if not args.count:
        render(args.source, args.target)
        return 0
    args.target.mkdir(parents=True, exist_ok=True)
    render(args.source, args.target / "warm.docx")  # first-use costs are not the rate
    start = time.perf_counter()
    for index in range(args.count):
        render(args.source, args.target / f"d{index:04d}.docx")
    print(f"{time.perf_counter() - start:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
