"""Statistics tables in the body: generated from metrics or written with metric references,
every cell computed from the data and read back from the .docx."""

from __future__ import annotations

import docx

from conftest import run_cli

DATA = """\
发文机关: 新城街道办事处
年度: 2021
事由: 四城同创工作
成文日期: 2021-12-02
指标:
  会议: {数值: 7, 单位: 次, 去年: 7, 说明: 工作会议}
  案件: {数值: 3, 单位: 件, 去年: 6, 说明: 办理案件}
  标牌: {数值: 32, 单位: 个, 去年: 20, 说明: 宣传标牌}
  覆盖率: {数值: 45.3, 单位: "%", 去年: 43, 说明: 宣传覆盖率}
  资金: {数值: 2.5, 单位: 亿元, 小数位: 2, 说明: 投入资金}
正文:
  - 标题: 主要指标
    段落: 全年主要指标见下表。
    指标表: [会议, 案件, 标牌, 覆盖率, 资金]
  - 标题: 宣传阵地
    段落: 阵地建设情况如下。
    表格:
      表头: [项目, 数量]
      行:
        - [宣传标牌, "{{ 标牌 }}"]
        - [工作会议, "{{ 会议 }}"]
不检查: [GW122]  # two parts, neither problems nor plans: a table test, not a whole summary
"""


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_a_metric_table_and_a_written_table_in_the_body(write_yaml, tmp_path):
    code, output = run_cli(["build", str(write_yaml(DATA)), "-o", str(tmp_path / "out.docx")])
    assert code == 0, output
    document = docx.Document(tmp_path / "out.docx")
    generated, written = document.tables
    assert cells(generated) == [
        ["序号", "指标", "单位", "上年", "本年", "增减", "同比"],
        ["1", "工作会议", "次", "7", "7", "0", "0"],
        ["2", "办理案件", "件", "6", "3", "-3", "-50%"],
        ["3", "宣传标牌", "个", "20", "32", "+12", "+60%"],
        ["4", "宣传覆盖率", "%", "43", "45.3", "+2.3个百分点", "—"],
        ["5", "投入资金", "亿元", "—", "2.50", "—", "—"],
    ]
    assert cells(written) == [["项目", "数量"], ["宣传标牌", "32个"], ["工作会议", "7次"]]
    body = [p.text for p in document.paragraphs]
    assert body.index("一、主要指标") < body.index("全年主要指标见下表。") < body.index("二、宣传阵地")
    for table in (generated, written):  # the header repeats on every page, no row splits
        flags = [[child.tag.split("}")[1] for child in row._tr.trPr] for row in table.rows]
        assert flags[0] == ["cantSplit", "tblHeader"] and all(f == ["cantSplit"] for f in flags[1:])


def test_a_metric_table_naming_an_undeclared_metric_is_located(write_yaml):
    source = write_yaml(DATA.replace("指标表: [会议, 案件, 标牌, 覆盖率, 资金]", "指标表: [会议, 会意]"))
    code, output = run_cli(["build", str(source)])
    assert code == 1 and f"{source}:14:15: 正文第1项.指标表第2项: 指标表中的指标“会意”" in output, output


def test_a_ragged_row_in_a_body_table_is_located(write_yaml):
    source = write_yaml(DATA.replace('- [工作会议, "{{ 会议 }}"]', '- [工作会议, "{{ 会议 }}", 多余]'))
    code, output = run_cli(["check", str(source), "--strict"])
    assert code == 1 and f"{source}:21:11: 正文第2项.表格.行第2项: 表格第 2 行有 3 格，而表头有 2 列" in output, output
    assert "0 个警告" in output  # metrics used only in a 指标表 count as used


def test_a_written_table_gets_its_unit_note_and_a_computed_total(write_yaml, tmp_path):
    data = (
        DATA.replace(
            "      表头: [项目, 数量]\n",
            "      表头: [序号, 项目, 数量, 资金]\n      单位: 万元\n      合计: true\n",
        )
        .replace('- [宣传标牌, "{{ 标牌 }}"]', "- [1, 宣传标牌, 32, 1.25]")
        .replace('- [工作会议, "{{ 会议 }}"]', "- [2, 工作会议, 7, 0.5]")
    )
    args = ["build", str(write_yaml(data)), "-o", str(tmp_path / "out.docx"), "--to", "docx", "--to", "txt"]
    code, output = run_cli(args)
    assert code == 0, output
    document = docx.Document(tmp_path / "out.docx")
    written = document.tables[1]
    assert cells(written)[-1] == ["", "合计", "39", "1.75"]
    unit_note = next(p for p in document.paragraphs if p.text == "单位：万元")
    assert unit_note.paragraph_format.alignment is not None or unit_note.style.paragraph_format.alignment is not None
    right = written.rows[1].cells[2].paragraphs[0].alignment
    assert str(right).endswith("RIGHT (2)") and written.rows[1].cells[1].paragraphs[0].alignment is None
    preview = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "单位：万元\n序号｜项目｜数量｜资金" in preview and "｜合计｜39｜1.75" in preview
