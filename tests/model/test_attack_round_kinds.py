"""Findings of the attack round on periods, kinds and structures: each a real YAML file built
through the CLI, with the message (file:line) or the text that must come out."""

from __future__ import annotations

import docx
import pytest

from conftest import run_cli

BASE = """\
文种: {kind}
发文机关: 新城街道办事处
年度: {period}
事由: {subject}
成文日期: {date}
{extra}
正文:
  - 标题: 主要工作
    段落: 开展工作。
"""


def text_of(write_yaml, tmp_path, **fields) -> list[str]:
    values = {"kind": "总结", "period": "2022", "subject": "综合治理工作", "date": "2022-12-20", "extra": ""} | fields
    out = tmp_path / "out.docx"
    code, output = run_cli(["build", str(write_yaml(BASE.format(**values))), "-o", str(out)])
    assert code == 0, output
    return [p.text.replace("\n", "") for p in docx.Document(out).paragraphs]


def failure(write_yaml, **fields) -> str:
    values = {"kind": "总结", "period": "2022", "subject": "综合治理工作", "date": "2022-12-20", "extra": ""} | fields
    code, output = run_cli(["build", str(write_yaml(BASE.format(**values)))])
    assert code == 1, output
    return output


@pytest.mark.parametrize(
    "period, subject, title",
    [
        ("2022年上半年", "2022年综合治理工作", "新城街道办事处2022年上半年综合治理工作总结"),
        ("2022年上半年", "2022年上半年综合治理工作", "新城街道办事处2022年上半年综合治理工作总结"),
        ("2022年上半年", "2022届毕业生工作", "新城街道办事处2022年上半年2022届毕业生工作总结"),
        ("2022", "2022年综合治理工作", "新城街道办事处2022年综合治理工作总结"),
    ],
)
def test_the_composed_title_always_names_the_period(write_yaml, tmp_path, period, subject, title):
    assert text_of(write_yaml, tmp_path, period=period, subject=subject)[0] == title


def test_a_subject_naming_another_period_is_located(write_yaml):
    output = failure(write_yaml, period="2022年上半年", subject="2022年下半年综合治理工作")
    assert "data.yaml:4:" in output and "事由写的是“2022年下半年”，而年度是“2022年上半年”" in output


@pytest.mark.parametrize(
    "period, date, fragment",
    [
        ("2022年下半年", "2022-03-01", "在期间“2022年下半年”开始之前（2022年7月1日）"),
        ("2022年第四季度", "2022-01-10", "在期间“2022年第四季度”开始之前（2022年10月1日）"),
        ("2022—2023学年", "2022-01-05", "在期间“2022—2023学年”开始之前（2022年9月1日）"),
    ],
)
def test_a_date_before_the_period_starts_is_located(write_yaml, period, date, fragment):
    output = failure(write_yaml, period=period, date=date)
    assert "data.yaml:5:" in output and fragment in output, output


@pytest.mark.parametrize("written", ["2022年第3季度", "2022年度上半年", "2022年1至11月", "2022年1—11月份"])
def test_common_spellings_of_a_period_are_read(write_yaml, tmp_path, written):
    assert text_of(write_yaml, tmp_path, period=written)[0].startswith("新城街道办事处2022年")


def test_a_unit_covering_the_same_months_under_another_name_is_summed(tmp_path):
    (tmp_path / "units").mkdir()
    unit = "发文机关: {name}\n年度: {p}\n事由: 工作\n成文日期: 2022-10-01\n指标:\n  会议: 3次\n正文:\n  - 标题: 会议\n    段落: 开会。\n"
    (tmp_path / "units" / "a.yaml").write_text(unit.format(name="东湖社区", p="2022年7—9月"), encoding="utf-8")
    main = (
        "发文机关: 新城街道\n年度: 2022年第三季度\n事由: 工作\n成文日期: 2022-10-10\n"
        "下级单位: [units/a.yaml]\n指标:\n  会议: {汇总: 会议}\n正文:\n  - 标题: 会议\n    段落: 共召开会议{{ 会议 }}。\n"
    )
    (tmp_path / "main.yaml").write_text(main, encoding="utf-8")
    code, output = run_cli(["build", str(tmp_path / "main.yaml")])
    assert code == 0, output


@pytest.mark.parametrize(
    "occasion, title",
    [
        ("在2022年新春团拜会上的致辞", "在2022年新春团拜会上的致辞"),
        ("在座谈会上的发言", "在座谈会上的发言"),
        ("在大会上的讲话", "在大会上的讲话"),
        ("在大会上", "在大会上的讲话"),
    ],
)
def test_a_speech_title_says_what_is_delivered_once(write_yaml, tmp_path, occasion, title):
    extra = f"场合: {occasion}\n讲话人: 张明"
    assert text_of(write_yaml, tmp_path, kind="讲话稿", extra=extra)[0] == title


