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
            "1. **A base .docx built once per process** (done: `docx/writer.py` `base_package`, per grid and"
            " draft flag): python-docx's template is cleaned, styled and given its page set-up and footers once;"
            f" each document opens its own package from those bytes: {_ms(opened)} ms ({share(opened)}), most of"
            " it parsing the template's 352 KB styles.xml (178 styles, 137 latent ones) again. Left: share one"
            " parsed styles part between documents, or ship a smaller styles.xml (that changes the bytes)."
        ),
        (
            f"2. **One zip pass** (done: `writer.package_parts`, `stamp.stamp_parts`, `reproducible.write_zip`):"
            f" serializing the parts, the stamp and the one deflate take {_ms(zips)} ms ({share(zips)})."
            " Left: reuse the deflated bytes of parts equal to the base package's (styles.xml alone is ~1.4 ms"
            " of deflate), which needs a zip writer of its own that matches zipfile byte for byte."
        ),
        (
            f"3. **Body building** (`docx/body.py` and the zone writers): {_ms(body)} ms ({share(body)}) for the"
            " seed; styles are set by id everywhere (no lookup by name scans styles.xml); python-docx's"
            " `get_or_add` child searches (`xmlchemy.first_child_found_in`) remain. The pagination check"
            f" (`docx/pagination.py`, which lays the document out to keep body text on page 1) takes {_ms(check)} ms"
            f" ({share(check)})."
        ),
        (
            f"4. **The front end**: YAML → data with marks (libyaml) {_ms(loader)} ms; loader, pydantic, lint and"
            f" Jinja together {_ms(front)} ms ({share(front)})."
        ),
        (
            "5. **Up-to-date inputs recognised before the heavy stack is imported** (`output/stamp.py`"
            " records): no YAML parser, pydantic, Jinja or lint rule is imported; start-up no longer imports"
            " `importlib.metadata` either (`gongwen.version` holds a literal version, tested against pyproject)."
        ),
        (
            "6. **Imports** (start-up of every fresh process): heaviest third-party imports under"
            f" `import gongwen.api`: {', '.join(f'{k} {v:.3f} s' for k, v in list(heavy.items())[:5])}."
        ),
    ]
    return "\n".join(lines)


def _misses(targets: list[Target], stages: dict[str, float], whole: float, data: dict) -> str:
    missed = [t for t in targets if t.state == "**missed**"]
    if not missed:
        return "### Targets missed\n\nNone in this run."
    opened = _get(stages, "python-docx: open the base package")
    api = data["imports"].get("gongwen.api", 0.0)
    bounds = {
        "cold build": (
            f"imports: a fresh `gongwen build` imports gongwen's own modules on top of the stack (`import"
            f" gongwen.api` took {api:.3f} s here: model and lint modules compile their regular expressions and"
            f" build pydantic models at import), then builds the base package once and the document ({_ms(whole)}"
            " ms warm); docxtpl imports less and renders one template. The base package does not help a single"
            " build (it is built once either way); shipping it as a file would save most of the styling"
        ),
        "up-to-date": (
            "start-up the CLI does whatever the input: click and `gongwen.pdf.convert`, whose font map imports"
            " `docx.layout` and so python-docx (cli.py, not in this change's files)"
        ),
        "in-process": (
            f"python-docx itself: a warm build is {_ms(whole)} ms, {_ms(opened)} ms of it opening the base package"
            " (mostly parsing its 352 KB styles.xml), then body, pagination check, serialization and deflate;"
            " docxtpl re-renders one small document.xml into a template it opened once"
        ),
        "batch": (
            f"a batch is at most (cores × the in-process rate): a warm build takes {_ms(whole)} ms, so 2 cores"
            f" give at most {2 / whole:.0f} docs/s, less the workers' start and the main process's checks;"
            " 100 docs/s needs ≤ 20 ms per document"
        ),
    }
    rows = []
    for t in missed:
        bound = next((text for key, text in bounds.items() if key in t.what), "see the levers above")
        rows.append(f"- **{t.what}**: {t.value:.2f} {t.unit} against {t.limit:g} {t.unit}. Bounded by {bound}.")
    return "### Targets missed, and what bounds each\n\n" + "\n".join(rows)
