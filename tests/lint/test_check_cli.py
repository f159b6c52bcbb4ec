"""``gongwen check``: every problem of a file in one run, exit codes, JSON for CI, nothing written."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, FIXTURES, MINIMAL, SEED_EXAMPLE, run_cli

from gongwen.output.check import check_file
from gongwen.cli import cli

SEED_AS_FOUND = FIXTURES / "seed-as-found.yaml"


run = run_cli


def snapshot(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_seed_as_found_lists_every_placeholder_with_line_and_column():
    code, output = run(["check", str(SEED_AS_FOUND)])
    lines = output.rstrip("\n").split("\n")
    assert code == 1
    assert lines[:-1] == [p.format() for p in check_file(SEED_AS_FOUND).problems]
    placeholders = [line for line in lines if "未填写的占位符" in line]
    assert len(placeholders) == 40
    assert all(re.match(rf"{re.escape(str(SEED_AS_FOUND))}:\d+:\d+: 正文第\d项", line) for line in placeholders)
    assert lines[-1] == "检查完毕：40 个错误，25 个警告。"  # 16 GW102, 7 GW121, 2 GW122 (no problems, no plans part)


def test_filled_example_is_clean():
    assert run(["check", str(SEED_EXAMPLE)]) == (0, "检查通过，未发现问题。\n")


def test_a_folder_of_examples_is_clean():
    assert run(["check", str(EXAMPLES)]) == (0, "检查通过，未发现问题。\n")


def test_check_writes_nothing(tmp_path):
    shutil.copy(SEED_AS_FOUND, tmp_path / "seed.yaml")
    shutil.copy(SEED_EXAMPLE, tmp_path / "good.yaml")
    before = snapshot(tmp_path)
    run(["check", str(tmp_path / "seed.yaml"), str(tmp_path / "good.yaml")])
    run(["check", "--format", "json", str(tmp_path)])
    assert snapshot(tmp_path) == before


def test_warnings_pass_unless_strict(write_yaml):
    source = write_yaml(MINIMAL.replace("全年召开", "全年,召开"))
    code, output = run(["check", str(source)])
    assert code == 0 and output.endswith("检查完毕：0 个错误，1 个警告。\n")
    assert f"{source}:10:11: 警告: 正文第1项.段落第1项: 有 1 处半角标点" in output
    code, output = run(["check", "--strict", str(source)])
    assert code == 1 and output.endswith("检查完毕：0 个错误，1 个警告。（--strict：警告也视为不通过）\n")


def test_json_format_for_ci():
    code, output = run(["check", "--format", "json", str(SEED_AS_FOUND)])
    findings = json.loads(output)
    assert code == 1 and len(findings) == 65
    assert set(findings[0]) == {"rule", "severity", "file", "line", "column", "field", "message"}
    assert {f["rule"] for f in findings} == {"GW101", "GW102", "GW121", "GW122"}
    first = next(f for f in findings if f["rule"] == "GW101")
    assert first == {
        "rule": "GW101",
        "severity": "error",
        "file": str(SEED_AS_FOUND),
        "line": 18,
        "column": 120,
        "field": "正文第1项.段落第1项",
        "message": first["message"],
    }
    assert run(["check", "--format", "json", str(SEED_EXAMPLE)]) == (0, "[]\n")


BROKEN = """\
发文机关: 新城街道办事处
年度: 2021
成文日期: 2019-12-02
标题: xx街道工作总结
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


def test_validation_and_lint_problems_together_sorted_by_line(write_yaml):
    source = write_yaml(BROKEN)
    code, output = run(["check", str(source)])
    name = re.escape(str(source))
    lines = output.strip().split("\n")
    assert code == 1
    assert re.match(rf"{name}:1:1: 事由: 缺少必填项“事由”。例如：事由: 四城同创工作", lines[0])
    assert re.match(
        rf"{name}:3:7: 成文日期: 成文日期在 2019 年，而年度是 2021 年。总结应在年度当年或次年（2021年或2022年）成文",
        lines[1],
    )
    assert re.match(rf"{name}:4:5: 标题: 未填写的占位符“xx”", lines[2])
    assert re.match(rf"{name}:6:3: 警告: 指标.工作会议: 指标“工作会议”已声明，但文中没有引用", lines[3])
    assert re.match(rf"{name}:10:9: 正文第1项.段落第1项: 引用了未定义的指标“工作会意”.*“工作会议”", lines[4])
    assert re.match(rf"{name}:13:9: 正文第1项.要点第1项.小题目: 未知的键“小题目”。您是不是想写“小标题”", lines[5])
    assert lines[6:] == ["检查完毕：5 个错误，1 个警告。"]


