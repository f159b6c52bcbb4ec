"""Defects found by attacking the records of up-to-date builds, the batch and the guard after
the speed work; each test failed before its fix and states the promise it holds the code to."""

from __future__ import annotations

import gc
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli

ROLLUP = EXAMPLES / "2022-jiedao-huizong"
UNIT_OLD, UNIT_NEW = "会议: {数值: 5,", "会议: {数值: 599,"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GONGWEN_CACHE_DIR", str(folder))
    return folder


def _body(docx: Path) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_a_units_folder_symlink_pointed_elsewhere_is_not_up_to_date(tmp_path, cache):
    """社区 -> v1, built; 社区 -> v2 (other figures): the record lists v1's files by their real
    path, which did not change, so the build said 未变化，已跳过 and kept v1's figures."""
    work = tmp_path / "w"
    work.mkdir()
    shutil.copy(ROLLUP / "新城街道.yaml", work)
    shutil.copytree(ROLLUP / "社区", work / "v1")
    shutil.copytree(ROLLUP / "社区", work / "v2")
    unit = work / "v2" / "东湖社区.yaml"
    text = unit.read_text(encoding="utf-8")
    assert UNIT_OLD in text
    unit.write_text(text.replace(UNIT_OLD, UNIT_NEW), encoding="utf-8")
    (work / "社区").symlink_to("v1")
    source = str(work / "新城街道.yaml")
    assert run_cli(["build", source])[0] == 0
    before = _body(work / "新城街道.docx")
    (work / "社区").unlink()
    (work / "社区").symlink_to("v2")
    code, output = run_cli(["build", source])
    assert code == 0, output
    assert "已跳过" not in output and _body(work / "新城街道.docx") != before, output


def test_a_unit_synced_in_during_the_build_with_an_older_time_leaves_no_record(tmp_path, cache, monkeypatch):
    """A sync client or ``cp -p``/``rsync -t`` replaces a 下级单位 file while a build runs and
    gives it the time of the edit elsewhere (before the build started). ``remember`` looks at
    st_mtime only, so the record pairs the new file's SHA-256 with the output of the old one:
    the next build skips an output that shows the old figures (the ctime did move)."""
    import gongwen.output.build as build_module

    work = tmp_path / "w"
    shutil.copytree(ROLLUP, work)
    unit = work / "社区" / "东湖社区.yaml"
    old_time = os.stat(unit).st_mtime - 600
    original = build_module.compose
    swapped = []

    def compose_then_sync(document, template=None):
        blocks = original(document, template)
        if not swapped:  # the build has read the unit: the new version arrives now
            text = unit.read_text(encoding="utf-8")
            unit.write_text(text.replace(UNIT_OLD, UNIT_NEW), encoding="utf-8")
            os.utime(unit, (old_time, old_time))
            swapped.append(True)
        return blocks

    monkeypatch.setattr(build_module, "compose", compose_then_sync)
    source = str(work / "新城街道.yaml")
    assert run_cli(["build", source])[0] == 0 and swapped
    monkeypatch.setattr(build_module, "compose", original)
    stale = _body(work / "新城街道.docx")
    code, output = run_cli(["build", source])
    assert code == 0, output
    assert "已跳过" not in output and _body(work / "新城街道.docx") != stale, output


def test_a_full_width_digit_in_a_number_between_braces_is_a_clear_error(tmp_path, cache):
    """``{{ 1.０ }}`` (a full-width 0, as a Chinese IME types it): Jinja's lexer reads 1.０ as a
    float and Python's literal_eval raises SyntaxError, which the guard does not catch: the
    user got 内部错误 … 程序缺陷 instead of a message about the text."""
    text = (EXAMPLES / "2022-tongbao-anquan.yaml").read_text(encoding="utf-8")
    start = text.index("导语: >-")
    end = text.index("\n\n", start)
    source = tmp_path / "a.yaml"
    source.write_text(text[:start] + "导语: '检查了{{ 1.０ }}家。'" + text[end:], encoding="utf-8")
    for command in (["check", str(source)], ["build", str(source)]):
        code, output = run_cli(command)
        assert code == 1, output
        assert "内部错误" not in output and "程序缺陷" not in output, output
        assert "导语" in output, output


def test_a_batch_leaves_the_callers_frozen_objects_frozen(tmp_path, cache):
    """run_batch freezes around forking its workers and then calls gc.unfreeze(), which also
    unfreezes everything the caller (an application embedding gongwen) had frozen itself."""
    from gongwen.output.batch import run_batch
    from gongwen.output.build import BuildOptions

    sources = []
    for name in ("2022-xiaoqu-gaizao.yaml", "2022-han-zixun.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
        sources.append(tmp_path / name)
    keep = [object() for _ in range(100)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        outcomes = run_batch(sources, tmp_path / "out", BuildOptions(), into_folder=True, jobs=2)
        assert [outcome.error for outcome in outcomes] == ["", ""] and all(o.written for o in outcomes)
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
    del keep
