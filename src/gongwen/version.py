"""gongwen's version (a literal equal to pyproject.toml's and to the installed distribution's
metadata: tests/output/test_version.py), and which gongwen this is: another package,
``gongwen-skill``, also installs a Python package and a command named ``gongwen``. ``gongwen --version`` says which project runs and notes any clash.

Nothing is imported here but ``os`` and ``sys``: every command reads ``__version__`` at start-up
(``importlib.metadata`` alone took 20–30 ms); the clash checks cost a few stat calls and one
scan of the installed entry points, and run only when asked.
"""

from __future__ import annotations

import os
import sys

DISTRIBUTION = "gongwen"
ENTRY_POINT = "gongwen.cli:main"
PROJECT = "GB/T 9704 公文生成工具，项目 gongwen：由 YAML 数据生成公文"

__version__ = "0.1.0"  # = [project] version in pyproject.toml


def package_dir() -> str:
    """The folder this gongwen package is imported from."""
    return os.path.dirname(os.path.abspath(__file__))


def describe() -> str:
    """What ``gongwen --version`` prints: the project, where it is installed, which Python."""
    python = ".".join(str(part) for part in sys.version_info[:3])
    return "\n".join(
        [
            f"gongwen {__version__}（{PROJECT}）",
            f"安装位置：{package_dir()}",
            f"Python：{python}（{sys.executable}）",
        ]
    )


def clashes(path: list[str] | None = None) -> list[str]:
    """Chinese notes on everything that makes "gongwen" ambiguous here (empty: no clash).

    ``path`` is the module search path to inspect (default ``sys.path``)."""
    search = sys.path if path is None else path
    notes = [*_other_packages(search), *_foreign_metadata(search), *_other_command_on_path()]
    return list(dict.fromkeys(notes))  # a folder listed twice on sys.path is one clash


def _advice(other: str = "gongwen-skill") -> str:
    return f"如不需要它，可运行 pip uninstall {other}，或把本项目装在单独的虚拟环境中。"


def _other_packages(search: list[str]) -> list[str]:
    """Another ``gongwen`` module or package on the search path: depending on the order, a
    fresh ``import gongwen`` may load it instead of this one."""
    own = os.path.normcase(os.path.realpath(package_dir()))
    notes = []
    for entry in search:
        base = os.path.abspath(entry or os.curdir)
        package, module = os.path.join(base, "gongwen"), os.path.join(base, "gongwen.py")
        present = [package] if os.path.isfile(os.path.join(package, "__init__.py")) else []
        present += [module] if os.path.isfile(module) else []
        for found in present:
            found = os.path.normcase(os.path.realpath(found))
            if found != own:
                notes.append(
                    f"注意：模块搜索路径中还有另一个名为 gongwen 的 Python 包：{found}，"
                    f"它不是本程序（可能来自 gongwen-skill）。{_advice()}"
                )
    return notes


def _foreign_metadata(search: list[str]) -> list[str]:
    """Installed distributions that claim the ``gongwen`` command, or a "gongwen" that is not us.
    Only entry_points.txt is read for every distribution; METADATA only for the suspects."""
    from importlib.metadata import distributions

    notes = []
    for dist in distributions(path=search):
        scripts = [ep for ep in dist.entry_points if ep.group in ("console_scripts", "gui_scripts")]
        claims = [ep for ep in scripts if ep.name.lower() == "gongwen"]
        if not claims:
            continue
        meta = dist.metadata  # parsed on every access: once
        name, summary = (meta[key] or "" for key in ("Name", "Summary"))
        ours = name.lower().replace("_", "-") == DISTRIBUTION and "YAML" in summary  # PyPI's "gongwen" is not us
        for ep in claims:
            if not ours or ep.value != ENTRY_POINT:
                notes.append(
                    f"注意：另一个软件包 {name} {dist.version}（{summary.strip() or '无说明'}）也安装了 gongwen 命令"
                    f"（{ep.value}）；装在同一环境中时，后安装的会覆盖先安装的。{_advice(name)}"
                )
    return notes


def _other_command_on_path() -> list[str]:
    """Typing ``gongwen`` runs the first one on PATH: say so when that is not the running one."""
    import shutil

    running = sys.argv[0] if sys.argv else ""
    if not os.path.exists(running) and os.path.exists(running + ".exe"):
        running += ".exe"  # pip's Windows launcher strips .exe from argv[0]
    if not os.path.basename(running).lower().startswith("gongwen") or not os.path.isfile(running):
        return []  # not started through a gongwen script (python -c, python -m, tests)
    first = shutil.which("gongwen")
    if first is None or _same_file(first, running):
        return []
    return [
        f"注意：直接输入 gongwen 时运行的是 {os.path.abspath(first)}，不是现在这个（{os.path.abspath(running)}）。"
        "请用完整路径运行，或先激活本程序所在的虚拟环境。"
    ]


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))
