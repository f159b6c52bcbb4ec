"""年度 as a period: a year (as before), a half-year, a quarter, a school year or a span of
months. The title, {{ 期间 }}/{{ 上期 }}, every comparison's baseline and the date check
follow it; built from real YAML files and read back from the .docx."""

from __future__ import annotations

import docx
import pytest

from conftest import run_cli
from gongwen.model.period import parse_period

DATA = """\
发文机关: 新城街道办事处
年度: {period}
事由: 综合治理工作
成文日期: {date}
指标:
  会议: {{数值: 7, 单位: 次, 去年: 5}}
  案件: {{数值: 3, 单位: 件, 去年: 3}}
  覆盖率: {{数值: 45.3, 单位: "%", 去年: 43}}
正文:
  - 标题: 主要工作
    段落:
      - "{{{{ 期间 }}}}召开会议{{{{ 会议 }}}}，{{{{ 会议.比上年 }}}}；办理案件{{{{ 案件 }}}}，{{{{ 案件.同比 }}}}。"
      - 覆盖率{{{{ 覆盖率.同比 }}}}，{{{{ 上期 }}}}为{{{{ 覆盖率.去年 }}}}。
    指标表: [会议, 案件]
"""


def build(write_yaml, tmp_path, period: str, date: str = "2022-07-10"):
    out = tmp_path / "out.docx"
    code, output = run_cli(["build", str(write_yaml(DATA.format(period=period, date=date))), "-o", str(out)])
    assert code == 0, output
    document = docx.Document(out)
    return [p.text.replace("\n", "") for p in document.paragraphs], document  # title lines joined


@pytest.mark.parametrize(
    "written, text, last, baseline",
    [
        (2022, "2022年", "2021年", "上年"),
        ("2022年度", "2022年", "2021年", "上年"),
        ("2022年上半年", "2022年上半年", "2021年上半年", "上年同期"),
        ("2022年三季度", "2022年第三季度", "2021年第三季度", "上年同期"),
        ("2022年前三季度", "2022年前三季度", "2021年前三季度", "上年同期"),
        ("2022-2023学年", "2022—2023学年", "2021—2022学年", "上学年"),
        ("2021年1月—11月", "2021年1—11月", "2020年1—11月", "上年同期"),
        ("2021年1—12月", "2021年", "2020年", "上年"),
    ],
)
def test_periods_parse_to_what_the_document_prints(written, text, last, baseline):
    period = parse_period(written)
    assert (period.text, period.last, period.baseline) == (text, last, baseline)


def test_a_half_year_is_compared_with_the_same_period_a_year_earlier(write_yaml, tmp_path):
    texts, document = build(write_yaml, tmp_path, "2022年上半年")
    assert "新城街道办事处2022年上半年综合治理工作总结" in texts
    assert "2022年上半年召开会议7次，比上年同期增加2次；办理案件3件，与上年同期持平。" in texts
    assert "覆盖率同比提高2.3个百分点，2021年上半年为43%。" in texts
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header == ["序号", "指标", "单位", "上年同期", "本期", "增减", "同比"]


def test_a_school_year_is_compared_with_the_last_one(write_yaml, tmp_path):
    texts, document = build(write_yaml, tmp_path, "2022—2023学年", date="2023-07-01")
    assert "新城街道办事处2022—2023学年综合治理工作总结" in texts
    assert "2022—2023学年召开会议7次，比上学年增加2次；办理案件3件，与上学年持平。" in texts
    assert [c.text for c in document.tables[0].rows[0].cells][3:5] == ["上学年", "本学年"]


def test_a_whole_year_reads_as_it_always_did(write_yaml, tmp_path):
    texts, _ = build(write_yaml, tmp_path, "2022", date="2022-12-20")
    assert "新城街道办事处2022年综合治理工作总结" in texts
    assert "2022年召开会议7次，比上年增加2次；办理案件3件，与上年持平。" in texts


@pytest.mark.parametrize(
    "period, date, fragment, line",
    [
        ("2022—2023学年", "2025-01-05", "期间是2022—2023学年。总结应在期间之中或结束的次年（2022年至2024年）成文", 4),
        ("2022-2024学年", "2023-01-05", "学年应跨相邻的两年，例如 2022—2023学年", 2),
        ("2021年11—1月", "2022-01-05", "月份应在 1—12 之间且前小后大", 2),
        ("明年上半年", "2022-01-05", "年度“明年上半年”看不懂：请写成年份或期间，例如 2022、2022年上半年", 2),
    ],
)
def test_a_period_that_does_not_fit_is_located(write_yaml, period, date, fragment, line):
    code, output = run_cli(["build", str(write_yaml(DATA.format(period=period, date=date)))])
    assert code == 1 and fragment in output, output
    assert f"data.yaml:{line}:" in output


def test_a_unit_of_another_period_is_not_summed(tmp_path):
    (tmp_path / "units").mkdir()
    unit = "发文机关: 东湖社区\n年度: {p}\n事由: 工作\n成文日期: 2022-07-01\n指标:\n  会议: 3次\n正文:\n  - 标题: 会议\n    段落: 开会。\n"
    (tmp_path / "units" / "a.yaml").write_text(unit.format(p="2022年上半年"), encoding="utf-8")
    (tmp_path / "units" / "b.yaml").write_text(unit.format(p="2022").replace("东湖", "西湖"), encoding="utf-8")
    main = (
        "发文机关: 新城街道\n年度: 2022年上半年\n事由: 工作\n成文日期: 2022-07-10\n"
        "下级单位: [units/a.yaml, units/b.yaml]\n指标:\n  会议: {汇总: 会议}\n"
        "正文:\n  - 标题: 会议\n    段落: 共召开会议{{ 会议 }}。\n"
    )
    (tmp_path / "main.yaml").write_text(main, encoding="utf-8")
    code, output = run_cli(["build", str(tmp_path / "main.yaml")])
    assert code == 1, output
    assert "下级单位“units/b.yaml”是 2022年的数据，本文件是 2022年上半年，不能合计" in output
