"""Batch builds: folders and globs, parallel, up-to-date skipping, --check, edited outputs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from conftest import MINIMAL, run_cli

from gongwen.output.batch import expand_sources


run = run_cli


def generated_folder(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"unit{i:03d}.yaml"
        path.write_text(MINIMAL.replace("6次", f"{i + 1}次"), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.slow
def test_folder_of_200_files_skip_rebuild_and_check(tmp_path):
    data, drafts = tmp_path / "data", tmp_path / "drafts"
    paths = generated_folder(data, 200)

    code, output = run(["build", str(data), "-o", f"{drafts}/"])
    assert code == 0 and output.strip().endswith("完成：生成 200 个，跳过 0 个，失败 0 个。")
    assert len(list(drafts.glob("*.docx"))) == 200

    code, output = run(["build", str(data), "-o", f"{drafts}/"])
    assert code == 0 and output.strip().endswith("完成：生成 0 个，跳过 200 个，失败 0 个。")

    paths[17].write_text(MINIMAL.replace("6次", "99次"), encoding="utf-8")
    code, output = run(["build", str(data), "-o", f"{drafts}/", "--check"])
    assert code == 1
    assert f"需要重新生成：{drafts / 'unit017.docx'}（已过期）" in output
    assert "200 个数据文件，1 个需要重新生成" in output

    code, output = run(["build", str(data), "-o", f"{drafts}/"])
    assert code == 0 and output.strip().endswith("完成：生成 1 个，跳过 199 个，失败 0 个。")
    code, output = run(["build", str(data), "-o", f"{drafts}/", "--check"])
    assert code == 0


def test_check_reports_missing_outputs_and_writes_nothing(tmp_path):
    generated_folder(tmp_path / "data", 3)
    code, output = run(["build", str(tmp_path / "data"), "-o", f"{tmp_path / 'out'}/", "--check", "--to", "txt"])
    assert code == 1 and output.count("（缺失）") == 3
    assert not (tmp_path / "out").exists()


def test_one_bad_file_fails_the_run_but_the_others_are_built(tmp_path):
    paths = generated_folder(tmp_path / "data", 3)
    paths[1].write_text(MINIMAL.replace("年度: 2021", "年度: 明年"), encoding="utf-8")
    code, output = run(["build", str(tmp_path / "data"), "-o", f"{tmp_path / 'out'}/", "-j", "2"])
    assert code == 1
    assert re.search(r"unit001\.yaml:2:5: 年度: 年度“明年”看不懂：请写成年份或期间", output)
    assert "完成：生成 2 个，跳过 0 个，失败 1 个。" in output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["unit000.docx", "unit002.docx"]


def test_globs_and_duplicate_names(tmp_path):
    generated_folder(tmp_path / "a", 2)
    generated_folder(tmp_path / "b", 1)
    found = expand_sources([str(tmp_path / "*" / "unit00[01].yaml")])
    assert [p.name for p in found] == ["unit000.yaml", "unit001.yaml", "unit000.yaml"]
    code, output = run(["build", str(tmp_path / "a"), str(tmp_path / "b"), "-o", f"{tmp_path / 'out'}/"])
    assert code == 1 and "会互相覆盖" in output
    code, output = run(["build", str(tmp_path / "nothing-*.yaml")])
    assert code == 1 and "没有匹配的文件" in output


def test_edited_docx_is_not_overwritten_without_force(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    target = source.with_suffix(".docx")
    assert run(["build", str(source)])[0] == 0
    _edit_body(target)
    edited = target.read_bytes()
    source.write_text(MINIMAL.replace("6次", "7次"), encoding="utf-8")
    code, output = run(["build", str(source)])
    assert code == 1 and "在 Word/WPS 中修改并保存过" in output and "--force" in output
    assert target.read_bytes() == edited
    code, output = run(["build", str(source), "--force"])
    assert code == 0 and "已生成" in output


def test_foreign_docx_is_not_overwritten(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    foreign = source.with_suffix(".docx")
    foreign.write_bytes(b"not ours")
    code, output = run(["build", str(source)])
    assert code == 1 and "不是由 gongwen 生成" in output
    assert foreign.read_bytes() == b"not ours"


def test_unchanged_input_is_skipped(write_yaml):
    source = write_yaml(MINIMAL)
    assert run(["build", str(source)])[1].startswith("已生成")
    assert run(["build", str(source)])[1].startswith("未变化，已跳过")


def _edit_body(path: Path) -> None:
    """What Word does when a clerk changes a sentence and saves: document.xml changes."""
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info.filename) for info in package.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace("6次".encode(), "八次".encode())
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


@pytest.mark.parametrize("second_run", [False, True], ids=["building", "all-up-to-date"])
def test_a_batch_cleans_killed_builds_temporaries_once_for_all_its_outputs(tmp_path, second_run):
    import os
    import time

    from gongwen.output.files import STALE_SECONDS

    data, drafts = tmp_path / "data", tmp_path / "drafts"
    generated_folder(data, 3)
    drafts.mkdir()
    if second_run:
        assert run(["build", str(data), "-o", f"{drafts}/", "-j", "1"])[0] == 0
    old = time.time() - STALE_SECONDS - 60
    orphan = drafts / ".gongwen-999999999-deadbeef.tmp"  # no such process
    legacy = drafts / ".unit002.docx.abcd1234.tmp"  # gongwen 0.1's, for one of the outputs
    other = drafts / ".报告.docx.a1b2c3d4.tmp"  # 0.1's pattern, for no output of this batch
    for path in (orphan, legacy, other):
        path.write_bytes(b"partial")
        os.utime(path, (old, old))
    code, output = run(["build", str(data), "-o", f"{drafts}/", "-j", "1"])
    assert code == 0, output
    assert ("跳过 3 个" if second_run else "生成 3 个") in output
    assert not orphan.exists() and not legacy.exists() and other.exists()


def test_a_batch_leaves_the_callers_garbage_collector_as_it_was(tmp_path):
    """Workers are forked with the stack frozen and collect less often; the calling process
    (a library user's) gets its collector back unfrozen, with its own thresholds."""
    import gc

    from gongwen.output.batch import run_batch
    from gongwen.output.build import BuildOptions

    sources = generated_folder(tmp_path / "data", 3)
    before = gc.get_threshold()
    outcomes = run_batch(sources, tmp_path / "out", BuildOptions(), into_folder=True, jobs=2)
    assert all(not o.failed for o in outcomes) and len(list((tmp_path / "out").glob("*.docx"))) == 3
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before
