"""Nothing lost: what gongwen may write, where, and what it must leave alone (issue 9).

Every test runs the real CLI on real files; device nodes and FIFOs are real where the OS
allows them, and skipped with a visible reason otherwise.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import MINIMAL, run_cli
from samples import require_soffice

from gongwen.output import stamp
from gongwen.output.files import STALE_SECONDS

run = run_cli
GONGWEN = Path(sys.executable).with_name("gongwen")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- each format to its own suffix


def test_a_preview_never_goes_into_the_docx_that_o_names(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    real = tmp_path / "real.docx"
    real.write_bytes(b"a clerk's real document")
    code, output = run(["build", str(source), "-o", str(real), "--to", "txt"])
    assert code == 0, output
    assert real.read_bytes() == b"a clerk's real document"
    assert (tmp_path / "real.txt").read_text(encoding="utf-8").startswith("\u3000\u3000")


@pytest.mark.parametrize("extra", [["--to", "txt"], ["--force"], ["--to", "md", "--force"]])
def test_the_input_named_as_output_is_never_touched(tmp_path, write_yaml, extra):
    source = write_yaml(MINIMAL, "d.yaml")
    before = digest(source)
    code, output = run(["build", str(source), "-o", str(source), *extra])
    assert code == 0, output
    assert digest(source) == before
    assert {p.name for p in tmp_path.iterdir()} - {"d.yaml"} <= {"d.yaml.docx", "d.yaml.txt", "d.yaml.md"}


def test_an_input_named_like_its_preview_is_refused(tmp_path, write_yaml):
    source = write_yaml(MINIMAL, "notes.txt")
    before = digest(source)
    code, output = run(["build", str(source), "--to", "txt"])
    assert code == 1 and "与输入文件" in output and "同一个文件" in output, output
    assert digest(source) == before


def test_the_template_named_as_output_is_refused(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    template = tmp_path / "mine.txt"
    template.write_text("【标题】{{ 标题 }}\n", encoding="utf-8")
    code, output = run(["build", str(source), "--template", str(template), "-o", str(template), "--to", "txt"])
    assert code == 1 and "同一个文件" in output
    assert template.read_text(encoding="utf-8") == "【标题】{{ 标题 }}\n"


# ---------------------------------------------------------------- only regular files are replaced


def test_a_symlink_at_the_output_is_refused(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    link = tmp_path / "data.docx"
    link.symlink_to("/proc/self/fd/1")
    code, output = run(["build", str(source)])
    assert code == 1 and "符号链接" in output
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


@pytest.mark.parametrize("minor", [3, 5, 7], ids=["null", "zero", "full"])
def test_a_device_node_at_the_output_is_refused_at_once(tmp_path, write_yaml, minor):
    """/dev/zero and /dev/full never end: reading one to check a fingerprint would not either."""
    source = write_yaml(MINIMAL)
    device = tmp_path / "data.docx"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("需要 root 才能创建设备文件（mknod），无法测试设备文件作输出")
    started = time.monotonic()
    code, output = run(["build", str(source)])
    assert code == 1 and "设备、管道或其他特殊文件" in output
    assert time.monotonic() - started < 5
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def _cli(*args: str, timeout: float = 30, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(GONGWEN), *args], capture_output=True, text=True, timeout=timeout, env=dict(os.environ, **env)
    )


def test_fifos_as_output_or_input_never_block(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    result = _cli("build", str(source), "-o", str(fifo), timeout=20)
    assert result.returncode == 1 and "特殊文件" in result.stderr
    fifo_input = tmp_path / "pipe.yaml"
    os.mkfifo(fifo_input)
    result = _cli("build", str(fifo_input), timeout=20)
    assert result.returncode == 1 and "不是普通文件" in result.stderr
    result = _cli("check", str(fifo_input), timeout=20)
    assert result.returncode == 1 and "不是普通文件" in result.stdout


def test_stdin_is_not_an_input_so_it_cannot_fool_the_up_to_date_check(tmp_path):
    target = tmp_path / "x.docx"
    result = subprocess.run(
        [str(GONGWEN), "build", "/dev/stdin", "-o", str(target)], input=MINIMAL, capture_output=True, text=True
    )
    assert result.returncode == 1 and "不是普通文件" in result.stderr and not target.exists()


# ---------------------------------------------------------------- edit protection for every format


def test_previews_carry_a_fingerprint_and_edits_are_protected(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    assert run(["build", str(source), "--to", "txt", "--to", "md"])[0] == 0
    txt, md = source.with_suffix(".txt"), source.with_suffix(".md")
    assert stamp.text_edited("txt", txt.read_bytes()) is False
    assert stamp.text_edited("md", md.read_bytes()) is False
    code, output = run(["build", str(source), "--to", "txt", "--to", "md"])
    assert code == 0 and output.count("未变化，已跳过") == 2
    edited = txt.read_text(encoding="utf-8").replace("6次", "六次")
    txt.write_text(edited, encoding="utf-8")
    source.write_text(MINIMAL.replace("6次", "7次"), encoding="utf-8")
    code, output = run(["build", str(source), "--to", "txt"])
    assert code == 1 and "被修改并保存过" in output and "--force" in output
    assert txt.read_text(encoding="utf-8") == edited
    assert run(["build", str(source), "--to", "txt", "--force"])[0] == 0
    assert "7次" in txt.read_text(encoding="utf-8")


def test_a_foreign_text_file_is_not_replaced(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    notes = source.with_suffix(".md")
    notes.write_text("# 我的笔记\n", encoding="utf-8")
    code, output = run(["build", str(source), "--to", "md"])
    assert code == 1 and "不是由 gongwen 生成" in output
    assert notes.read_text(encoding="utf-8") == "# 我的笔记\n"


def _rewrite_part(path: Path, name: str, change) -> None:
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info.filename) for info in package.infolist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w") as package:
        for part, data in parts.items():
            package.writestr(part, data)


@pytest.mark.parametrize(
    "part, change",
    [
        ("word/styles.xml", lambda xml: xml.replace("仿宋_GB2312".encode(), "仿宋".encode())),
        ("word/footer1.xml", lambda xml: xml.replace(b"\xe2\x80\x94 ", b"- ")),
        ("docProps/core.xml", lambda xml: xml.replace("新城街道办事处".encode(), "某单位".encode())),
    ],
    ids=["styles", "footer", "properties"],
)
def test_edits_outside_the_body_are_protected_too(write_yaml, part, change):
    source = write_yaml(MINIMAL)
    assert run(["build", str(source)])[0] == 0
    target = source.with_suffix(".docx")
    _rewrite_part(target, part, change)
    edited = digest(target)
    source.write_text(MINIMAL.replace("6次", "7次"), encoding="utf-8")
    code, output = run(["build", str(source)])
    assert code == 1 and "在 Word/WPS 中修改并保存过" in output
    assert digest(target) == edited


def test_a_docx_from_gongwen_0_1_is_still_recognised(write_yaml):
    """0.1 fingerprinted word/document.xml only: such a file is gongwen's and unedited."""
    source = write_yaml(MINIMAL)
    assert run(["build", str(source)])[0] == 0
    target = source.with_suffix(".docx")
    with zipfile.ZipFile(target) as package:
        body = package.read("word/document.xml")
    old = hashlib.sha256(body).hexdigest()
    _rewrite_part(target, "docProps/custom.xml", lambda xml: re.sub(rb"v2:[0-9a-f]{64}", old.encode(), xml))
    source.write_text(MINIMAL.replace("6次", "7次"), encoding="utf-8")
    code, output = run(["build", str(source)])
    assert code == 0 and "已生成" in output


