"""Same input, same bytes: two builds under different time zones and wall clocks are identical."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES

import gongwen

GONGWEN = Path(sys.executable).with_name("gongwen")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def faketime() -> str:
    found = shutil.which("faketime")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("CI 上必须安装 faketime（apt-get install faketime）")
    pytest.skip("未安装 faketime（apt-get install faketime），无法模拟不同的系统时钟")


def build_under(clock: str, zone: str, source: Path, folder: Path) -> dict[str, str]:
    folder.mkdir()
    env = dict(os.environ, TZ=zone)
    env.pop("SOURCE_DATE_EPOCH", None)
    command = [faketime(), clock, str(GONGWEN), "build", str(source), "-o", f"{folder}/", "--to", "docx", "--to", "txt"]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return {p.name: sha256(p) for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_builds_in_different_zones_and_clocks_are_byte_identical(tmp_path, source):
    first = build_under("2026-01-01 00:00:01", "UTC", source, tmp_path / "utc")
    second = build_under("2031-07-15 23:59:58", "Asia/Shanghai", source, tmp_path / "shanghai")
    assert first == second
    assert set(first) == {f"{source.stem}.docx", f"{source.stem}.txt"}


def test_zip_entries_carry_no_wall_clock(tmp_path):
    out = gongwen.build(sorted(EXAMPLES.glob("*.yaml"))[0], tmp_path / "a.docx").docx
    with zipfile.ZipFile(out) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "<dcterms:created" in core and "2021-12-02T09:00:00Z" in core


def test_source_date_epoch_sets_core_timestamps(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = gongwen.build(sorted(EXAMPLES.glob("*.yaml"))[0], tmp_path / "a.docx").docx
    core = zipfile.ZipFile(out).read("docProps/core.xml").decode()
    assert "2023-11-14T22:13:20Z" in core
