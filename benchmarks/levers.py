"""The closing section of RESULTS.md: where a warm build goes, and the levers left, with numbers.

``data`` is what ``profile_stages.py`` printed in the same run; the percentages and the
"potential" figures are computed from it, never typed in.
"""

from __future__ import annotations

from benchlib import Target, table


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def levers(data: dict, targets: list[Target]) -> str:
    stages: dict[str, float] = data["stages"]
    whole = stages.pop("whole gongwen.build (mean)")
    total = sum(stages.values())
    rows = [[name, _ms(s), f"{s / total:.0%}"] for name, s in stages.items()]
    parts = [
        "### A warm build of the seed example, stage by stage (median ms)",
        table(["stage", "ms", "share"], rows + [["sum of stages", _ms(total), "100%"]]),
        f"A whole `gongwen.build` call took {_ms(whole)} ms on average in the same process.",
        "### Import time (`python -X importtime`, cumulative s, heaviest first)",
        table(
            ["`import gongwen.api`", "s", "`import gongwen.cli`", "s"],
            _side_by_side(data["imports"], data["cli_imports"]),
        ),
        "### Hottest functions (cProfile, own time per build)",
        table(["function", "own ms", "cumulative ms"], [[f, _ms(o), _ms(c)] for f, o, c in data["functions"][:12]]),
        "### Levers",
        _lever_list(stages, total, whole, data),
        _misses(targets, stages, whole, data),
    ]
    return "\n\n".join(parts)


def _side_by_side(a: dict[str, float], b: dict[str, float]) -> list[list[str]]:
    left, right = list(a.items()), list(b.items())
    rows = []
    for index in range(max(len(left), len(right))):
        la = left[index] if index < len(left) else ("", None)
        rb = right[index] if index < len(right) else ("", None)
        rows.append(
            [la[0], f"{la[1]:.3f}" if la[1] is not None else "", rb[0], f"{rb[1]:.3f}" if rb[1] is not None else ""]
        )
    return rows


def _get(stages: dict[str, float], prefix: str) -> float:
    return sum(v for k, v in stages.items() if k.startswith(prefix))


def _lever_list(stages: dict[str, float], total: float, whole: float, data: dict) -> str:
    opened = _get(stages, "python-docx: open the base package") + _get(stages, "python-docx: package properties")
    zips = _get(stages, "python-docx: serialize") + _get(stages, "stamp") + _get(stages, "zip")
    body = _get(stages, "python-docx: body")
    check = _get(stages, "python-docx: pagination")
    loader = _get(stages, "YAML")
    front = loader + _get(stages, "validate") + _get(stages, "lint") + _get(stages, "compose")
    share = lambda x: f"{x / total:.0%}"  # noqa: E731
    imports = data["imports"]
    heavy = {k: v for k, v in imports.items() if not k.startswith("gongwen") and k not in ("site", "encodings")}
    lines = [
        (
            "1. **The base package shipped, opened from kept members** (done: `docx/basepackage.py`,"
            " `docx/package.py`): the four base packages (grid × draft) ship as files instead of being built in"
            " each process (~50 ms of a cold build); the zip is read once per process and each document's parts"
            " are made from the kept members; styles.xml (352 KB), settings, numbering and the footers are parsed"
            " only if a document changes them, and the pagination check reads one shared parse of the styles:"
            f" {_ms(opened)} ms ({share(opened)}) per document."
        ),
        (
            f"2. **One zip pass** (done: `writer.package_parts`, `stamp.stamp_parts`, `reproducible.write_zip`):"
            f" serializing the parts, the stamp and the one deflate take {_ms(zips)} ms ({share(zips)}); the zip"
            " writer is gongwen's own (tested byte for byte against zipfile) and reuses the deflated bytes of"
            " unchanged members; the content types and relationships are serialized once per distinct set"
            " (`docx/package.package_members`, compared with python-docx's save), and the stamp keeps the digest"
            " of the unchanged styles.xml by its bytes object."
        ),
        (
            f"3. **Body building** (done: `docx/paragraphs.py`): {_ms(body)} ms ({share(body)}) for the seed;"
            " paragraphs and runs are copied from subtrees built once per style and font pair, the section"
            " element found once (linear in length). The pagination check (`docx/pagination.py`,"
            f" `docx/linebreak.py`) takes {_ms(check)} ms ({share(check)})."
        ),
        (
            f"4. **The front end**: YAML → data with marks {_ms(loader)} ms (libyaml's C composer for texts up to"
            f" 16 KB); loader, pydantic, lint and Jinja together {_ms(front)} ms ({share(front)}). Lint reads each"
            " derived view once, and each rule first looks for the characters it is about (a digit, a blank, a"
            " mark); a metric that validated is kept by its data's repr and shared by the checks, the figures"
            " and lint; data texts of plain references are filled and checked without Jinja."
        ),
        (
            "5. **Up-to-date inputs recognised before the heavy stack is imported** (`output/records.py`):"
            " no YAML parser, pydantic, Jinja or lint rule is imported; a batch's workers do not look again."
            " A build whose .docx does not exist yet does not look at all; the SHA-256 of unchanged templates is"
            " kept per process by stat, and a record is not rewritten when it is the same. A batch lists each"
            " output folder once for killed builds' temporaries, and its workers are forked with the imported"
            " stack frozen out of garbage collection, collecting every 10,000 allocations instead of 700."
        ),
        (
            "6. **Imports** (start-up of every fresh process): nothing compiles a pattern or builds a pydantic"
            " validator at import; saxutils (urllib, http, ssl), importlib.metadata (pydantic's plugin loader,"
            " with plugins off in the CLI), importlib.resources, the PDF stage and the process pool are not"
            " imported by a build; compiled templates are kept in the cache folder. Heaviest third-party imports"
            f" under `import gongwen.api`: {', '.join(f'{k} {v:.3f} s' for k, v in list(heavy.items())[:5])}."
        ),
    ]
    return "\n".join(lines)