def test_a_zip_bomb_at_the_output_is_judged_quickly(write_yaml):
    source = write_yaml(MINIMAL)
    bomb = source.with_suffix(".docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("docProps/custom.xml", b"<x/>")
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(1024):  # 1 GiB that deflates to about 1 MB
                part.write(chunk)
    bomb.write_bytes(buffer.getvalue())
    started = time.monotonic()
    code, output = run(["build", str(source)])
    assert time.monotonic() - started < 5
    assert code == 1 and "不是由 gongwen 生成" in output


# ---------------------------------------------------------------- all outputs together or none


def test_a_failing_second_format_leaves_the_first_untouched(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    assert run(["build", str(source), "--to", "docx", "--to", "txt"])[0] == 0
    docx = source.with_suffix(".docx")
    before = digest(docx)
    txt = source.with_suffix(".txt")
    txt.unlink()
    txt.mkdir()  # the second output cannot be written
    source.write_text(MINIMAL.replace("6次", "7次"), encoding="utf-8")
    code, output = run(["build", str(source), "--to", "docx", "--to", "txt"])
    assert code == 1 and "文件夹" in output
    assert digest(docx) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".gongwen-")]


def test_a_failed_rename_puts_the_first_output_back(tmp_path, write_yaml, monkeypatch):
    """A commit that fails half way (here: the second rename) restores what it replaced."""
    from gongwen.output import files as output_module

    source = write_yaml(MINIMAL)
    assert run(["build", str(source), "--to", "docx", "--to", "txt"])[0] == 0
    before = {p.name: digest(p) for p in tmp_path.iterdir() if p.suffix in (".docx", ".txt")}
    source.write_text(MINIMAL.replace("6次", "7次"), encoding="utf-8")
    real_replace, calls = os.replace, []

    def failing_second_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(output_module.os, "replace", failing_second_replace)
    code, output = run(["build", str(source), "--to", "docx", "--to", "txt"])
    monkeypatch.undo()
    assert code == 1 and "磁盘空间不足" in output and "其他输出也保持原样" in output
    assert {p.name: digest(p) for p in tmp_path.iterdir() if p.suffix in (".docx", ".txt")} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".gongwen-")]