def test_a_speech_with_no_real_occasion_and_no_title_is_refused(write_yaml):
    output = failure(write_yaml, kind="讲话稿", extra="场合: 讲话\n讲话人: 张明")
    assert "缺少“场合”" in output


def test_a_title_that_is_the_occasion_gets_no_subtitle(write_yaml, tmp_path):
    extra = "标题: 在大会上的讲话\n场合: 在大会上\n讲话人: 张明"
    texts = text_of(write_yaml, tmp_path, kind="讲话稿", extra=extra)
    assert texts[:2] == ["在大会上的讲话", "张明"]


@pytest.mark.parametrize(
    "extra, fragment, line",
    [
        ("版头: false\n主送机关: [区政府]\n紧急程度: 特急", "报告不应有“紧急程度”：白头公文（版头: false）不印版头", 8),
        ("版头: false\n主送机关: [区政府]\n密级: 秘密", "报告不应有“密级”：白头公文", 8),
    ],
)
def test_the_plain_form_refuses_what_it_cannot_print(write_yaml, extra, fragment, line):
    output = failure(write_yaml, kind="报告", extra=extra)
    assert fragment in output and f"data.yaml:{line}:" in output, output
    assert "请加上 份号" not in output  # no circle: 密级 asks for 份号, which the plain form refuses


def test_brief_issue_numbers_and_form(write_yaml):
    extra = "期数: 5\n总期数: 3"
    assert "data.yaml:7:" in (output := failure(write_yaml, kind="简报", extra=extra)) and "总期数 3 小于期数 5" in output
    output = failure(write_yaml, kind="简报", extra="期数: 5\n版头: false")
    assert "简报不能不要刊头" in output


def test_structure_mistakes_are_located(write_yaml):
    text = BASE.format(kind="总结", period="2022", subject="工作", date="2022-12-20", extra="")
    umbrella = text.replace("    段落: 开展工作。\n", "    要点引语: 主要有：\n")
    code, output = run_cli(["build", str(write_yaml(umbrella))])
    assert code == 1 and "写了“要点引语”，但没有“要点”" in output and "data.yaml:8:" in output
    unnumbered = text.replace("    段落: 开展工作。\n", "    编号: false\n    标题连写: true\n    段落: 开展工作。\n")
    code, output = run_cli(["build", str(write_yaml(unnumbered, "b.yaml"))])
    assert code == 1 and "不编号的标题（编号: false）不能与段落连写" in output


@pytest.mark.parametrize(
    "extra, fragment",
    [
        ("印章: \"yes\"", "应写 true（是）或 false（否）"),
        ("讲话人: 张明|李华", "讲话稿只写一位讲话人"),
    ],
)
def test_messages_say_what_the_field_wants(write_yaml, extra, fragment):
    kind = "讲话稿" if "讲话人" in extra else "报告"
    extra += "\n场合: 在大会上" if kind == "讲话稿" else "\n主送机关: 区政府\n发文字号: 新办〔2022〕1号\n签发人: 张明"
    output = failure(write_yaml, kind=kind, extra=extra)
    assert fragment in output and "data.yaml:6:" in output, output


def test_header_mistakes_are_said_in_chinese(write_yaml):
    table = "    表格:\n      表头: {header}\n      行: []\n"
    text = BASE.format(kind="总结", period="2022", subject="工作", date="2022-12-20", extra="")
    for header, fragment in (("[[]]", "表头的第一行是空的"), ("[[甲, [乙]]]", "表头的一格应为文字，或写成 {文字: 本年, 跨列: 2}")):
        code, output = run_cli(["build", str(write_yaml(text + table.format(header=header)))])
        assert code == 1 and fragment in output and "Input tag" not in output and "max()" not in output, output


TABLE = """\
发文机关: 新城街道办事处
年度: 2022
事由: 工作
成文日期: 2022-12-20
正文:
  - 标题: 情况
    表格:
      合计: true
      表头: {header}
      行:
{rows}"""


