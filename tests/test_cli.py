"""The command line through click's CliRunner: exit codes, Chinese messages with line numbers."""

from __future__ import annotations

import re

import docx
import pytest

from conftest import MINIMAL, SEED_EXAMPLE, run_cli


run = run_cli


def test_build_writes_docx_beside_the_yaml(tmp_path):
    source = tmp_path / "总结.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    code, output = run(["build", str(source)])
    assert code == 0
    target = tmp_path / "总结.docx"
    assert output.strip() == f"已生成：{target}"
    assert "全年召开工作会议6次。" in [p.text for p in docx.Document(target).paragraphs]


def test_build_honours_output_option(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    target = tmp_path / "out" / "a.docx"
    code, _ = run(["build", str(source), "-o", str(target)])
    assert code == 0 and target.is_file()


def test_version_and_help_in_chinese():
    code, output = run(["--version"])
    assert code == 0 and re.match(r"gongwen \S+（GB/T 9704 公文生成工具，项目 gongwen", output)
    code, output = run(["--help"])
    assert code == 0 and "示例" in output and "gongwen build" in output
    code, output = run(["build", "--help"])
    assert code == 0 and "由 YAML 数据文件生成公文" in output and "示例" in output


@pytest.mark.parametrize(
    "args, fragment",
    [
        ([], "gongwen"),
        (["build"], "缺少参数"),
        (["build", "a.yaml", "--nope"], "没有这个选项"),
        (["build", "a.yaml", "--grid", "bad"], "值无效"),
        (["publish"], "没有这个命令"),
    ],
)
def test_usage_errors_exit_2(args, fragment):
    code, output = run(args)
    if args:
        assert code == 2 and fragment in output and "用法错误" in output
    else:
        assert code in (0, 2) and fragment in output


def test_missing_file_exits_1(tmp_path):
    code, output = run(["build", str(tmp_path / "none.yaml")])
    assert code == 1 and "文件不存在" in output


def test_yaml_syntax_error_names_line_and_column(write_yaml):
    source = write_yaml("发文机关: 新城街道办事处\n年度: 2021\n正文:\n  - 标题: 甲\n   段落: [乙\n")
    code, output = run(["build", str(source)])
    assert code == 1
    assert re.search(rf"{re.escape(str(source))}:\d+:\d+: YAML 格式错误", output), output
    assert "Traceback" not in output


BROKEN = """\
发文机关: 新城街道办事处
年度: 二〇二一
成文日期: 2021-12-02
指标:
  工作会议: 6次
正文:
  - 标题: 加强领导
    段落:
      - 召开会议{{ 工作会意 }}。
    要点:
      - 内容: 第一
        小题目: 错
"""


def test_all_problems_reported_in_one_run_with_lines(write_yaml):
    source = write_yaml(BROKEN)
    code, output = run(["build", str(source)])
    assert code == 1
    lines = output.strip().splitlines()
    name = re.escape(str(source))
    assert re.match(rf"{name}:1:1: 事由: 缺少必填项“事由”", lines[0])  # missing field
    assert re.match(rf"{name}:2:5: 年度: 年度“二〇二一”看不懂：请写成年份或期间", lines[1])  # wrong type
    assert re.match(rf"{name}:9:9: 正文第1项.段落第1项: 引用了未定义的指标“工作会意”.*“工作会议”", lines[2])
    assert re.match(rf"{name}:12:9: 正文第1项.要点第1项.小题目: 未知的键“小题目”。您是不是想写“小标题”", lines[3])
    assert lines[-1] == "共发现 4 处问题，请修改后重新运行。"
    assert not (source.parent / "data.docx").exists()


def test_failed_build_leaves_previous_output_untouched(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    target = tmp_path / "data.docx"
    assert run(["build", str(source)])[0] == 0
    before = target.read_bytes()
    source.write_text(MINIMAL.replace("{{ 工作会议 }}", "{{ 不存在 }}"), encoding="utf-8")
    code, output = run(["build", str(source)])
    assert code == 1 and "不存在" in output
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_custom_template(tmp_path, write_yaml):
    template = tmp_path / "mine.j2"
    template.write_text(
        "【标题】{{ 标题 }}\n【正文】本单位{{ 年度 }}年共有{{ 正文|length }}项工作。\n", encoding="utf-8"
    )
    source = write_yaml(MINIMAL)
    code, _ = run(["build", str(source), "--template", str(template)])
    assert code == 0
    texts = [p.text for p in docx.Document(source.with_suffix(".docx")).paragraphs if p.text]
    assert texts == ["新城街道办事处2021年四城同创工作总结", "本单位2021年共有1项工作。"]


def test_template_error_names_template_and_line(tmp_path, write_yaml):
    template = tmp_path / "bad.j2"
    template.write_text("【标题】{{ 标题 }}\n【正文】{{ 没有这个 }}\n", encoding="utf-8")
    code, output = run(["build", str(write_yaml(MINIMAL)), "--template", str(template)])
    assert code == 1 and f"{template}:2: 模板错误" in output
    template.write_text("【标题】{% if %}\n", encoding="utf-8")
    code, output = run(["build", str(write_yaml(MINIMAL)), "--template", str(template)])
    assert code == 1 and f"{template}:1: 模板错误: 语法错误" in output


def test_seed_example_builds(tmp_path):
    code, _ = run(["build", str(SEED_EXAMPLE), "-o", str(tmp_path / "seed.docx")])
    assert code == 0


def test_unwritable_output_gets_a_clear_message_and_nothing_else_changes(tmp_path, write_yaml):
    source = write_yaml(MINIMAL)
    blocker = tmp_path / "报告"
    blocker.write_text("一个同名的文件", encoding="utf-8")
    code, output = run(["build", str(source), "-o", str(blocker / "out.docx")])
    assert code == 1 and f"{blocker / 'out.docx'}: 无法写入" in output and "Traceback" not in output
    assert blocker.read_text(encoding="utf-8") == "一个同名的文件"
    occupied = tmp_path / "草稿"
    (occupied / "data.docx").mkdir(parents=True)  # a folder where the .docx should go
    code, output = run(["build", str(source), "-o", f"{occupied}/"])
    assert code == 1 and f"{occupied / 'data.docx'}: 无法写入" in output and "Traceback" not in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.yaml", "报告", "草稿"]
    assert [p.name for p in occupied.iterdir()] == ["data.docx"]
