"""gongwen against docxtpl, pandoc and the bare interpreter, measured side by side in one run.

    .venv/bin/python benchmarks/compare.py            # the full run (several minutes), writes benchmarks/RESULTS.md
    .venv/bin/python benchmarks/compare.py --smoke    # tiny counts, seconds: checks the script works

Needs the package installed in the venv. The competitors are optional and each section says
when one is missing: docxtpl (``.venv/bin/pip install docxtpl``; not a gongwen dependency),
pandoc (``apt-get install pandoc``) and LibreOffice for the PDF section (``soffice``).

Sections: (1) one cold build of the seed example in a fresh process, against docxtpl rendering
the same data into a styled template, pandoc converting the same text with a styled
reference.docx, and the bare import of gongwen's stack, plus the same build when its output is
already up to date; (2) ``gongwen --version``/``--help`` against ``python -c pass`` and
``import click``; (3) documents per second in one process (library API) against docxtpl;
(4) a folder of generated seed-sized files in one ``gongwen build`` and the all-skipped rerun;
(5) 500…4,000 paragraphs: time, peak memory and the ratio per doubling; (6) 20 PDFs in one
LibreOffice start against one. Cases are alternated round by round; figures are medians.
Correctness is checked too: every .docx opens with python-docx and every batch output equals a
single build of the same file byte for byte. Exit code 1 only if a check fails (a missed
target is reported, not an error). The closing section profiles a warm build stage by stage.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import seedflat  # noqa: E402
import workloads  # noqa: E402
from benchlib import Case, Target, alternate, machine, ratio, run, run_together, table  # noqa: E402
from levers import levers  # noqa: E402

PY = sys.executable
GONGWEN = str(Path(PY).parent / "gongwen")
FLOOR = "import docx, jinja2, yaml, click, pydantic"
# The floor as a build must use it: ``import pydantic`` alone loads none of pydantic's model
# machinery (its names are imported lazily), and a build renders in Jinja's sandbox.
STACK_AS_USED = "import docx, jinja2.sandbox, yaml, click; from pydantic import BaseModel"
SIZES = (500, 1000, 2000, 4000)


class Bench:
    def __init__(self, work: Path, smoke: bool, rounds: int):
        self.work, self.smoke, self.rounds = work, smoke, rounds
        self.sections: list[str] = []
        self.targets: list[Target] = []
        self.docx: list[Path] = []  # every output, opened with python-docx at the end
        self.failures: list[str] = []
        self.has_docxtpl = importlib.util.find_spec("docxtpl") is not None
        self.pandoc = shutil.which("pandoc")
        self.soffice = shutil.which("soffice") or shutil.which("libreoffice")
        # Records of up-to-date inputs go to a cache of this run only (nothing from earlier runs).
        self.env = dict(os.environ, GONGWEN_CACHE_DIR=str(work / "cache"))
        # Every case runs from bytecode, as an installed wheel does (pip compiles it): a shell
        # with PYTHONDONTWRITEBYTECODE would otherwise recompile changed sources in every process.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)

    def add(self, title: str, body: str) -> None:
        self.sections.append(f"## {title}\n\n{body}\n")
        print(f"== {title}\n{body}\n", flush=True)

    def missing(self, what: str) -> str:
        return {
            "docxtpl": "docxtpl is not available (install it with `.venv/bin/pip install docxtpl`).",
            "pandoc": "pandoc is not available (install it with `apt-get install pandoc`).",
        }[what]

    # ------------------------------------------------------------ (1) one cold build
    def cold(self) -> None:
        folder = self.work / "cold"
        folder.mkdir()
        seed = folder / "seed.yaml"
        shutil.copy(workloads.SEED, seed)
        markdown = folder / "seed.md"
        markdown.write_text(seedflat.markdown(seedflat.flatten(yaml.safe_load(seed.read_text("utf-8")))), "utf-8")
        current = folder / "current.docx"
        run([GONGWEN, "build", str(seed), "-o", str(current)], env=self.env)
        self.docx.append(current)

        def fresh(name: str):
            def setup(index: int) -> None:
                (folder / f"{name}{index}.docx").unlink(missing_ok=True)

            return setup

        cases = [
            Case("gongwen build", lambda i: [GONGWEN, "build", str(seed), "-o", str(folder / f"g{i}.docx")], fresh("g")),
            Case("gongwen build, output up to date", lambda i: [GONGWEN, "build", str(seed), "-o", str(current)]),
            Case("import floor", lambda i: [PY, "-c", FLOOR]),
            Case("the stack as a build uses it", lambda i: [PY, "-c", STACK_AS_USED]),
        ]
        if self.has_docxtpl:
            render = str(HERE / "docxtpl_render.py")
            cases.append(Case("docxtpl", lambda i: [PY, render, str(seed), str(folder / f"t{i}.docx")], fresh("t")))
        if self.pandoc:
            reference = str(HERE / "reference.docx")
            cases.append(
                Case(
                    "pandoc",
                    lambda i: [self.pandoc, str(markdown), "--reference-doc", reference, "-o", str(folder / f"p{i}.docx")],
                    fresh("p"),
                )
            )
        result = alternate(cases, self.rounds, self.env)
        self.docx += sorted(folder.glob("[gtp][0-9]*.docx"))
        build = result["gongwen build"].median
        rows = [[c.name, c.median, c.spread, ratio(build, c.median), f"{c.peak_mb:.0f}"] for c in result.values()]
        notes = [t for t in (self.missing("docxtpl") if not self.has_docxtpl else "",
                             self.missing("pandoc") if not self.pandoc else "") if t]
        body = table(["case (fresh process)", "median s", "range s", "gongwen build ÷ this", "peak MB"], rows)
        floor, used = result["import floor"].median, result["the stack as a build uses it"].median
        body += f"\n\n{self.rounds} alternating rounds. " + " ".join(notes)
        body += (
            f"\n\nThe import floor is `{FLOOR}`; the stack as a build uses it is `{STACK_AS_USED}`"
            f" ({ratio(used, floor):.2f} × the floor): `import pydantic` alone loads none of pydantic's model"
            f" machinery. A build that did nothing but import what it uses would be {ratio(used, floor):.2f} × the"
            f" floor; 1.3 × leaves {max(0.0, 1.3 * floor - used) * 1000:.0f} ms for gongwen's own modules and the"
            " whole first build."
        )
        self.stack_over_floor = ratio(used, floor)
        self.cold_build = build
        self.add("1. One cold build of the seed example", body)
        docxtpl = result["docxtpl"].median if self.has_docxtpl else None
        self.targets += [
            Target("cold build ÷ docxtpl", ratio(build, docxtpl) if docxtpl else None, 1.2, why_not="no docxtpl"),
            Target("cold build ÷ import floor", ratio(build, result["import floor"].median), 1.3),
            Target("up-to-date input ÷ build", ratio(result["gongwen build, output up to date"].median, build), 0.3),
        ]

    # ------------------------------------------------------------ (2) --version and --help
    def startup(self) -> None:
        cases = [
            Case("gongwen --version", lambda i: [GONGWEN, "--version"]),
            Case("gongwen --help", lambda i: [GONGWEN, "--help"]),
            Case("python -c pass", lambda i: [PY, "-c", "pass"]),
            Case('python -c "import click"', lambda i: [PY, "-c", "import click"]),
        ]
        result = alternate(cases, self.rounds, self.env)
        click = result['python -c "import click"'].median
        rows = [[c.name, c.median, c.spread, ratio(c.median, click)] for c in result.values()]
        self.add("2. Start-up", table(["case (fresh process)", "median s", "range s", "÷ import click"], rows))
        for name in ("gongwen --version", "gongwen --help"):
            self.targets.append(Target(f"`{name}` ÷ `import click`", ratio(result[name].median, click), 2.0))

    # ------------------------------------------------------------ (3) in one process
    def in_process(self) -> None:
        count = 3 if self.smoke else 40
        folder = self.work / "rate"
        cases = [
            Case(
                "gongwen (library API)",
                lambda i: [PY, "-c", workloads.GONGWEN_RATE, str(workloads.SEED), str(folder / f"g{i}"), str(count)],
            )
        ]
        if self.has_docxtpl:
            render = str(HERE / "docxtpl_render.py")
            cases.append(
                Case("docxtpl", lambda i: [PY, render, str(workloads.SEED), str(folder / f"t{i}"), "--count", str(count)])
            )
        rounds = max(2, self.rounds // 4)
        result = alternate(cases, rounds, self.env)
        rates = {name: statistics.median(count / float(r.stdout) for r in c.runs) for name, c in result.items()}
        # What two cores give two processes at once (a batch's workers): shared caches, memory
        # bandwidth and the machine's other load make it less than twice one.
        pair = cases[0].argv
        together = [run_together([pair(100 + 2 * i), pair(101 + 2 * i)], self.env) for i in range(rounds)]
        pair_rate = statistics.median(sum(count / float(out) for out in outs) for outs in together)
        self.docx += sorted(folder.glob("*/d*.docx"))[:: max(1, count // 5)]
        gongwen = rates["gongwen (library API)"]
        rows = [[name, f"{rate:.1f}", ratio(gongwen, rate)] for name, rate in rates.items()]
        body = table(["case", "documents / s", "gongwen ÷ this"], rows)
        self.pair_efficiency = ratio(pair_rate, 2 * gongwen)
        body += f"\n\n{count} documents after one warm-up, in each of {rounds} alternating processes; median rate."
        body += (
            f" Two such gongwen processes at once (as a batch's two workers run): {pair_rate:.1f} documents / s"
            f" together, {self.pair_efficiency:.2f} × twice one process's rate."
        )
        body += "" if self.has_docxtpl else " " + self.missing("docxtpl")
        self.add("3. Documents per second in one process", body)
        docxtpl = rates.get("docxtpl")
        self.targets.append(
            Target("in-process rate ÷ docxtpl", ratio(gongwen, docxtpl) if docxtpl else None, 2.0, at_least=True,
                   why_not="no docxtpl")
        )

    # ------------------------------------------------------------ (4) a folder in one call
    def batch(self) -> None:
        count = 6 if self.smoke else 500
        data, out, single = self.work / "batch" / "data", self.work / "batch" / "out", self.work / "batch" / "single"
        sources = workloads.seed_batch(data, count)
        # Each build run writes a folder of its own (nothing there is up to date); the median of
        # three, since one run of a few seconds moves with the machine's other load.
        runs = []
        for index in range(1 if self.smoke else 3):
            target = out.with_name(f"out{index}")
            runs.append(run([GONGWEN, "build", str(data), "-o", f"{target}/"], env=self.env))
            shutil.rmtree(out, ignore_errors=True)
            target.rename(out)
        built = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
        self.batch_run = (count, built.seconds)
        command = [GONGWEN, "build", str(data), "-o", f"{out}/"]
        skipped = run(command, env=self.env)
        if f"跳过 {count} 个" not in skipped.stdout:
            self.failures.append(f"the second batch run did not skip all {count}: {skipped.stdout[-200:]}")
        sources[0].write_text(sources[0].read_text("utf-8").replace("{数值: 1, 单位: 次", "{数值: 0, 单位: 次"), "utf-8")
        edited = run(command, env=self.env)
        if f"生成 1 个，跳过 {count - 1} 个" not in edited.stdout:
            self.failures.append(f"after editing one input the batch did not rebuild exactly it: {edited.stdout[-200:]}")
        outputs = sorted(out.glob("*.docx"))
        if len(outputs) != count:
            self.failures.append(f"batch wrote {len(outputs)} of {count} documents")
        run([PY, "-c", workloads.SINGLE_BUILDS, str(single), *map(str, sources)], env=self.env)
        differ = [p.name for p in outputs if p.read_bytes() != (single / p.name).read_bytes()]
        if differ:
            self.failures.append(f"batch outputs differ from single builds: {differ[:5]}")
        self.docx += outputs
        spread = "–".join(f"{r.seconds:.2f}" for r in sorted(runs, key=lambda r: r.seconds)[:: max(1, len(runs) - 1)])
        rows = [
            [f"{count} files, one `gongwen build` call (median of {len(runs)}: {spread} s)", built.seconds,
             f"{count / built.seconds:.1f}", f"{built.peak_mb:.0f}"],
            ["the same again, all up to date", skipped.seconds, f"{count / skipped.seconds:.1f}", f"{skipped.peak_mb:.0f}"],
        ]
        body = table(["case", "s", "documents / s", "peak MB (main process)"], rows)
        body += (
            f"\n\n{os.cpu_count()} cores (gongwen's default: one worker per core). All {count} outputs equal"
            f" single builds byte for byte: {'yes' if not differ else 'NO'}. Skipped run ÷ build run:"
            f" {ratio(skipped.seconds, built.seconds):.3f}. After one input was edited, a third run rebuilt"
            f" exactly that one in {edited.seconds:.2f} s."
        )
        self.add("4. A folder in one call", body)
        self.targets.append(Target("batch rate", count / built.seconds, 100, unit="docs/s", at_least=True))

    # ------------------------------------------------------------ (5) scale
    def scale(self) -> None:
        sizes = tuple(s // 25 for s in SIZES) if self.smoke else SIZES
        folder = self.work / "scale"
        folder.mkdir()
        for size in sizes:
            (folder / f"p{size}.yaml").write_text(workloads.paragraphs_yaml(size), encoding="utf-8")

        def case(size: int) -> Case:
            target = folder / f"p{size}.docx"
            argv = [GONGWEN, "build", str(folder / f"p{size}.yaml"), "-o", str(target)]
            return Case(f"{size} paragraphs", lambda i: argv, lambda i: target.unlink(missing_ok=True))

        rounds = max(1, self.rounds // 3)
        result = alternate([case(s) for s in sizes], rounds, self.env)
        self.docx += [folder / f"p{s}.docx" for s in sizes]
        rows, steps = [], []
        for index, size in enumerate(sizes):
            c = result[f"{size} paragraphs"]
            step = ratio(c.median, result[f"{sizes[index - 1]} paragraphs"].median) if index else None
            steps += [step] if step else []
            rows.append([c.name, c.median, f"{step:.2f}×" if step else "–", f"{c.peak_mb:.0f}"])
        body = table(["document (fresh process)", "median s", "÷ half the size", "peak MB (ru_maxrss)"], rows)
        self.add("5. Scale", body + f"\n\n{rounds} alternating rounds; sections of 50 paragraphs of ~50 characters.")
        largest = result[f"{sizes[-1]} paragraphs"]
        self.targets += [
            Target(f"{sizes[-1]} paragraphs: time", largest.median, 3.0, unit="s"),
            Target(f"{sizes[-1]} paragraphs: peak memory", largest.peak_mb, 200, unit="MB"),
            Target("time per doubling (largest step)", max(steps), 2.2),
        ]

    # ------------------------------------------------------------ (6) PDF
    def pdf(self) -> None:
        why = "smoke mode (LibreOffice starts take seconds)" if self.smoke else ""
        why = why or ("" if self.soffice else "LibreOffice (soffice) is not installed")
        if why:
            self.add("6. PDF", f"Skipped: {why}.")
            self.targets.append(Target("PDF: 20 in one call ÷ one", None, 4.0, why_not=why))
            return
        folder = self.work / "pdf"
        folder.mkdir()
        batch = sorted((self.work / "batch" / "out").glob("*.docx"))[:20]
        many = [shutil.copy(p, folder / f"m{i:02d}.docx") for i, p in enumerate(batch)]
        one = shutil.copy(batch[0], folder / "one.docx")
        cases = [
            Case("1 document", lambda i: [PY, "-c", workloads.PDF_CONVERT, str(one)]),
            Case(f"{len(many)} documents", lambda i: [PY, "-c", workloads.PDF_CONVERT, *map(str, many)]),
        ]
        result = alternate(cases, max(2, self.rounds // 4), self.env)
        single, twenty = result["1 document"].median, result[f"{len(many)} documents"].median
        rows = [[c.name, c.median, c.spread, ratio(c.median, single)] for c in result.values()]
        body = table(["one `convert_to_pdf` call (fresh process)", "median s", "range s", "÷ one document"], rows)
        self.add("6. PDF", body + "\n\nOne LibreOffice start per call, as `gongwen build --pdf` does for a folder.")
        self.targets.append(Target(f"PDF: {len(many)} in one call ÷ one", ratio(twenty, single), 4.0))

    # ------------------------------------------------------------ checks, profile, report
    def open_all(self) -> None:
        import docx

        broken = []
        for path in self.docx:
            try:
                docx.Document(str(path))
            except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
                broken.append(f"{path.name}: {exc}")
        if broken:
            self.failures.append(f"outputs python-docx cannot open: {broken[:5]}")
        self.add("Correctness", f"{len(self.docx)} .docx outputs opened with python-docx; failures: {len(broken)}.")

    def profile(self) -> None:
        repeats = 3 if self.smoke else 20
        data = json.loads(run([PY, str(HERE / "profile_stages.py"), "--repeats", str(repeats)], env=self.env).stdout)
        data["stack_over_floor"] = getattr(self, "stack_over_floor", None)
        data["pair_efficiency"] = getattr(self, "pair_efficiency", None)
        data["cold_build"] = getattr(self, "cold_build", None)
        data["batch_run"] = getattr(self, "batch_run", None)
        self.add("Profile and levers", levers(data, self.targets))

    def report(self, path: Path, mode: str) -> None:
        facts = table(["", ""], [list(item) for item in machine()])
        targets = table(["target", "limit", "this run", ""], [t.row() for t in self.targets])
        checks = "all passed" if not self.failures else "FAILED: " + "; ".join(self.failures)
        text = (
            f"# Benchmark results ({mode})\n\nWritten by `benchmarks/compare.py`"
            f"{' --smoke' if self.smoke else ''}; every figure below is from this one run.\n\n{facts}\n\n"
            f"## Targets\n\n{targets}\n\nCorrectness checks: {checks}.\n\n" + "\n".join(self.sections)
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")


def compile_bytecode() -> None:
    """Bytecode for gongwen and everything the venv holds, before anything is timed."""
    import compileall
    import sysconfig

    for folder in {Path(sysconfig.get_paths()["purelib"]), HERE.parent / "src"}:
        compileall.compile_dir(folder, quiet=2, workers=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny counts (seconds), for CI")
    parser.add_argument("--rounds", type=int, help="alternating rounds of the process cases (default 12; smoke 2)")
    parser.add_argument("--without", action="append", default=[], choices=["docxtpl", "pandoc", "pdf"],
                        help="leave a competitor (or the PDF section) out, as if it were not installed")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="where to write the results")
    args = parser.parse_args(argv)
    if not Path(GONGWEN).exists():
        parser.error(f"{GONGWEN} not found: install gongwen into this interpreter's venv first")
    work = Path(tempfile.mkdtemp(prefix="gongwen-compare-"))
    bench = Bench(work, args.smoke, args.rounds or (2 if args.smoke else 12))
    bench.has_docxtpl &= "docxtpl" not in args.without
    bench.pandoc = None if "pandoc" in args.without else bench.pandoc
    bench.soffice = None if "pdf" in args.without else bench.soffice
    for name in ("docxtpl", "pandoc"):
        if not (bench.has_docxtpl if name == "docxtpl" else bench.pandoc):
            print(f"note: {bench.missing(name)}; its comparisons are reported as not measured", file=sys.stderr)
    compile_bytecode()
    try:
        for section in (bench.cold, bench.startup, bench.in_process, bench.batch, bench.scale, bench.pdf):
            section()
        bench.open_all()
        bench.profile()
        bench.report(args.out, "smoke" if args.smoke else "full")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if bench.failures else 0


if __name__ == "__main__":
    sys.exit(main())
