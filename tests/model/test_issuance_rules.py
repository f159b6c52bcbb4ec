"""What each 文种 requires and forbids, placeholders refused by build unless --draft."""

from __future__ import annotations

import zipfile

import docx
import pytest

from conftest import FIXTURES, MINIMAL, run_cli

from gongwen.output.stamp import read_stamp


run = run_cli


REQUEST = """\
文种: 请示
发文机关: 新城街道办事处
年度: 2022
事由: 拨付资金
成文日期: 2022-03-15
主送机关: [区人民政府, 区财政局]
出席: 张三
导语: 恳请拨付配套资金。
"""


def test_request_rules_each_at_its_line(write_yaml):
    source = write_yaml(REQUEST)
    code, output = run(["build", str(source)])
    assert code == 1
    name = str(source)
    assert f"{name}:1:1: 发文字号: 缺少“发文字号”：请示应有发文字号" in output
    assert f"{name}:1:1: 签发人: 缺少“签发人”：请示是上行文，应写签发人" in output
    assert f"{name}:6:1: 主送机关: 请示只能主送一个机关" in output
    assert f"{name}:7:1: 出席: 请示不应有“出席”" in output
    assert not source.with_suffix(".docx").exists()


@pytest.mark.parametrize(
    "extra, field, words",
    [
        ("发文字号: 新办〔2021〕3号", "发文字号", "总结不是法定公文文种"),
        ("主送机关: 市指挥部", "主送机关", "总结没有主送机关"),
        ("密级: 机密", "密级", "涉密公文应标注份号"),
        ("份号: 12", "份号", "总结不是法定公文文种"),
    ],
)
def test_summary_refuses_masthead_fields(write_yaml, extra, field, words):
    source = write_yaml(MINIMAL + extra + "\n")
    code, output = run(["build", str(source)])
    assert code == 1 and f": {field}: " in output and words in output


def test_doc_number_is_normalised(write_yaml, tmp_path):
    text = REQUEST.replace("主送机关: [区人民政府, 区财政局]", "主送机关: 区人民政府").replace("出席: 张三\n", "")
    source = write_yaml(text + "发文字号: 新办[2022]012号\n签发人: 张明\n")
    code, output = run(["build", str(source), "--to", "txt"])
    assert code == 0, output
    preview = source.with_suffix(".txt").read_text(encoding="utf-8")
    assert "新办〔2022〕12号" in preview and "签发人：张明" in preview
    assert "以上请示当否，请批示。" in preview
    assert "新城街道办事处关于拨付资金的请示" in preview


def test_placeholders_refuse_the_build_and_draft_marks_it(tmp_path):
    source = tmp_path / "asfound.yaml"
    source.write_text((FIXTURES / "seed-as-found.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, output = run(["build", str(source)])
    assert code == 1 and "未填写的占位符" in output and "--draft" in output
    assert not source.with_suffix(".docx").exists()
    code, output = run(["build", str(source), "--draft"])
    assert code == 0 and "已生成" in output
    target = source.with_suffix(".docx")
    header = docx.Document(target).sections[0].header.paragraphs[0].text
    assert header.startswith("草稿")
    assert read_stamp(target).properties["gongwen.draft"] == "true"
    with zipfile.ZipFile(target) as package:
        assert "草稿" in package.read("word/header1.xml").decode("utf-8") or any(
            "草稿" in package.read(n).decode("utf-8") for n in package.namelist() if n.startswith("word/header")
        )


def test_warnings_are_printed_but_do_not_fail(write_yaml):
    source = write_yaml(MINIMAL.replace("  工作会议: 6次\n", "  工作会议: 6次\n  未用指标: 3个\n"))
    code, output = run(["build", str(source)])
    assert code == 0
    assert "警告: 指标.未用指标" in output and "已生成" in output


def test_several_signers_two_names_a_line_with_the_number_on_the_last(tmp_path):
    from conftest import EXAMPLES

    text = (EXAMPLES / "2021-sicheng-tongchuang-baogao.yaml").read_text(encoding="utf-8")
    source = tmp_path / "signers.yaml"
    source.write_text(text.replace("签发人: 张明", "签发人: [张明, 李华, 王刚]"), encoding="utf-8")
    code, output = run(["build", str(source)])
    assert code == 0, output
    paragraphs = [p.text for p in docx.Document(source.with_suffix(".docx")).paragraphs]
    first = paragraphs.index("\t签发人：张明\u3000李华")
    assert paragraphs[first + 1] == "新办〔2021〕36号\t王刚"
