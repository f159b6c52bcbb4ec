"""Findings of the attack on the up-to-date fast path (each a real build on disk): a skip is
only ever right when the output agrees with the current data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import run_cli

ROLLUP = Path(__file__).resolve().parents[2] / "data" / "examples" / "2022-jiedao-huizong"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GONGWEN_CACHE_DIR", str(folder))
    return folder


def test_a_unit_reached_through_a_symlinked_dotdot_is_the_real_file(tmp_path, cache, monkeypatch):
    real, here = tmp_path / "real", tmp_path / "here"
    shutil.copytree(ROLLUP, real)
    shutil.copytree(ROLLUP, here)
    (real / "sub").mkdir()
    (here / "link").symlink_to(real / "sub")
    monkeypatch.chdir(here)
    assert run_cli(["build", "link/../新城街道.yaml"])[0] == 0
    unit = real / "社区" / "东湖社区.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("会议: {数值: 5,", "会议: {数值: 9,"), encoding="utf-8")
    code, output = run_cli(["build", "link/../新城街道.yaml"])
    assert code == 0 and "已生成" in output and "已跳过" not in output, output


def test_a_unit_changed_while_the_build_ran_leaves_no_record(tmp_path, cache):
    from gongwen.output.records import record_folder, remember

    unit = tmp_path / "unit.yaml"
    unit.write_text("x", encoding="utf-8")
    started = os.stat(unit).st_mtime_ns - 1  # the build started, then the clerk saved the unit
    remember("k" * 64, "digest", [str(unit)], [], started)
    assert not (record_folder() / ("k" * 64 + ".json")).exists()
    remember("k" * 64, "digest", [str(unit)], [], os.stat(unit).st_mtime_ns + 1)
    assert (record_folder() / ("k" * 64 + ".json")).exists()


def test_a_unit_replaced_by_a_folder_is_a_located_message(tmp_path, cache):
    work = tmp_path / "w"
    shutil.copytree(ROLLUP, work)
    assert run_cli(["build", str(work / "新城街道.yaml")])[0] == 0
    unit = work / "社区" / "东湖社区.yaml"
    unit.unlink()
    unit.mkdir()
    code, output = run_cli(["build", str(work / "新城街道.yaml")])
    assert code == 1 and "这是一个文件夹" in output and "内部错误" not in output, output


def test_a_record_that_is_a_folder_means_a_full_build(tmp_path, cache):
    source = tmp_path / "a.yaml"
    shutil.copy(ROLLUP.parent / "2022-xiaoqu-gaizao.yaml", source)
    assert run_cli(["build", str(source)])[0] == 0
    (record,) = cache.glob("up-to-date/*.json")
    record.unlink()
    record.mkdir()
    code, output = run_cli(["build", str(source)])
    assert code == 0 and "内部错误" not in output, output


@pytest.mark.parametrize("epoch", ["253402300800", "999999999999999999999"])
def test_an_epoch_no_date_can_hold_is_a_clear_error(tmp_path, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    source = tmp_path / "a.yaml"
    shutil.copy(ROLLUP.parent / "2022-xiaoqu-gaizao.yaml", source)
    code, output = run_cli(["build", str(source)])
    assert code == 1 and "SOURCE_DATE_EPOCH" in output and "超出范围" in output and "内部错误" not in output


def test_the_same_epoch_written_twice_ways_gives_the_same_bytes(tmp_path, monkeypatch):
    source = tmp_path / "a.yaml"
    shutil.copy(ROLLUP.parent / "2022-xiaoqu-gaizao.yaml", source)
    outputs = []
    for index, epoch in enumerate(("0", "00")):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        assert run_cli(["build", str(source), "-o", str(tmp_path / f"{index}.docx")])[0] == 0
        outputs.append((tmp_path / f"{index}.docx").read_bytes())
    assert outputs[0] == outputs[1]


def test_a_recipient_list_too_long_for_the_colophon_stays_in_the_body(write_yaml, tmp_path):
    import docx

    names = ", ".join(f"东湖区第{n}社区居民委员会" for n in range(1, 201))
    text = (
        "文种: 通知\n发文机关: 新城街道办事处\n年度: 2022\n事由: 做好安全工作\n成文日期: 2022-09-20\n"
        f"发文字号: 新办〔2022〕30号\n主送机关: [{names}]\n抄送: [区应急管理局]\n"
        "正文:\n  - 标题: 要求\n    段落: 各单位认真落实。\n"
    )
    out = tmp_path / "out.docx"
    code, output = run_cli(["build", str(write_yaml(text)), "-o", str(out)])
    assert code == 0, output
    texts = [p.text for p in docx.Document(out).paragraphs]
    assert any(t.startswith("东湖区第1社区居民委员会、") and t.endswith("：") for t in texts)  # still the 主送 line


def test_a_unit_rewritten_with_its_old_size_and_time_is_read_again_in_the_same_process(tmp_path, cache, monkeypatch):
    """The SHA-256 of a recorded file is kept per process by its stat; an edit that keeps the
    size and sets the old modification time back still changes the ctime."""
    from gongwen.output import records

    monkeypatch.setattr(records, "_RACY_NS", 0)  # keep the SHA-256 of files changed just now
    work = tmp_path / "w"
    shutil.copytree(ROLLUP, work)
    old = os.stat(work / "新城街道.yaml").st_mtime - 3600
    for path in work.rglob("*.yaml"):
        os.utime(path, (old, old))  # old enough for its SHA-256 to be kept
    source = str(work / "新城街道.yaml")
    assert run_cli(["build", source])[0] == 0
    assert "已跳过" in run_cli(["build", source])[1]  # the kept SHA-256 is used
    unit = work / "社区" / "东湖社区.yaml"
    text = unit.read_text(encoding="utf-8")
    assert "会议: {数值: 5," in text
    unit.write_text(text.replace("会议: {数值: 5,", "会议: {数值: 9,"), encoding="utf-8")
    os.utime(unit, (old, old))
    code, output = run_cli(["build", source])
    assert code == 0 and "已生成" in output and "已跳过" not in output, output


def test_the_same_build_again_leaves_its_record_as_it_was(tmp_path, cache):
    from gongwen.output.records import record_folder

    work = tmp_path / "w"
    shutil.copytree(ROLLUP, work)
    source = str(work / "新城街道.yaml")
    assert run_cli(["build", source])[0] == 0
    (record,) = record_folder().glob("*.json")
    before = os.stat(record)
    (work / "新城街道.docx").unlink()
    assert "已生成" in run_cli(["build", source])[1]
    after = os.stat(record)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