# ---------------------------------------------------------------- names, modes, leftovers


def test_a_245_byte_name_builds_and_a_300_byte_one_gets_a_chinese_message(tmp_path):
    stem = "总" * 80  # 240 bytes; with .yaml 245 and with .docx 245
    source = tmp_path / f"{stem}.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    code, output = run(["build", str(source)])
    assert code == 0, output
    assert (tmp_path / f"{stem}.docx").is_file()
    code, output = run(["build", str(source), "-o", str(tmp_path / ("长" * 100 + ".docx"))])
    assert code == 1 and "文件名或路径过长" in output and "File name too long" not in output


def test_new_outputs_follow_the_umask_and_replaced_ones_keep_their_mode(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    result = subprocess.run(
        ["sh", "-c", f'umask 027 && exec "{GONGWEN}" build "{source}"'], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    target = source.with_suffix(".docx")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    target.chmod(0o604)
    source.write_text(MINIMAL.replace("6次", "7次"), encoding="utf-8")
    assert run(["build", str(source)])[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


def test_a_read_only_output_needs_force(write_yaml):
    source = write_yaml(MINIMAL)
    assert run(["build", str(source)])[0] == 0
    target = source.with_suffix(".docx")
    target.chmod(0o444)
    before = digest(target)
    source.write_text(MINIMAL.replace("6次", "7次"), encoding="utf-8")
    code, output = run(["build", str(source)])
    assert code == 1 and "只读" in output and "--force" in output
    assert digest(target) == before
    assert run(["build", str(source), "--force"])[0] == 0
    assert digest(target) != before and stat.S_IMODE(target.stat().st_mode) == 0o444
    code, output = run(["build", str(source)])  # read-only but up to date: nothing to refuse
    assert code == 0 and "未变化" in output


def test_temporary_files_of_killed_builds_are_cleaned_up(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    old = time.time() - STALE_SECONDS - 60
    orphan = tmp_path / ".gongwen-999999999-deadbeef.tmp"  # no such process
    legacy = tmp_path / ".data.docx.abcd1234.tmp"  # gongwen 0.1's name
    fresh = tmp_path / ".gongwen-999999999-cafebabe.tmp"
    running = tmp_path / f".gongwen-{os.getpid()}-0badf00d.tmp"  # a live build's
    for path in (orphan, legacy, fresh, running):
        path.write_bytes(b"partial")
    for path in (orphan, legacy, running):
        os.utime(path, (old, old))
    notes = tmp_path / ".notes.txt.backup01.tmp"  # not gongwen's, whatever it looks like
    other = tmp_path / ".报告.docx.a1b2c3d4.tmp"  # 0.1's pattern, but for another output
    for path in (notes, other):
        path.write_bytes(b"a clerk's")
        os.utime(path, (old, old))
    assert run(["build", str(source)])[0] == 0
    assert not orphan.exists() and not legacy.exists()
    assert fresh.exists() and running.exists() and notes.exists() and other.exists()


def test_leftovers_are_cleaned_even_when_everything_is_up_to_date(write_yaml, tmp_path):
    source = write_yaml(MINIMAL)
    assert run(["build", str(source)])[0] == 0
    orphan = tmp_path / ".gongwen-999999999-deadbeef.tmp"
    orphan.write_bytes(b"partial")
    old = time.time() - STALE_SECONDS - 60
    os.utime(orphan, (old, old))
    code, output = run(["build", str(source)])
    assert code == 0 and "未变化" in output and not orphan.exists()


# ---------------------------------------------------------------- up-to-date detection


def test_x_yaml_and_x_yml_in_one_folder_clash(tmp_path):
    (tmp_path / "x.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "x.yml").write_text(MINIMAL.replace("6次", "7次"), encoding="utf-8")
    code, output = run(["build", str(tmp_path)])
    assert code == 1 and "会互相覆盖" in output
    assert not list(tmp_path.glob("*.docx"))


def test_source_date_epoch_is_part_of_the_digest(write_yaml, monkeypatch):
    source = write_yaml(MINIMAL)
    assert run(["build", str(source)])[0] == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    code, output = run(["build", str(source)])
    assert code == 0 and output.startswith("已生成")
    assert run(["build", str(source)])[1].startswith("未变化")


def test_a_folder_input_always_writes_into_a_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "only.YAML").write_text(MINIMAL, encoding="utf-8")  # Windows upper-case suffix
    out = tmp_path / "out"
    code, output = run(["build", str(data), "-o", str(out)])
    assert code == 0, output
    assert out.is_dir() and (out / "only.docx").is_file()


# ---------------------------------------------------------------- consoles and signals


def test_a_gbk_console_prints_an_emoji_path_instead_of_crashing(tmp_path):
    folder = tmp_path / "总结🎉 2021"
    folder.mkdir()
    source = folder / "数据.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    result = subprocess.run(
        [str(GONGWEN), "build", str(source)],
        capture_output=True,
        env=dict(os.environ, PYTHONIOENCODING="gbk"),
    )
    assert result.returncode == 0, result.stderr
    assert "已生成".encode("gbk") in result.stdout and b"Traceback" not in result.stderr
    broken = folder / "坏.yaml"
    broken.write_text("年度: 二〇二一\n", encoding="utf-8")
    result = subprocess.run(
        [str(GONGWEN), "check", str(broken), "--format", "json"],
        capture_output=True,
        env=dict(os.environ, PYTHONIOENCODING="gbk"),
    )
    import json

    rows = json.loads(result.stdout.decode("gbk"))
    assert result.returncode == 1 and rows and all("🎉" in row["file"] for row in rows)


def test_jobs_zero_is_a_chinese_usage_error(write_yaml):
    code, output = run(["build", str(write_yaml(MINIMAL)), "-j", "0"])
    assert code == 2 and "不在允许的范围内" in output and "is not in the range" not in output


@pytest.mark.slow
def test_ctrl_c_in_a_parallel_batch_prints_one_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for i in range(300):
        (data / f"u{i:03d}.yaml").write_text(MINIMAL.replace("6次", f"{i + 1}次"), encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [str(GONGWEN), "build", str(data), "-o", f"{out}/", "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.docx"))) < 4:  # the workers are busy
        time.sleep(0.05)
    assert process.poll() is None, "the batch ended before it could be interrupted"
    process.send_signal(2)
    _, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert "已中止" in stderr and process.returncode == 1


# ---------------------------------------------------------------- PDF


def test_pdf_stamp_round_trip_keeps_the_pdf_valid():
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n9\n%%EOF\n"
    stamped = stamp.stamp_pdf(pdf, "0" * 32)
    assert stamped.endswith(b"%%EOF\n") and stamped.startswith(pdf[:-6])
    assert stamp.pdf_stamp(stamped).edited is False and stamp.pdf_stamp(stamped).source == "0" * 32
    assert stamp.pdf_stamp(pdf) is None
    assert stamp.pdf_stamp(stamped.replace(b"obj<<>>", b"obj<<1>>")).edited is True


@pytest.mark.render
def test_pdf_is_protected_and_committed_with_the_docx(tmp_path, write_yaml):
    soffice = require_soffice()
    source = write_yaml(MINIMAL)
    signed = source.with_suffix(".pdf")
    signed.write_bytes(b"%PDF-1.4 a scanned, signed original\n%%EOF\n")
    code, output = run(["build", str(source), "--pdf", "--soffice", soffice])
    assert code == 1 and "不是由 gongwen 生成的 PDF" in output
    assert signed.read_bytes().startswith(b"%PDF-1.4 a scanned") and not source.with_suffix(".docx").exists()
    signed.unlink()
    code, output = run(["build", str(source), "--pdf", "--soffice", soffice])
    assert code == 0 and output.count("已生成") == 2, output
    assert stamp.pdf_stamp(signed.read_bytes()).edited is False
    code, output = run(["build", str(source), "--pdf", "--soffice", soffice])
    assert code == 0 and output.count("未变化") == 2
    before = digest(source.with_suffix(".docx"))
    source.write_text(MINIMAL.replace("6次", "7次"), encoding="utf-8")
    code, output = run(["build", str(source), "--pdf", "--soffice", "/nonexistent/soffice"])
    assert code == 1 and digest(source.with_suffix(".docx")) == before


# ---------------------------------------------------------------- a defect never hides the batch


def test_a_gongwen_defect_in_one_input_still_builds_the_others(tmp_path, monkeypatch):
    """Not a user error: gongwen's own bug. The batch goes on and says what to report."""
    from gongwen.output import build as pipeline

    data = tmp_path / "data"
    data.mkdir()
    for name in ("a", "b", "c"):
        (data / f"{name}.yaml").write_text(MINIMAL.replace("6次", f"{len(name) + 5}次"), encoding="utf-8")
    (data / "b.yaml").write_text(MINIMAL.replace("新城街道办事处", "触发缺陷办事处"), encoding="utf-8")
    real_compose = pipeline.compose

    def buggy_compose(document, template=None):
        if document.issuer.startswith("触发缺陷"):
            raise RuntimeError("simulated defect")
        return real_compose(document, template)

    monkeypatch.setattr(pipeline, "compose", buggy_compose)
    code, output = run(["build", str(data), "-o", f"{tmp_path / 'out'}/", "-j", "1"])
    assert code == 1
    assert "b.yaml: 内部错误" in output and "RuntimeError" in output and "Traceback" not in output
    assert output.rstrip().endswith("完成：生成 2 个，跳过 0 个，失败 1 个。")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.docx", "c.docx"]


def test_an_input_name_over_255_bytes_gets_a_chinese_message(tmp_path):
    source = tmp_path / ("数" * 90 + ".yaml")  # 275 bytes
    for command in (["build", str(source)], ["check", str(source)]):
        code, output = run(command)
        assert code == 1 and "文件名或路径过长" in output and "Traceback" not in output, output


def test_check_runs_the_wording_too(write_yaml, monkeypatch):
    """check composes the document as build does, so a wording failure is reported, not missed."""
    from gongwen.output import check as checking
    from gongwen.errors import TemplateError

    def failing_compose(document, template=None):
        raise TemplateError("zongjie.j2", 3, "模拟的措辞错误")

    monkeypatch.setattr(checking, "compose", failing_compose)
    code, output = run(["check", str(write_yaml(MINIMAL))])
    assert code == 1 and "zongjie.j2:3: 模板错误: 模拟的措辞错误" in output and "GW020" not in output.split(":")[0]


def _lying_zip(path: Path, real_bytes: int) -> None:
    """A part that declares 10 bytes but inflates to ``real_bytes``, its CRC that of the first
    10, so zipfile does not stop early: read whole, it inflated up to 2 GiB at once."""
    import binascii
    import struct

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("docProps/custom.xml", b"<x/>")
        with package.open("word/document.xml", "w", force_zip64=False) as part:
            for _ in range(real_bytes // (1 << 20)):  # streamed: the test itself stays small
                part.write(b"\0" * (1 << 20))
    data = bytearray(buffer.getvalue())
    crc = binascii.crc32(b"\0" * 10)
    for signature, crc_at, size_at in ((b"PK\x03\x04", 14, 22), (b"PK\x01\x02", 16, 24)):
        start = data.rfind(signature)  # the last entry is word/document.xml in both tables
        struct.pack_into("<I", data, start + crc_at, crc)
        struct.pack_into("<I", data, start + size_at, 10)
    path.write_bytes(bytes(data))


def test_a_part_lying_about_its_size_is_read_in_small_chunks(write_yaml):
    import resource

    source = write_yaml(MINIMAL)
    _lying_zip(source.with_suffix(".docx"), 400 * 1024 * 1024)
    started = time.monotonic()
    result = _cli("build", str(source))
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert result.returncode == 1 and "不是由 gongwen 生成" in result.stderr
    assert time.monotonic() - started < 5 and peak_kb < 300 * 1024, peak_kb


def test_a_custom_property_added_in_word_is_an_edit(write_yaml):
    source = write_yaml(MINIMAL)
    assert run(["build", str(source)])[0] == 0
    target = source.with_suffix(".docx")

    def add_property(xml: bytes) -> bytes:
        extra = (
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="9" name="审核人">'
            "<vt:lpwstr>李四</vt:lpwstr></property></Properties>"
        )
        return xml.replace(b"</Properties>", extra.encode())

    _rewrite_part(target, "docProps/custom.xml", add_property)
    edited = digest(target)
    source.write_text(MINIMAL.replace("6次", "7次"), encoding="utf-8")
    code, output = run(["build", str(source)])
    assert code == 1 and "在 Word/WPS 中修改并保存过" in output
    assert digest(target) == edited


# ---------------------------------------------------------------- what the arguments name


def test_a_file_named_like_a_pattern_is_that_file(tmp_path):
    (tmp_path / "报告[1].yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "报告1.yaml").write_text(MINIMAL.replace("6次", "9次"), encoding="utf-8")
    code, output = run(["build", str(tmp_path / "报告[1].yaml"), "-o", str(tmp_path / "out.docx")])
    assert code == 0, output
    import docx as python_docx

    assert any("6次" in p.text for p in python_docx.Document(tmp_path / "out.docx").paragraphs)


def test_a_recursive_pattern_does_not_follow_symlink_loops(tmp_path):
    data = tmp_path / "d"
    data.mkdir()
    (data / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    for name, target in (("l1", ".."), ("l2", ".."), ("l3", ".")):
        (data / name).symlink_to(target)
    for command in (["build", f"{data}/**/*.yaml", "-o", f"{tmp_path / 'out'}/"], ["check", f"{data}/**/*.yaml"]):
        result = _cli(*command, timeout=30)
        assert result.returncode == 0, result.stdout + result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.docx"]


@pytest.mark.parametrize("args", [["build", ""], ["check", ""], ["build", "x.yaml", "-o", ""], ["init", ""]])
def test_an_empty_argument_is_a_usage_error(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.yaml").write_text(MINIMAL, encoding="utf-8")
    code, output = run(args)
    assert code == 2 and "是空的" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.yaml"]


@pytest.mark.render
def test_ctrl_c_while_libreoffice_runs_leaves_nothing_behind(tmp_path, write_yaml):
    soffice = require_soffice()
    source = write_yaml(MINIMAL)
    assert run(["build", str(source), "--to", "docx", "--to", "txt", "--pdf", "--soffice", soffice])[0] == 0
    before = {p.name: digest(p) for p in tmp_path.iterdir() if p.is_file()}
    source.write_text(MINIMAL.replace("6次", "7次"), encoding="utf-8")
    before[source.name] = digest(source)
    process = subprocess.Popen(
        [str(GONGWEN), "build", str(source), "--to", "docx", "--to", "txt", "--pdf", "--soffice", soffice],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    ours: set[int] = set()
    while time.monotonic() < deadline and not ours:
        ours = _libreoffice_pids(process.pid)
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before LibreOffice could be interrupted"
    process.send_signal(2)
    _, stderr = process.communicate(timeout=60)
    assert "已中止" in stderr and "Traceback" not in stderr
    time.sleep(0.5)
    assert not ours & _libreoffice_pids(), "the LibreOffice this build started outlived it"
    assert {p.name: digest(p) for p in tmp_path.iterdir() if p.is_file()} == before


def _libreoffice_pids(root: int | None = None) -> set[int]:
    """LibreOffice processes that gongwen started, and when ``root`` is given those that
    descend from that process: other test runs on a shared machine start theirs too."""
    pids = set()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"gongwen-pdf-" in cmdline.read_bytes() and (root is None or _descends(int(cmdline.parent.name), root)):
                pids.add(int(cmdline.parent.name))
        except (OSError, ValueError):
            continue
    return pids


def _libreoffice_running(root: int | None = None) -> bool:
    return bool(_libreoffice_pids(root))


def _descends(pid: int, root: int) -> bool:
    for _ in range(64):  # bounded: a parent chain is a few processes long
        if pid == root:
            return True
        if pid <= 1:
            return False
        stat = Path(f"/proc/{pid}/stat").read_text()
        pid = int(stat.rsplit(")", 1)[1].split()[1])  # the field after the state is the parent
    return False


def test_check_covers_the_pdf(write_yaml):
    source = write_yaml(MINIMAL)
    assert run(["build", str(source)])[0] == 0
    code, output = run(["build", str(source), "--pdf", "--check"])
    assert code == 1 and f"需要重新生成：{source.with_suffix('.pdf')}（缺失）" in output
    source.with_suffix(".pdf").write_bytes(b"%PDF-1.4 scanned\n%%EOF\n")
    code, output = run(["build", str(source), "--pdf", "--check"])
    assert code == 1 and "无法重新生成：" in output and "不是由 gongwen 生成的 PDF" in output
    assert source.with_suffix(".pdf").read_bytes() == b"%PDF-1.4 scanned\n%%EOF\n"


def test_an_output_that_is_another_input_through_a_symlink_is_refused(tmp_path):
    (tmp_path / "p.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "p.txt").write_text(MINIMAL.replace("6次", "8次"), encoding="utf-8")
    (tmp_path / "q.yaml").symlink_to("p.txt")  # q's data is p.txt, which p's preview would replace
    code, output = run(["build", str(tmp_path / "p.yaml"), str(tmp_path / "q.yaml"), "--to", "txt", "--force"])
    assert code == 1 and "是同一个文件" in output
    assert "8次" in (tmp_path / "p.txt").read_text(encoding="utf-8")


def test_soffice_given_as_a_relative_path_is_that_program(tmp_path, write_yaml, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 本地的假 soffice >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    code, output = run(["build", str(write_yaml(MINIMAL)), "--pdf", "--soffice", "./soffice"])
    assert code == 1 and "退出码 3" in output and "本地的假 soffice" in output


def test_a_template_include_is_never_an_output(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    (tmp_path / "t.j2").write_text('【标题】{{ 标题 }}\n{% include "part.md" %}\n', encoding="utf-8")
    (tmp_path / "part.md").write_text("【正文】共用的一段。\n", encoding="utf-8")
    args = ["build", str(source), "--template", str(tmp_path / "t.j2"), "-o", str(tmp_path / "part.docx")]
    code, output = run(args + ["--to", "md", "--force"])
    assert code == 1 and "是同一个文件" in output
    assert (tmp_path / "part.md").read_text(encoding="utf-8") == "【正文】共用的一段。\n"
    assert run(args + ["--to", "docx"])[0] == 0  # the same template, an output of another name