def test_chinese_numeral_date_gets_the_specific_message_only(write_yaml):
    source = write_yaml(MINIMAL.replace("2021-12-02", "二〇二一年十二月二日"))
    code, output = run(["check", str(source)])
    assert code == 1
    assert output == (
        f"{source}:4:7: 成文日期: 成文日期“二〇二一年十二月二日”用了汉字数字。GB/T 9704-2012 规定成文日期用阿拉伯数字，"
        "请写成 2021年12月2日。\n检查完毕：1 个错误，0 个警告。\n"
    )


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("年度: [2021\n", "data.yaml:2:1: YAML 格式错误：方括号"),  # YAML syntax
        (MINIMAL.replace("年度: 2021", "年度: 二〇二一"), "data.yaml:2:5: 年度: 年度“二〇二一”看不懂：请写成年份或期间，例如 2022"),
        (MINIMAL.replace("正文:", "正问:"), "未知的键“正问”。您是不是想写“正文”"),
        (MINIMAL.replace("段落:\n      - ", "段落: 5\n      #"), "data.yaml:9:9: 正文第1项.段落: 应为列表"),
        (MINIMAL + '结语: "控制\\x01字符"\n', "data.yaml:11:5: 结语: 文字“控制”之后含有不能写入公文的控制字符 U+0001"),
        (MINIMAL.replace("{{ 工作会议 }}", "{{ 工作会议 * 2 }}"), "不能计算、调用函数"),
        (MINIMAL.replace("6次", "100000000000000000000次"), "data.yaml:6:9: 指标.工作会议: 数值过大"),
        (MINIMAL.replace("6次", "{数值: .nan, 单位: 次}"), "data.yaml:6:14: 指标.工作会议.数值: 数值应为实际的数字"),
        (MINIMAL.replace("正文:", "正文: 5\n旧正文:"), "data.yaml:7:5: 正文: 应为列表"),
    ],
)
def test_bad_input_exits_1_with_a_located_message(write_yaml, text, fragment):
    code, output = run(["check", str(write_yaml(text))])
    assert code == 1 and fragment in output and "Traceback" not in output


def test_build_gives_the_same_specific_date_message(write_yaml, tmp_path):
    source = write_yaml(MINIMAL.replace("2021-12-02", "二〇二一年十二月二日"))
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 1 and "4:7: 成文日期: 成文日期“二〇二一年十二月二日”用了汉字数字" in result.output


def test_folder_without_data_files_is_an_error(tmp_path):
    code, output = run(["check", str(tmp_path)])
    assert code == 1 and "没有找到数据文件" in output


def test_missing_file_and_unmatched_glob(tmp_path):
    code, output = run(["check", str(tmp_path / "none.yaml")])
    assert code == 1 and "none.yaml: 文件不存在" in output
    code, output = run(["check", str(tmp_path / "*.yaml")])
    assert code == 1 and "没有匹配的文件" in output


def test_usage_errors_exit_2():
    code, output = run(["check"])
    assert code == 2 and "缺少参数" in output
    code, output = run(["check", "a.yaml", "--format", "xml"])
    assert code == 2 and "值无效" in output


def test_help_is_in_chinese_with_examples():
    code, output = run(["check", "--help"])
    assert code == 0 and "不生成任何文件" in output and "gongwen check" in output and "--strict" in output


@pytest.mark.parametrize("escape", ["\\x01", "\\v", "\\b", "\\e", "\\uFFFE", "\\ud800"])
def test_build_refuses_control_characters_with_a_line_number(write_yaml, tmp_path, escape):
    source = write_yaml(MINIMAL + f'结语: "甲{escape}乙"\n')
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "data.yaml:11:5: 结语: 文字“甲”之后含有不能写入公文的控制字符" in result.output
    assert not (tmp_path / "out.docx").exists()
