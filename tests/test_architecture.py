"""The package reads as the pipeline: small modules, and no import cycles anywhere (issue 10).

Imports are read with ``ast`` from every module under ``src/gongwen``, including the ones
made inside functions (a lazy import is still a dependency), and resolved to modules of the
package; a cycle among them fails the test with the modules that form it.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "gongwen"
MAX_MODULE_LINES = 400
# The pipeline's stages in order; a stage imports only itself, stages before it and the shared
# leaves. api, cli and the package itself sit on top and may import any stage.
STAGES = ("source", "model", "figures", "lint", "wording", "docx", "pdf", "output")
LEAVES = ("gongwen.errors", "gongwen.version")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _resolve(current: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = current.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Package modules that ``name`` imports (``from .x import y`` counts ``x``, or ``x.y`` if a module)."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(name, path.name == "__init__.py", node)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t in known and t != name)
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules around it, or ``None``."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for child in sorted(graph[node]):
            if state.get(child) == 1:
                return stack[stack.index(child) :] + [child]
            if child not in state:
                cycle = visit(child)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def test_no_import_cycles():
    # A package's __init__ re-exporting its modules is not a cycle of the pipeline: a module
    # importing a sibling through the package name would be, so __init__ edges are kept.
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test_the_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def stage_of(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


def test_every_stage_imports_only_earlier_stages():
    backward = []
    for module, imported in import_graph().items():
        own = stage_of(module)
        if own is None:
            continue
        for target in imported:
            stage = stage_of(target)
            if target not in LEAVES and (stage is None or stage > own):
                backward.append(f"{module} → {target}")
    assert not backward, "imports against the pipeline order: " + "; ".join(sorted(backward))


def test_the_tree_reads_as_the_pipeline():
    folders = {path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    assert folders == set(STAGES)
    top = {path.name for path in PACKAGE.glob("*.py")}
    assert top == {"__init__.py", "api.py", "cli.py", "errors.py", "version.py"}


def test_no_module_over_400_lines():
    long = {
        name: n
        for name, path in modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


def test_no_stage_shadows_an_api_name():
    """``gongwen.compose`` must stay the function even after ``gongwen.<stage>`` is imported:
    a package of the same name would replace it as an attribute of ``gongwen``."""
    import importlib

    import gongwen

    for stage in STAGES:
        importlib.import_module(f"gongwen.{stage}")
    for name in ("load", "compose", "render", "build", "check"):
        assert name not in STAGES and callable(getattr(gongwen, name)), name
