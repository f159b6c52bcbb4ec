"""The wheel ships the templates: build it, install it into a fresh venv, build the seed there."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile

import docx
import pytest

from conftest import ROOT, SEED_EXAMPLE

pytestmark = pytest.mark.slow


def test_wheel_contains_templates_and_builds_in_fresh_venv(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("gongwen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "gongwen/templates/zongjie.j2" in names
    assert "gongwen/cli.py" in names
    assert {f"gongwen/docx/base/{grid}{draft}.docx" for grid in ("portable", "word") for draft in ("", "-draft")} <= set(names)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    out = tmp_path / "seed.docx"
    gongwen = env_dir / "bin" / "gongwen"
    result = subprocess.run(
        [str(gongwen), "build", str(SEED_EXAMPLE), "-o", str(out)], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"已生成：{out}"
    import gongwen

    here = tmp_path / "here.docx"
    gongwen.build(SEED_EXAMPLE, here)
    assert out.read_bytes() == here.read_bytes()  # the installed wheel's output is the tree's
    texts = [p.text for p in docx.Document(out).paragraphs if p.text]
    assert texts[0] == "2021年街道办事处四城同创工作总结汇报"
    assert texts[1].startswith("全市开展“四城同创”工作以来，")
