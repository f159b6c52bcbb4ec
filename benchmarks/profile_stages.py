"""Where one warm in-process build of a document goes, stage by stage, and what imports cost.

Run by ``compare.py`` in a fresh process (prints JSON); on its own:

    .venv/bin/python benchmarks/profile_stages.py [DATA.yaml] [--repeats 20]

The stages are gongwen's own functions called in the order ``gongwen.build`` calls them;
python-docx's part is split as ``docx.writer.render_parts`` does it (the base package opened,
properties, body, pagination check, last pages, dashes, parts serialized), then the stamp and
the one zip pass. The cProfile table is the top of 20 builds.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "examples" / "2021-sicheng-tongchuang.yaml"


def stages(source: Path, repeats: int) -> dict[str, float]:
    import gongwen
    from gongwen.docx import writer
    from gongwen.docx.reproducible import write_zip
    from gongwen.figures import document_from
    from gongwen.lint import lint_with_units
    from gongwen.output import build as pipeline
    from gongwen.output.stamp import stamp_parts
    from gongwen.source.loader import load_bytes
    from gongwen.source.reading import read_source

    times: dict[str, list[float]] = {}

    def timed(name, function, *args):
        start = time.perf_counter()
        value = function(*args)
        times.setdefault(name, []).append(time.perf_counter() - start)
        return value

    folder = Path(tempfile.mkdtemp(prefix="gongwen-stages-"))
    gongwen.build(source, folder / "warm.docx")
    for index in range(repeats):
        raw = timed("read the YAML file", read_source, source)
        loaded = timed("YAML → data with marks (loader)", load_bytes, raw, str(source))
        document = timed("validate + figures (pydantic)", document_from, loaded)
        timed("lint rules", lint_with_units, loaded, document)
        blocks = timed("compose wording (Jinja)", pipeline.compose, document)
        timed("digest of the inputs", pipeline.digest_for, raw, blocks, pipeline.BuildOptions())
        info = writer.DocumentInfo(title="t", author=document.issuer, moment=pipeline.document_moment(document))
        docx = timed("python-docx: open the base package", writer.open_document, writer.base_package("portable", False))
        timed("python-docx: package properties", writer._set_properties, docx, info)
        timed("python-docx: body", writer.write_body, docx, blocks)
        timed("python-docx: pagination check", writer.pagination.predict, docx)
        timed("python-docx: last pages", writer.colophon.keep_on_even_page, docx)
        timed("python-docx: dashes", writer.east_asian_dashes, docx.element.body)
        parts = timed("python-docx: serialize the parts", writer.package_parts, docx)
        stamped = timed("stamp", stamp_parts, parts, {"gongwen.source": "0" * 32})
        final = timed("zip (the one pass)", write_zip, stamped)
        timed("write the file", (folder / f"s{index}.docx").write_bytes, final)
    start = time.perf_counter()
    for index in range(repeats):
        gongwen.build(source, folder / f"b{index}.docx")
    whole = (time.perf_counter() - start) / repeats
    result = {name: statistics.median(values) for name, values in times.items()}
    result["whole gongwen.build (mean)"] = whole
    return result


def top_functions(source: Path, repeats: int, limit: int = 15) -> list[tuple[str, float, float]]:
    import gongwen

    folder = Path(tempfile.mkdtemp(prefix="gongwen-profile-"))
    gongwen.build(source, folder / "warm.docx")
    profile = cProfile.Profile()
    profile.enable()
    for index in range(repeats):
        gongwen.build(source, folder / f"p{index}.docx")
    profile.disable()
    stats = pstats.Stats(profile)
    rows = []
    for (file, line, name), (_, _, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        short = re.sub(r".*/(site-packages|src)/", "", file)
        rows.append((f"{short}:{line}({name})", tottime / repeats, cumtime / repeats))
    return sorted(rows, key=lambda r: r[1], reverse=True)[:limit]


def import_times(statement: str) -> dict[str, float]:
    """``python -X importtime``: cumulative seconds of the heaviest top-level imports."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # time imports from bytecode
    subprocess.run([sys.executable, "-c", statement], env=env, capture_output=True)  # writes it, if stale
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", statement], env=env, capture_output=True, text=True)
    cumulative: dict[str, float] = {}
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if match:
            name = match.group(4)
            top = name.split(".")[0] if not name.startswith("gongwen") else ".".join(name.split(".")[:2])
            cumulative[top] = max(cumulative.get(top, 0.0), int(match.group(2)) / 1e6)
    return dict(sorted(cumulative.items(), key=lambda kv: kv[1], reverse=True)[:14])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=SEED)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    report = {
        "stages": stages(args.source, args.repeats),
        "functions": top_functions(args.source, args.repeats),
        "imports": import_times("import gongwen.api"),
        "cli_imports": import_times("import gongwen.cli"),
    }
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
