"""Print the GB/T 9704 figures of rendered examples: build, convert once, measure.

Usage (from the repository root, with the package installed in .venv):

    .venv/bin/python benchmarks/measure_examples.py                 # data/examples/*.yaml
    .venv/bin/python benchmarks/measure_examples.py data/examples/2021-sicheng-tongchuang.yaml
    .venv/bin/python benchmarks/measure_examples.py --png docs/images/seed-page1.png SEED.yaml

Every YAML is built with gongwen.build into a temporary folder and all are converted by one
LibreOffice start (gongwen.output.pdf.convert_to_pdf). The measuring helpers are tests/measure.py,
the same ones the render tests use. ``--png`` writes page 1 of the first example as an
80 dpi PNG (pdftoppm -singlefile).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import gongwen  # noqa: E402
from gongwen.output.pdf import convert_to_pdf  # noqa: E402
from gongwen.wording.blocks import Kind  # noqa: E402
from measure import (  # noqa: E402
    CHAR_MM,
    LINE_PITCH_PT,
    PT_PER_MM,
    TYPE_AREA_BOTTOM,
    TYPE_AREA_LEFT,
    TYPE_AREA_RIGHT,
    Rendered,
    cells_in_type_area,
    chinese_only,
    em_box_middle,
    indent_chars,
    is_chinese,
    kinsoku_pushed,
    page_sizes,
    reaches_right_edge,
    stroke_middle,
    take_apart,
)


def _range(values: list[float], digits: int = 2) -> str:
    if not values:
        return "–"
    low, high = min(values), max(values)
    return f"{low:.{digits}f}" if round(low, digits) == round(high, digits) else f"{low:.{digits}f}–{high:.{digits}f}"


def _rows(doc: Rendered, page: int) -> int:
    rows = len(doc.body[page - 1])
    return rows + (len(doc.title) + 1 if page == 1 and doc.title else 0)


def _pitches(doc: Rendered, latin: bool) -> list[float]:
    """Baseline distances (pt) of neighbouring lines one grid line apart; ``latin`` False
    keeps only lines set entirely in CJK fonts."""
    out = []
    for page in doc.body:
        lines = [line for line in page if latin or not any(c.text.isascii() and c.text.strip() for c in line.chars)]
        for a, b in zip(lines, lines[1:]):
            gap = (b.baseline - a.baseline) * PT_PER_MM
            if round(gap / LINE_PITCH_PT) == 1:
                out.append(gap)
    return out


def _fonts_by_role(doc: Rendered, blocks) -> dict[str, Counter]:
    levels = {b.full_text: b.level for b in blocks if b.kind is Kind.HEADING}
    roles: dict[str, Counter] = defaultdict(Counter)

    def add(role: str, line) -> None:
        for c in line.chars:
            if c.text.strip():
                roles[f"{role}{'' if is_chinese(c.text) or role == '页码' else '（数字西文）'}"][c.fontname] += 1

    for line in doc.title:
        add("标题", line)
    for line in doc.body_lines:
        add(f"{levels[line.text]}级标题" if line.text in levels else "正文", line)
    for line in doc.closing.values():
        add("署名日期", line)
    for line in doc.numbers:
        if line:
            add("页码", line)
    return roles


def report(stem: str, pdf_path: Path, blocks) -> None:
    closing_texts = tuple(b.text for b in blocks if b.kind in (Kind.SIGNATURE, Kind.DATE))
    doc = take_apart(pdf_path, closing_texts)
    lines = doc.body_lines
    print(f"== {stem}  ({len(doc.pages)} pages)")
    sizes = {(round(w, 1), round(h, 1)) for w, h in page_sizes(pdf_path)}
    print(f"page size mm            {sorted(sizes)}")

    cells, kinsoku, hanging = Counter(), 0, 0
    for index, line in enumerate(lines):
        if chinese_only(line.text) and reaches_right_edge(line):
            n = cells_in_type_area(line)
            cells[n] += 1
            following = lines[index + 1].text if index + 1 < len(lines) else ""
            kinsoku += n == 27 and kinsoku_pushed(following)
        hanging += line.x1 > TYPE_AREA_RIGHT + 0.1
    print(f"chars per full line     {dict(sorted(cells.items()))}  (27 by line-break rules: {kinsoku})")
    print(
        f"lines per page          {[_rows(doc, p) for p in range(1, len(doc.pages) + 1)]}"
        "  (page 1: title lines + 1 empty + body; 署名/日期 not counted)"
    )
    flush = [line.x0 for line in lines if abs(line.x0 - TYPE_AREA_LEFT) <= 1]
    indented = [line.x0 - TYPE_AREA_LEFT for line in lines if abs(indent_chars(line) - 2) < 0.1]
    print(
        f"left edge mm            {_range(flush)}  first-line indent {_range(indented)} mm (2 字 = {2 * CHAR_MM:.2f})"
    )
    right = [line.x1 for line in [*lines, *doc.closing.values()]]
    print(f"right edge max mm       {max(right):.2f}  (lines past {TYPE_AREA_RIGHT:.0f} mm + 0.1: {hanging})")
    for label, latin in (("all lines", True), ("CJK-only lines", False)):
        p = _pitches(doc, latin)
        print(
            f"line pitch pt ({label:<14}) mean {statistics.fmean(p):.3f}  min {min(p):.2f}  max {max(p):.2f}"
            f"  (n={len(p)})"
        )
    odd = [TYPE_AREA_RIGHT - n.x1 for i, n in enumerate(doc.numbers, 1) if n and i % 2]
    even = [n.x0 - TYPE_AREA_LEFT for i, n in enumerate(doc.numbers, 1) if n and i % 2 == 0]
    texts = [n.text.strip() if n else None for n in doc.numbers]
    print(f"page numbers            {texts}")
    print(f"  odd right inset mm    {_range(odd)}   even left inset mm {_range(even)}  (1 字 = {CHAR_MM:.2f})")
    dashes = [(i, c) for i, n in enumerate(doc.numbers, 1) if n for c in n.chars if c.text == "—"]
    stroke = [stroke_middle(pdf_path, i, c) - TYPE_AREA_BOTTOM for i, c in dashes]
    em_box = [em_box_middle(c) - TYPE_AREA_BOTTOM for _, c in dashes]
    box = [(c.top + c.bottom) / 2 - TYPE_AREA_BOTTOM for _, c in dashes]
    print(
        f"  dash below 版心 mm     stroke (raster) {_range(stroke)}; em-box middle {_range(em_box)};"
        f" pdfplumber box middle {_range(box)}"
    )
    for role, fonts in _fonts_by_role(doc, blocks).items():
        print(f"font {role:<18} {dict(fonts.most_common())}")
    for text, line in doc.closing.items():
        inset = TYPE_AREA_RIGHT - line.x1
        print(
            f"closing {text:<16} right inset {inset:.2f} mm = {inset / CHAR_MM:.2f} 字,"
            f" width {line.width / CHAR_MM:.2f} 字, x0 {line.x0:.2f} mm"
        )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path, help="YAML files (default: data/examples/*.yaml)")
    parser.add_argument("--png", type=Path, help="write page 1 of the first example here (80 dpi)")
    args = parser.parse_args(argv)
    sources = args.sources or sorted((ROOT / "data" / "examples").glob("*.yaml"))
    with tempfile.TemporaryDirectory(prefix="gongwen-measure-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        built = [gongwen.build(s, folder / f"{s.stem}.docx").docx for s in sources]
        built_at = time.perf_counter()
        pdfs = convert_to_pdf(built)
        done = time.perf_counter()
        print(f"built {len(built)} in {built_at - start:.2f} s, converted in {done - built_at:.2f} s\n")
        for source, pdf_path in zip(sources, pdfs):
            report(source.stem, pdf_path, gongwen.compose(gongwen.load(source)))
        if args.png:
            pdftoppm = shutil.which("pdftoppm")
            if pdftoppm is None:
                print("pdftoppm not found (apt-get install poppler-utils)", file=sys.stderr)
                return 1
            args.png.parent.mkdir(parents=True, exist_ok=True)
            stem = str(args.png.with_suffix(""))
            subprocess.run(
                [pdftoppm, "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdfs[0]), stem], check=True
            )
            print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