def table_text(write_yaml, tmp_path, header: str, rows: list[str]) -> str:
    text = TABLE.format(header=header, rows="".join(f"        - {row}\n" for row in rows))
    code, output = run_cli(["build", str(write_yaml(text)), "--to", "txt", "-o", str(tmp_path / "out.txt")])
    assert code == 0, output
    return (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_a_total_never_overwrites_a_sum_with_its_label(write_yaml):
    text = TABLE.format(header="[7月, 8月]", rows="        - [3, 4]\n        - [5, 6]\n")
    code, output = run_cli(["build", str(write_yaml(text))])
    assert code == 1 and "末行的“合计”二字没有地方写" in output and "data.yaml:8:" in output, output


def test_a_total_adds_neither_rates_nor_years_nor_serials_nor_phone_numbers(write_yaml, tmp_path):
    text = table_text(
        write_yaml,
        tmp_path,
        "[\"序　号\", 单位, 人数, 满意率（%）, 年份, 电话]",
        ["[1, 东湖, 12, 95.5, 2019年, \"13800000001\"]", "[2, 西湖, 8, 92, 2020年, \"13800000002\"]"],
    )
    assert "｜合计｜20｜｜｜\n" in text


@pytest.mark.parametrize(
    "paragraph, quiet",
    [
        ("处理  起案件，走访  位群众，发放  张传单，种植  棵树。", False),
        ("召开会议\t\t次。", False),
        ("召开会议6次。", True),
    ],
)
def test_blank_figures_before_more_measure_words_and_tabs(write_yaml, paragraph, quiet):
    text = BASE.format(kind="总结", period="2022", subject="工作", date="2022-12-20", extra="").replace(
        "开展工作。", f'"{paragraph}"'
    )
    code, output = run_cli(["check", str(write_yaml(text))])
    assert (code == 0) is quiet and (("GW118" in output or "留了空白" in output) is not quiet), output


def test_a_spaced_header_cell_is_not_a_blank_figure(write_yaml, tmp_path):
    text = table_text(write_yaml, tmp_path, "[项目, \"人　次\"]", ["[培训, 12]"])
    assert "项目｜人　次" in text


def test_an_ideographic_space_typed_in_a_title_stays(write_yaml, tmp_path):
    extra = "标题: 凝心聚力　真抓实干\n场合: 在大会上\n讲话人: 张明"
    assert text_of(write_yaml, tmp_path, kind="讲话稿", extra=extra)[0] == "凝心聚力　真抓实干"


def test_a_change_too_small_to_show_is_basically_flat_not_flat(write_yaml, tmp_path):
    from gongwen.figures.phrases import Change, year_on_year

    assert year_on_year(Change(214, 214.04, "处"), "上年同期") == "与上年同期基本持平"
    assert year_on_year(Change(214, 214, "处")) == "与上年持平"
    assert year_on_year(Change(45.34, 45.3, "%")) == "与上年基本持平"


def _points_text(umbrella: str, points: str) -> str:
    return (
        BASE.format(kind="总结", period="2022", subject="工作", date="2022-12-20", extra="")
        .replace("    段落: 开展工作。\n", f"    要点引语: {umbrella}\n    要点写法: 连写\n    要点: {points}\n")
    )


def test_an_umbrella_ends_in_a_colon_and_its_count_is_checked(write_yaml, tmp_path):
    out = tmp_path / "out.docx"
    code, output = run_cli(["build", str(write_yaml(_points_text("主要做了两方面工作", "[甲, 乙]"))), "-o", str(out)])
    assert code == 0, output
    assert "主要做了两方面工作：一是甲。二是乙。" in [p.text for p in docx.Document(out).paragraphs]
    code, output = run_cli(["check", str(write_yaml(_points_text("主要做了三方面工作：", "[甲, 乙]"), "b.yaml"))])
    assert "b.yaml:9:15: 警告: 正文第1项.要点引语: 要点引语说“三方面”，下面却有 2 个要点：请改成“两方面”" in output, output


@pytest.mark.parametrize(
    "headings, warned",
    [
        (["主要工作", "面临的挑战和风险", "下阶段工作重点"], 0),
        (["主要工作", "存在的不足", "2023年工作要点"], 0),
        (["推进重点工作", "解决群众反映的突出问题"], 2),
    ],
)
def test_the_summary_frame_recognises_real_part_names(write_yaml, headings, warned):
    body = "".join(f"  - 标题: {h}\n    段落: 开展工作。\n" for h in headings)
    text = BASE.format(kind="总结", period="2022", subject="工作", date="2022-12-20", extra="").split("正文:")[0]
    code, output = run_cli(["check", str(write_yaml(text + "正文:\n" + body))])
    assert output.count("三部分") == warned, output


def test_a_period_typed_in_the_subject_is_never_split_by_the_title_break(write_yaml, tmp_path):
    extra = "发文字号: 新办〔2022〕41号\n主送机关: [各社区居委会]"
    texts = text_of(
        write_yaml, tmp_path, kind="通报", period="2022-2023学年", subject="2022-2023学年学生健康体检工作情况",
        date="2022-12-12", extra=extra,
    )
    title = next(t for t in texts if t.startswith("新城街道办事处关于"))
    assert "2022-2023学年" in title
