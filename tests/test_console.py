"""A clerk's console is often not UTF-8: Windows' GBK (code page 936), a redirected output, a
misconfigured locale. The real ``gongwen`` command runs in a subprocess with such a stdout and
stderr, on paths with Chinese characters, spaces and an emoji (which GBK cannot encode): every
command prints its Chinese messages readably, replaces what it cannot show, and never crashes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL

GONGWEN = Path(sys.executable).with_name("gongwen")
EMOJI = "🎉"
# gbk:strict is the strictest GBK console (plain gbk is strict on stdout only); ascii is a
# misconfigured locale. Plain gbk runs in the check test.
ENCODINGS = ["gbk:strict", "ascii"]


def run(args: list[str], cwd: Path, encoding: str) -> tuple[int, str, str]:
    """Run ``gongwen`` with ``PYTHONIOENCODING=encoding``; stdout and stderr decoded strictly
    as that console would (click writes UTF-8 to a stream that claims ASCII)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "PYTHONIOENCODING")}
    env["PYTHONIOENCODING"] = encoding
    done = subprocess.run([str(GONGWEN), *args], cwd=cwd, env=env, capture_output=True, timeout=300)
    codec = "utf-8" if encoding.startswith("ascii") else encoding.split(":")[0]
    out, err = done.stdout.decode(codec), done.stderr.decode(codec)  # strict: must decode
    assert "Traceback" not in err and "UnicodeEncodeError" not in err, err
    return done.returncode, out, err


def shown(text: str, encoding: str) -> str:
    """``text`` as the console shows it: what the encoding cannot hold becomes "?"."""
    if encoding.startswith("ascii"):
        return text
    return text.encode(encoding.split(":")[0], errors="replace").decode(encoding.split(":")[0])


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder with spaces, Chinese and an emoji in its name, holding a good and a bad data file."""
    here = tmp_path / f"公文 数据 {EMOJI}"
    here.mkdir()
    (here / f"好 {EMOJI}.yaml").write_text(MINIMAL, encoding="utf-8")
    (here / f"数据 {EMOJI}.yaml").write_text("发文机关: 新城街道办事处\n年度: 2021\n", encoding="utf-8")
    return here


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_help_and_version(folder, encoding):
    code, out, _ = run(["--help"], folder, encoding)
    assert code == 0 and "用法：gongwen [选项] 命令" in out and "示例" in out
    code, out, _ = run(["build", "--help"], folder, encoding)
    assert code == 0 and "由 YAML 数据文件生成公文" in out
    code, out, _ = run(["--version"], folder, encoding)
    assert code == 0 and "（GB/T 9704 公文生成工具，项目 gongwen" in out and "安装位置：" in out


@pytest.mark.parametrize("encoding", ["gbk", *ENCODINGS])
def test_check_reports_a_bad_file_with_an_emoji_in_its_path(folder, encoding):
    bad = f"数据 {EMOJI}.yaml"
    code, out, _ = run(["check", bad], folder, encoding)
    assert code == 1
    assert f"{shown(bad, encoding)}:1:1: 事由: 缺少必填项“事由”。" in out
    assert out.splitlines()[-1] == "检查完毕：2 个错误，0 个警告。"
    code, out, _ = run(["check", f"好 {EMOJI}.yaml", "--strict"], folder, encoding)
    assert code == 0


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_check_json_keeps_the_exact_path(folder, encoding):
    """JSON for CI is escaped to ASCII on a non-UTF-8 stdout, so even the emoji survives."""
    code, out, _ = run(["check", str(folder / f"数据 {EMOJI}.yaml"), "--format", "json"], folder, encoding)
    assert code == 1
    problems = json.loads(out)
    assert {p["file"] for p in problems} == {str(folder / f"数据 {EMOJI}.yaml")}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_build_into_chinese_paths_with_spaces(folder, encoding):
    target = folder / f"输出 目录 {EMOJI}" / f"总结 文件 {EMOJI}.docx"
    code, out, err = run(["build", f"好 {EMOJI}.yaml", "-o", str(target)], folder, encoding)
    assert code == 0, err
    assert target.is_file() and out.strip() == f"已生成：{shown(str(target), encoding)}"
    code, out, _ = run(["build", f"好 {EMOJI}.yaml", "-o", str(target)], folder, encoding)
    assert code == 0 and out.startswith("未变化，已跳过：")


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_build_errors_and_a_batch(folder, encoding):
    bad = f"数据 {EMOJI}.yaml"
    code, _, err = run(["build", bad], folder, encoding)
    assert code == 1
    assert f"{shown(bad, encoding)}:1:1: 成文日期: 缺少必填项“成文日期”。" in err
    assert err.splitlines()[-1] == "共发现 2 处问题，请修改后重新运行。"
    code, out, err = run(["build", ".", "-o", f"草稿 {EMOJI}/", "-j", "2"], folder, encoding)
    assert code == 1 and "完成：生成 1 个，跳过 0 个，失败 1 个。" in out
    assert (folder / f"草稿 {EMOJI}" / f"好 {EMOJI}.docx").is_file()


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_usage_and_output_errors(folder, encoding):
    code, _, err = run(["build", f"好 {EMOJI}.yaml", "--to", EMOJI], folder, encoding)
    assert code == 2 and "用法错误：选项 --to 的值无效" in err and "运行“gongwen build --help”查看用法。" in err
    code, _, err = run(["build", f"缺 {EMOJI}.yaml"], folder, encoding)
    assert code == 1 and f"{shown('缺 ' + EMOJI, encoding)}.yaml: 文件不存在" in err
    blocked = folder / f"好 {EMOJI}.yaml" / "x.docx"  # a file where a folder should be
    code, _, err = run(["build", f"好 {EMOJI}.yaml", "-o", str(blocked)], folder, encoding)
    assert code == 1 and "无法写入" in err


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_init_and_fonts(folder, encoding):
    name = f"新 文件 {EMOJI}.yaml"
    code, out, _ = run(["init", name], folder, encoding)
    assert code == 0 and out.startswith(f"已生成数据文件：{shown(name, encoding)}") and (folder / name).is_file()
    code, out, err = run(["init", name], folder, encoding)
    assert code == 1 and "文件已存在，为免覆盖，未写入。" in err
    code, out, _ = run(["check", name], folder, encoding)
    assert code == 0 and out.strip() == "检查通过，未发现问题。"
    code, out, _ = run(["fonts"], folder, encoding)
    assert code in (0, 1) and "字体" in out


def test_utf8_console_keeps_every_character(folder):
    code, out, _ = run(["check", f"数据 {EMOJI}.yaml"], folder, "utf-8")
    assert code == 1 and f"数据 {EMOJI}.yaml:1:1: 事由" in out


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8(folder):
    """On Linux a name can hold any bytes; Python hands them over as lone surrogates, which no
    encoding can print: the message shows "?" in their place."""
    name = os.fsencode(folder) + b"/\xff\xfe.yaml"
    try:
        with open(name, "wb") as handle:
            handle.write(b"\xe5\xb9\xb4\xe5\xba\xa6: 2021\n")
    except OSError:
        pytest.skip("this file system refuses non-UTF-8 names")
    for encoding in ("utf-8", "gbk"):
        code, out, _ = run(["check", os.fsdecode(name)], folder, encoding)
        assert code == 1 and "??.yaml:" in out and "缺少必填项" in out
