"""Which gongwen is this? ``gongwen-skill`` (PyPI) also installs a Python package and a command
named ``gongwen``, and PyPI's "gongwen" is another project again. ``gongwen --version`` names this
project and where it is installed, and notes each clash it finds. The clashes are real files on
disk (a second distribution's metadata, another ``gongwen`` package, another command on PATH), and
the real command runs in a subprocess.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import gongwen

BIN = Path(sys.executable).parent
GONGWEN = BIN / "gongwen"
SKILL_SUMMARY = "公文全流程处理专家 - GB/T 9704 格式检查/修复/内容优化/模板生成/版式注入"


def run(args: list[str], *, pythonpath: Path | None = None, path_first: Path | None = None, program=None):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONIOENCODING")}
    env["PYTHONIOENCODING"] = "utf-8"
    env["PATH"] = os.pathsep.join(str(p) for p in (path_first, BIN) if p) + os.pathsep + os.environ.get("PATH", "")
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    command = program or [str(GONGWEN)]
    return subprocess.run([*command, *args], env=env, capture_output=True, text=True, timeout=60)


def fake_distribution(site: Path, name: str, version: str, summary: str, script: str) -> Path:
    """What pip leaves in site-packages for a distribution with a ``gongwen`` console script."""
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: {summary}\n"
    (info / "METADATA").write_text(metadata, encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[console_scripts]\ngongwen = {script}\n", encoding="utf-8")
    (info / "top_level.txt").write_text("gongwen\n", encoding="utf-8")
    return info


def test_version_names_this_project_and_where_it_is_installed():
    done = run(["--version"])
    assert done.returncode == 0 and done.stderr == ""  # the project's own venv has no clash
    first, where, python = done.stdout.splitlines()
    assert re.fullmatch(rf"gongwen {re.escape(gongwen.__version__)}（GB/T 9704 公文生成工具，项目 gongwen：.+）", first)
    assert where == f"安装位置：{Path(gongwen.__file__).parent}"
    assert python.startswith("Python：3.") and str(BIN) in python
    assert run(["-V"]).stdout == done.stdout


def test_help_mentions_the_clash_check():
    done = run(["--help"])
    assert done.returncode == 0 and "同名软件包（如 gongwen-skill）" in done.stdout


@pytest.mark.parametrize(
    "name, version, summary, script",
    [
        ("gongwen-skill", "2.15.0", SKILL_SUMMARY, "gongwen:main"),
        ("gongwen", "9.9.9", "Some other project that took the name", "gongwen.app:run"),  # PyPI's "gongwen"
    ],
)
def test_another_distribution_with_a_gongwen_command_is_noted(tmp_path, name, version, summary, script):
    site = tmp_path / "site packages"
    fake_distribution(site, name, version, summary, script)
    done = run(["--version"], pythonpath=site)
    assert done.returncode == 0 and "（GB/T 9704 公文生成工具，项目 gongwen" in done.stdout
    (note,) = done.stderr.splitlines()
    assert note.startswith(f"注意：另一个软件包 {name} {version}（{summary}）也安装了 gongwen 命令（{script}）")
    assert f"pip uninstall {name}" in note


def test_our_own_distribution_is_no_clash(tmp_path):
    """Metadata that is this project's (same entry point, same kind of summary) is not noted."""
    site = tmp_path / "site"
    fake_distribution(site, "gongwen", gongwen.__version__, "由 YAML 数据生成符合 GB/T 9704 的公文", "gongwen.cli:main")
    done = run(["--version"], pythonpath=site)
    assert done.returncode == 0 and done.stderr == ""


def test_another_gongwen_package_on_the_search_path_is_noted(tmp_path):
    """gongwen-skill's ``gongwen`` package in another folder of sys.path (a user site, a
    PYTHONPATH): a fresh ``import gongwen`` may load it, depending on the order."""
    other = tmp_path / "用户 site"
    (other / "gongwen").mkdir(parents=True)
    (other / "gongwen" / "__init__.py").write_text("def main():\n    print('gongwen-skill')\n", encoding="utf-8")
    code = f"import sys; sys.path.append({str(other)!r}); sys.argv = ['gongwen', '--version']; import gongwen.cli as c; c.main()"
    done = run([], program=[sys.executable, "-c", code])
    assert done.returncode == 0 and "（GB/T 9704 公文生成工具，项目 gongwen" in done.stdout
    (note,) = done.stderr.splitlines()
    assert note.startswith(
        f"注意：模块搜索路径中还有另一个名为 gongwen 的 Python 包：{other / 'gongwen'}，它不是本程序"
    )


@pytest.mark.skipif(os.name == "nt", reason="a POSIX shell script stands in for the other command")
def test_another_gongwen_command_first_on_path_is_noted(tmp_path):
    """Typing ``gongwen`` runs the first one on PATH; run by its full path, ours says so."""
    other = tmp_path / "other bin"
    other.mkdir()
    (other / "gongwen").write_text("#!/bin/sh\necho gongwen-skill\n", encoding="utf-8")
    (other / "gongwen").chmod(0o755)
    done = run(["--version"], path_first=other)
    assert done.returncode == 0
    (note,) = done.stderr.splitlines()
    assert note.startswith(f"注意：直接输入 gongwen 时运行的是 {other / 'gongwen'}，不是现在这个（{GONGWEN}）")
    assert run(["--version"]).stderr == ""  # ours first on PATH: nothing to say
