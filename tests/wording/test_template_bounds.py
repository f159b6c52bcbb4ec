"""A user's template is bounded: time, loop steps, output, integers, widths, ranges, files.

Each case once looped, allocated or blocked without limit (or reached lxml with characters a
.docx cannot hold); now each is a 模板错误 naming the template and line, exit code 1, fast.
"""

from __future__ import annotations

import os
import time

import pytest

from conftest import MINIMAL, run_cli

FAST = 10  # seconds; each case below takes well under one (the loop budget stops at about 0.3 s)


@pytest.fixture
def build(tmp_path):
    """Build MINIMAL with a template whose 正文 line is ``body``; returns (code, output, path)."""
    data = tmp_path / "d.yaml"
    data.write_text(MINIMAL, encoding="utf-8")

    def run(body: str, name: str = "t.j2"):
        path = tmp_path / name
        if body is not None:
            path.write_text(f"【标题】{{{{ 标题 }}}}\n【正文】{body}\n", encoding="utf-8")
        start = time.monotonic()
        code, output = run_cli(["build", str(data), "--template", str(path), "-o", str(tmp_path / "o.docx")])
        assert time.monotonic() - start < FAST, output
        assert "Traceback" not in output and (code == 0) == (tmp_path / "o.docx").exists(), output
        return code, output, path

    return run


def refused(build, body: str, fragment: str, line: int | None = 2) -> str:
    code, output, path = build(body)
    where = f"{path}:{line}" if line else f"{path}"
    assert code == 1 and f"{where}: 模板错误: " in output and fragment in output, output
    return output


@pytest.mark.parametrize(
    "body",
    [
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
        "{% for i in range(99999) %}{% for c in '0123456789abcdefghij' %}{% endfor %}{% endfor %}",
        "{% for i in range(99999) %}{% for j in range(99999) %}{{ '' }}{% endfor %}{% endfor %}",
    ],
)
def test_nested_loops_stop_at_the_step_budget(build, body):
    refused(build, body, "循环或运算次数超过")


@pytest.mark.parametrize(
    "body",
    [
        "{{ lipsum(10**8) }}",
        "{{ 'x'.center(10**10) }}",
        "{{ 'x'.ljust(10**10) }}",
        "{{ 'x'.rjust(10**10) }}",
        "{{ 'x'.zfill(10**10) }}",
        "{{ 'x\\t'.expandtabs(10**10) }}",
        "{{ 'x'|center(10**10) }}",
        "{{ 'x'|indent(10**9) }}",
        "{{ [1]|batch(10**9, 0)|list }}",
        "{{ '{:>10000000000}'.format(1) }}",
        "{{ '{:{}}'.format(1, 10**10) }}",
        "{{ '%10000000000d' % 1 }}",
        "{{ '%*d' % (10**9, 1) }}",
        "{{ '%10000000000d'|format(1) }}",
    ],
)
def test_huge_widths_are_refused(build, body):
    refused(build, body, "已拒绝")


@pytest.mark.parametrize(
    "body",
    [
        "{% set ns = namespace(n=10**100) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}{{ ns.n }}",
        "{{ 10**100 * 10 }}",
        "{{ (10**50) ** 3 }}",
        "{{ (10**60) + (10**100) * 9 }}",
    ],
)
def test_integers_past_a_googol_are_refused(build, body):
    refused(build, body, "整数超过 10 的 100 次方")


@pytest.mark.parametrize(
    "body",
    [
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}",
        "{% set ns = namespace(l=[1]) %}{% for i in range(60) %}{% set ns.l = ns.l + ns.l %}{% endfor %}",
        "{{ [1] * 10**9 }}",
        "{{ 'a' * 10**9 }}",
        "{{ ['x' * 9999] * 9999 }}",
        "{{ (['x' * 9999] * 9999)|join }}",
        "{{ ''.join(['x' * 9999] * 9999) }}",
        "{{ ('x' * 9999).replace('', 'x' * 9999) }}",
        "{{ ('x' * 9999)|replace('', 'x' * 9999) }}",
        "{{ (['x' * 9999] * 9999)|string }}",
        "{{ range(10**9)|list }}",
        "{% for i in range(600) %}{{ 'x' * 9999 }}{% endfor %}",
    ],
)
def test_unbounded_growth_is_refused(build, body):
    refused(build, body, "已拒绝")


def test_lists_cannot_be_grown_in_place(build):
    refused(build, "{% set l = [] %}{% for i in range(10**5) %}{{ l.append(l) }}{% endfor %}", "不允许")


def test_twenty_thousand_blocks_fail_fast(build):
    output = refused(build, "\n{% for i in range(20000) %}【正文】第{{ i }}段\n{% endfor %}", "块过多", line=None)
    assert "模板输出第 5001 行" in output  # the 5 001st block: 【标题】, an empty 【正文】, 4 999 more


@pytest.mark.parametrize(("body", "code"), [('{{ "\\x01" }}', "U+0001"), ('{{ "\\ud800" }}', "U+D800")])
def test_control_characters_and_surrogates_in_the_output_are_refused(build, body, code):
    output = refused(build, f"甲\n{body}", code, line=None)
    assert "模板输出第 3 行" in output


def test_ordinary_widths_and_numbers_still_work(build, tmp_path):
    code, output, _ = build("{{ '%05d'|format(42) }}{{ '{:>6}'.format('甲') }}{{ 'x'.center(20) }}{{ 9 ** 100 > 0 }}")
    assert code == 0, output


# --- template files that cannot be read -----------------------------------------------


def test_a_folder_named_like_the_template_is_refused(build, tmp_path):
    (tmp_path / "t.j2").mkdir()
    code, output, path = build(None)
    assert code == 1 and f"{path}: 模板错误: 模板文件不是普通文件" in output, output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_blocking(build, tmp_path):
    os.mkfifo(tmp_path / "t.j2")
    code, output, path = build(None)  # a blocking open would wait here for a writer forever
    assert code == 1 and "不是普通文件" in output, output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_an_included_fifo_is_refused_without_blocking(build, tmp_path):
    os.mkfifo(tmp_path / "part.j2")
    output = refused(build, "{% include 'part.j2' %}", "引用的模板“part.j2”不是普通文件")
    assert "Traceback" not in output


def test_a_template_not_in_utf8_names_its_line(build, tmp_path):
    (tmp_path / "t.j2").write_bytes("【标题】{{ 标题 }}\n【正文】中文\n".encode("gbk"))
    code, output, path = build(None)
    assert code == 1 and f"{path}:1: 模板错误: 模板文件不是 UTF-8 编码" in output, output


def test_an_included_template_not_in_utf8(build, tmp_path):
    (tmp_path / "part.j2").write_bytes("中文".encode("gbk"))
    refused(build, "{% include 'part.j2' %}", "引用的模板“part.j2”不是 UTF-8 编码")


def test_a_huge_template_is_not_read(build, tmp_path):
    with open(tmp_path / "t.j2", "wb") as file:
        file.truncate(8 * 1024**3)  # sparse: 8 GB that reading would take a minute and the memory
    code, output, path = build(None)
    assert code == 1 and f"{path}: 模板错误: 模板文件超过 1 MB" in output, output


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads any file")
def test_an_unreadable_template_says_so(build, tmp_path):
    path = tmp_path / "t.j2"
    path.write_text("【标题】x\n", encoding="utf-8")
    path.chmod(0)
    code, output, _ = build(None)
    assert code == 1 and "没有读取权限" in output, output