def _batch_bound(whole: float, data: dict) -> str:
    pair, cold, batch = data.get("pair_efficiency") or 1.0, data.get("cold_build"), data.get("batch_run")
    text = (
        f"the work per document: a warm build takes {_ms(whole)} ms, and two processes at once ran at"
        f" {pair:.2f} × twice one (section 3), so two workers give at most {2 * pair / whole:.0f} docs/s"
    )
    if not (cold and batch):
        return text
    count, seconds = batch
    steady = count / max(seconds - cold, 1e-9)
    needed = count / max(count / 100 - cold, 1e-9)  # 100 docs/s: count / 100 seconds in all
    return text + (
        f"; before the first document the batch waits about one cold start ({cold:.2f} s, section 1: the"
        f" stack imported, validators and templates made), {cold / seconds:.0%} of its {seconds:.2f} s, and"
        f" after it ran {steady:.0f} docs/s (records, fsync and rename of each file included). 100 docs/s"
        f" for {count} files needs {needed:.0f} docs/s after such a start: each document's work"
        f" {1 - steady / needed:.0%} less on this machine"
    )


def _misses(targets: list[Target], stages: dict[str, float], whole: float, data: dict) -> str:
    missed = [t for t in targets if t.state == "**missed**"]
    if not missed:
        return "### Targets missed\n\nNone in this run."
    api = data["imports"].get("gongwen.api", 0.0)
    stack = data.get("stack_over_floor")
    used = (
        f"importing the stack as a build must use it (pydantic's BaseModel and Jinja's sandbox, which"
        f" `import pydantic` and `import jinja2` do not load) already takes {stack:.2f} × the floor (section 1);"
        " beyond it, "
        if stack
        else ""
    )
    bounds = {
        "cold build": (
            f"{used}what gongwen does itself: `import gongwen.api` took {api:.3f} s here (its own modules and"
            " the third-party modules they use), then the first document's validators (built on first use), the"
            f" sandboxed templates and the first build ({_ms(whole)} ms warm). docxtpl imports python-docx and"
            " jinja2 and renders one template; gongwen also checks the data (pydantic, 20-odd lint rules) and"
            " lays the pages out"
        ),
        "up-to-date": "start-up: click and the record lookup, whatever the input",
        "in-process": (
            f"the work per document: a warm build is {_ms(whole)} ms, of which the front end (YAML with marks,"
            " pydantic, lint, Jinja) is about half and the page-prediction check a fifth; docxtpl re-renders"
            " one document.xml into a template it opened once and checks nothing"
        ),
        "batch": _batch_bound(whole, data),
    }
    rows = []
    for t in missed:
        bound = next((text for key, text in bounds.items() if key in t.what), "see the levers above")
        rows.append(f"- **{t.what}**: {t.value:.2f} {t.unit} against {t.limit:g} {t.unit}. Bounded by {bound}.")
    return "### Targets missed, and what bounds each\n\n" + "\n".join(rows)
