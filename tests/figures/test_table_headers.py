"""Multi-tier headers with merged cells, table titles and sizes, and the 合计 row: built
from real YAML files and read back from the .docx XML; the grid and the totals also as
properties over generated tables."""

from __future__ import annotations

from decimal import Decimal

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

from conftest import run_cli
from gongwen.model.tables import column_names, header_grid
from gongwen.wording.tables import total_row

DATA = """\
发文机关: 新城街道办事处
年度: 2022
事由: 综合治理工作
成文日期: 2022-12-20
正文:
  - 标题: 主要工作
    段落: 各社区情况见下表。
    表格:
      标题: 2022年各社区工作情况
      单位: 次
      字号: 小四
      合计: true
      表头:
        - [{文字: 序号, 跨行: 2}, {文字: 社区, 跨行: 2}, {文字: 会议, 跨列: 2}, {文字: 活动, 跨列: 2}]
        - [本年, 上年, 本年, 上年]
      行:
        - [1, 东湖社区, 3, 2, 10, 8]
        - [2, 西湖社区, 4, 3, 12.5, 9]
"""


def build(write_yaml, tmp_path, text: str = DATA):
    out = tmp_path / "out.docx"
    code, output = run_cli(["build", str(write_yaml(text)), "-o", str(out)])
    assert code == 0, output
    return docx.Document(out)


def test_a_two_tier_header_merges_across_and_down_and_repeats(write_yaml, tmp_path):
    document = build(write_yaml, tmp_path)
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["序号", "社区", "会议", "会议", "活动", "活动"],  # python-docx repeats a merged cell
        ["序号", "社区", "本年", "上年", "本年", "上年"],
        ["1", "东湖社区", "3", "2", "10", "8"],
        ["2", "西湖社区", "4", "3", "12.5", "9"],
        ["", "合计", "7", "5", "22.5", "17"],
    ]
    first, second = (row._tr for row in table.rows[:2])
    spans = [tc.find(qn("w:tcPr")).find(qn("w:gridSpan")) for tc in first.findall(qn("w:tc"))]
    assert [None if s is None else s.get(qn("w:val")) for s in spans] == [None, None, "2", "2"]
    merges = [tc.find(qn("w:tcPr")).find(qn("w:vMerge")) for tc in second.findall(qn("w:tc"))]
    assert [m is not None for m in merges] == [True, True, False, False, False, False]
    flags = [[child.tag.split("}")[1] for child in row._tr.trPr] for row in table.rows]
    assert flags[:2] == [["cantSplit", "tblHeader"]] * 2 and all(f == ["cantSplit"] for f in flags[2:])
    # both header tiers in 黑体, the body in 仿宋, every run at 小四 (12 pt)
    runs = [run for row in table.rows for cell in row.cells for p in cell.paragraphs for run in p.runs]
    assert {run.font.size.pt for run in runs} == {12.0}
    assert table.rows[1].cells[2].paragraphs[0].runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    # merged spans cover the 版心: the two grid columns under 会议 add up to its cell width
    widths = [int(tc.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w"))) for tc in first.findall(qn("w:tc"))]
    assert abs(sum(widths) - 8845) < 10  # 156 mm in twips, less rounding per column


def test_the_title_is_centred_in_heiti_above_the_unit_note(write_yaml, tmp_path):
    document = build(write_yaml, tmp_path)
    texts = [p.text for p in document.paragraphs]
    title = texts.index("2022年各社区工作情况")
    assert texts[title + 1] == "单位：次"
    paragraph = document.paragraphs[title]
    assert paragraph.alignment == 1 and paragraph.paragraph_format.keep_with_next
    assert paragraph.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"


def test_the_text_preview_shows_merged_cells_once(write_yaml, tmp_path):
    path = write_yaml(DATA)
    code, output = run_cli(["build", str(path), "--to", "txt", "-o", str(tmp_path / "out.txt")])
    assert code == 0, output
    text = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "序号｜社区｜会议｜｜活动｜\n｜｜本年｜上年｜本年｜上年\n" in text
    assert "｜合计｜7｜5｜22.5｜17\n" in text


@pytest.mark.parametrize(
    "header, fragment",
    [
        ("[[序号, 社区], [本年]]", "表头第 2 行占 1 列，而第 1 行共 2 列"),
        ("[[序号, {文字: 社区, 跨行: 3}], [本年, 上年]]", "“社区”跨 3 行，但表头只有 2 行"),
        ("[序号, [本年]]", "多层表头的每一行都应写成列表"),
        ("[[序号, {文字: 社区, 跨列: 0}]]", "跨列"),
        ("[序号, '<']", "表头格不能只写“<”"),
    ],
)
def test_a_header_that_does_not_make_a_grid_is_located(write_yaml, header, fragment):
    text = DATA.split("      表头:")[0] + f"      表头: {header}\n      行: []\n"
    text = text.replace("      合计: true\n", "")
    code, output = run_cli(["build", str(write_yaml(text))])
    assert code == 1 and fragment in output, output
    assert "data.yaml:" in output and "表格.表头" in output


def test_a_row_is_checked_against_the_width_of_a_merged_header(write_yaml):
    text = DATA.replace("- [2, 西湖社区, 4, 3, 12.5, 9]", "- [2, 西湖社区, 4, 3, 12.5]")
    code, output = run_cli(["build", str(write_yaml(text))])
    assert code == 1 and "表格第 2 行有 5 格，而表头有 6 列" in output, output
    assert "data.yaml:18:11:" in output


def test_a_total_over_no_rows_and_an_unknown_size_are_refused(write_yaml):
    empty = DATA.split("      行:")[0] + "      行: []\n"
    code, output = run_cli(["build", str(write_yaml(empty))])
    assert code == 1 and "表格没有行，不能加“合计”" in output, output
    code, output = run_cli(["build", str(write_yaml(DATA.replace("字号: 小四", "字号: 六号")))])
    assert code == 1 and "字号" in output and "三号、四号、小四、五号" in output, output


spans = st.lists(st.tuples(st.integers(1, 3), st.integers(1, 2)), min_size=1, max_size=6)


@given(spans)
def test_any_top_tier_with_its_spans_completed_below_makes_a_full_grid(top):
    """A top tier of spanning cells, with the tier below filling what they leave open, is a
    rectangle whose names come from the lowest cell over each column."""
    tiers = [[{"文字": f"甲{i}", "跨列": a, "跨行": d} for i, (a, d) in enumerate(top)], []]
    for i, (across, down) in enumerate(top):
        if down == 1:
            tiers[1] += [f"乙{i}{j}" for j in range(across)]
    grid = header_grid(tiers)
    width = sum(a for a, _ in top)
    assert all(len(row) == width for row in grid)
    names = column_names(grid)
    assert len(names) == width and not {"<", "^"} & set(names)


@given(st.lists(st.lists(st.decimals(-10**6, 10**6, places=2), min_size=2, max_size=2), min_size=1, max_size=30))
def test_a_total_row_adds_each_numeric_column_exactly(rows):
    cells = [[f"第{i}项", f"{a}万元", float(b)] for i, (a, b) in enumerate(rows)]
    totals = total_row(["项目", "金额", "数量"], cells)
    assert totals[0] == "合计"
    assert Decimal(totals[1].removesuffix("万元")) == sum(a for a, _ in rows)
    assert Decimal(totals[2]) == sum(b for _, b in rows)
