"""The documented CI workflow and pre-commit hook: their install line and gongwen commands really run."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT

WORKFLOW = ROOT / "docs" / "ci" / "gongwen-drafts.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
GONGWEN = Path(sys.executable).with_name("gongwen")


def workflow_steps() -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["drafts"]["steps"]


def workflow_commands(program: str = "gongwen") -> list[tuple[str, str]]:
    """(step name, command) for every ``program`` command of the workflow, in order."""
    commands = []
    for step in workflow_steps():
        for line in step.get("run", "").splitlines():
            if line.strip().startswith(f"{program} "):
                commands.append((step["name"], line.strip()))
    return commands


def build_commands() -> list[str]:
    return [command for _, command in workflow_commands() if command != "gongwen --version"]


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    args = shlex.split(command)
    return subprocess.run([str(GONGWEN), *args[1:]], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture
def data_repo(tmp_path) -> Path:
    """A data repository as the workflow expects it: the examples under data/."""
    (tmp_path / "data").mkdir()
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, tmp_path / "data" / example.name)
    return tmp_path


def test_workflow_names_the_commands_we_test():
    names = [command for _, command in workflow_commands()]
    assert names == [
        "gongwen --version",
        "gongwen check data/",
        "gongwen build data/ -o drafts/ --to docx --to txt --check",
        "gongwen build data/ -o drafts/ --to docx --to txt --pdf",
    ]


@pytest.mark.slow
def test_workflow_commands_pass_on_the_examples(data_repo):
    check, stale_check, rebuild = build_commands()
    assert run(check, data_repo).returncode == 0
    missing = run(stale_check, data_repo)
    assert missing.returncode == 1 and "缺失" in missing.stdout  # drafts not built yet: the PR fails
    if shutil.which("soffice") is None and os.environ.get("CI") != "true":
        rebuild = rebuild.replace(" --pdf", "")  # PDF needs LibreOffice; the render tests cover it
    built = run(rebuild, data_repo)
    assert built.returncode == 0, built.stderr
    assert len(list((data_repo / "drafts").glob("*.docx"))) == len(list(EXAMPLES.glob("*.yaml")))
    assert run(stale_check, data_repo).returncode == 0  # now up to date: the PR passes


def test_pre_commit_hook_runs_check(data_repo):
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "gongwen-check" and hook["entry"] == "gongwen check"
    files = sorted(str(p.relative_to(data_repo)) for p in (data_repo / "data").iterdir())
    result = run(f"{hook['entry']} {' '.join(files)}", data_repo)
    assert result.returncode == 0, result.stdout + result.stderr
    bad = data_repo / "data" / "bad.yaml"
    bad.write_text("发文机关: 新城街道办事处\n年度: 2021\n", encoding="utf-8")
    result = run(f"{hook['entry']} data/bad.yaml", data_repo)
    assert result.returncode == 1 and "data/bad.yaml:" in result.stdout + result.stderr


# The install line: PyPI's "gongwen" is another project, so the recipe installs gongwen from its own
# source, checked out beside the data as the submodule gongwen-src/.
SUBMODULE = "gongwen-src"
NOT_SOURCE = (
    ".git",
    ".venv",
    "__pycache__",
    "*.egg-info",
    ".hypothesis",
    ".ruff_cache",
    ".pytest_cache",
    "build",
    "dist",
)


def test_install_line_installs_the_checked_out_source():
    (line,) = [command for _, command in workflow_commands("pip")]
    assert line == f"pip install ./{SUBMODULE}"
    checkout = workflow_steps()[0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["submodules"] is True
    assert f"git submodule add <gongwen 仓库的地址> {SUBMODULE}" in WORKFLOW.read_text(encoding="utf-8")


@pytest.mark.slow
def test_install_line_works_in_a_fresh_venv(data_repo, tmp_path):
    """The recipe's exact line, run in the data repository with this source tree as gongwen-src/,
    into a fresh venv; that venv's gongwen then names this project and checks the examples."""
    shutil.copytree(ROOT, data_repo / SUBMODULE, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    env_dir = tmp_path / "fresh venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    (_, line), *_ = workflow_commands("pip")
    args = shlex.split(line)
    assert args[:2] == ["pip", "install"]
    installed = subprocess.run(
        [str(bindir / "python"), "-m", "pip", *args[1:]], cwd=data_repo, capture_output=True, text=True, timeout=600
    )
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    gongwen = bindir / "gongwen"
    shown = subprocess.run([str(gongwen), "--version"], cwd=data_repo, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and shown.stderr == "", shown.stderr  # no clash noted
    first, where, _python = shown.stdout.splitlines()
    assert first.startswith("gongwen ") and "（GB/T 9704 公文生成工具，项目 gongwen" in first
    assert where.startswith("安装位置：") and Path(where.removeprefix("安装位置：")).is_relative_to(env_dir)
    check = build_commands()[0]
    checked = subprocess.run(
        [str(gongwen), *shlex.split(check)[1:]], cwd=data_repo, capture_output=True, text=True, timeout=300
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
