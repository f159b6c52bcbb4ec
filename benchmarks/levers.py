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
    package = _get(stages, "python-docx: open default package") + _get(stages, "python-docx: set up styles")
    package += _get(stages, "python-docx: page-number footers") + _get(stages, "python-docx: package properties")
    zips = _get(stages, "python-docx: save") + _get(stages, "stamp") + _get(stages, "normalize")
    body = _get(stages, "python-docx: body")
    loader = _get(stages, "YAML")
    front = loader + _get(stages, "validate") + _get(stages, "lint") + _get(stages, "compose")
    share = lambda x: f"{x / total:.0%}"  # noqa: E731
    imports = data["imports"]
    heavy = {k: v for k, v in imports.items() if not k.startswith("gongwen") and k not in ("site", "encodings")}
    lines = [
        (
            f"1. **A base .docx package built once instead of python-docx's default template re-styled per"
            f" document** (`docx/writer.py`, `docx/styles.py`; not in this change's files): opening the default"
            f" package, the properties, the styles and the two footers take {_ms(package)} ms"
            f" ({share(package)} of a warm build). Built once per process (or shipped as a package file) and"
            f" copied per document, that is a deep copy of a few parts: the measured potential is most of"
            f" {_ms(package)} ms, i.e. a warm build near {_ms(whole - package * 0.9)} ms"
            f" ({whole / max(whole - package * 0.9, 1e-9):.1f}× the in-process rate)."
        ),
        (
            f"2. **One zip pass that is already reproducible** (`docx/reproducible.py`, `docx/writer.py`):"
            f" python-docx's save, the stamp and the normalisation take {_ms(zips)} ms ({share(zips)}). The stamp"
            " now writes its intermediate zip uncompressed (this change), so the parts are deflated twice, not"
            f" three times; writing the final zip straight from the parts (fixed dates, the stamp added) would"
            f" leave one deflate, about a third of {_ms(zips)} ms."
        ),
        (
            f"3. **Body XML built in bulk** (`docx/body.py`): {_ms(body)} ms ({share(body)}) for the seed; it is the"
            " part that grows with the document (section 5), python-docx's `get_or_add` child searches"
            " (`xmlchemy.first_child_found_in`, `get_child_element`) lead the cProfile table."
        ),
        (
            f"4. **libyaml's parser** (this change, `source/loader.py`): YAML → data with marks now takes"
            f" {_ms(loader)} ms (the pure-Python scanner took 7–14 ms for the seed before this change on this"
            " machine); errors, and any text with a tab, still take the pure-Python path, so every message, mark"
            f" and accepted file is unchanged. The whole front end (loader, pydantic, lint, Jinja) is {_ms(front)} ms ({share(front)})."
        ),
        (
            "5. **Up-to-date inputs recognised before the heavy stack is imported** (this change,"
            " `output/stamp.py`, `output/build.py`, `output/batch.py`): a small cache entry per input (under"
            " `$XDG_CACHE_HOME/gongwen`, keyed by the input's bytes, path, build flags, gongwen's version and its"
            " code files, validated against the SHA-256 of every template and 下级单位 file the build read) gives the"
            " digest the .docx stamp is compared with; no YAML parser, pydantic, Jinja or lint rule is imported"
            " (python-docx still is: cli.py imports `gongwen.pdf.convert`, whose font map imports `docx.layout`)."
        ),
        (
            "6. **Imports** (start-up of every fresh process): heaviest third-party imports under"
            f" `import gongwen.api`: {', '.join(f'{k} {v:.3f} s' for k, v in list(heavy.items())[:5])}."
            " `gongwen --version`/`--help` already import only click and the CLI."
        ),
    ]
    return "\n".join(lines)


def _misses(targets: list[Target], stages: dict[str, float], whole: float, data: dict) -> str:
    missed = [t for t in targets if t.state == "**missed**"]
    if not missed:
        return "### Targets missed\n\nNone in this run."
    package = _get(stages, "python-docx: open") + _get(stages, "python-docx: set up styles")
    api = data["imports"].get("gongwen.api", 0.0)
    bounds = {
        "cold build": (
            f"a fresh `gongwen build` imports gongwen's own modules on top of the stack: `import gongwen.api` took"
            f" {api:.3f} s here (model and lint modules compile their regular expressions and build pydantic"
            f" models at import), then does a warm build of {_ms(whole)} ms, {_ms(package)} ms of it python-docx's"
            " default package and styles (levers 1, 6; none of it in this change's files)"
        ),
        "up-to-date": (
            "the record check itself is a few ms; what is left is start-up the CLI does whatever the input:"
            " click, `gongwen.version` (importlib.metadata) and `gongwen.pdf.convert`, whose font map imports"
            " `docx.layout` and so python-docx (cli.py imports it for every build). Without those two"
            " imports the up-to-date run would be near `python -c \"import click\"`"
        ),
        "in-process": (
            f"per document gongwen re-opens and re-styles python-docx's default package ({_ms(package)} ms) and"
            " zips twice more; docxtpl opens one pre-styled template and renders it (levers 1–3)"
        ),
        "batch": (
            f"a batch is at most (cores × the in-process rate): a warm build takes {_ms(whole)} ms, so 2 cores"
            f" give at most {2 / whole:.0f} docs/s; 100 docs/s needs ≤ 20 ms per document (levers 1–3)"
        ),
    }
    rows = []
    for t in missed:
        bound = next((text for key, text in bounds.items() if key in t.what), "see the levers above")
        rows.append(f"- **{t.what}**: {t.value:.2f} {t.unit} against {t.limit:g} {t.unit}. Bounded by {bound}.")
    return "### Targets missed, and what bounds each\n\n" + "\n".join(rows)
