"""Consistency checks of figures (GW113–GW117), through the real CLI on YAML files on disk.

Each rule: its exact ``file:line:col: 字段: 说明`` line, the exit code of ``gongwen check`` (errors
→ 1; warnings → 0, or 1 with --strict), ``gongwen build`` refusing errors, and real passages
that must stay quiet.
"""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, MINIMAL, run_cli

from gongwen.lint import RULES, lint
from gongwen.lint.figures import typed_figures, COUNT_UNITS
from gongwen.source.reading import load_file

HEAD = """\
发文机关: 新城街道办事处
年度: 2021
事由: 四城同创工作
成文日期: 2021-12-02
指标:
"""  # the first metric is on line 6


def document(metrics: str, paragraph: str) -> str:
    """HEAD + metrics (two-space indented lines) + one section whose one paragraph is ``paragraph``."""
    return HEAD + metrics + f"正文:\n  - 标题: 加强领导\n    段落:\n      - {paragraph}\n"


def check(path, *options: str) -> tuple[int, list[str]]:
    code, output = run_cli(["check", *options, str(path)])
    return code, output.rstrip("\n").split("\n")


def refuses_to_build(path, line: str) -> bool:
    out = path.with_suffix(".docx")
    code, output = run_cli(["build", str(path), "-o", str(out)])
    return code == 1 and line in output and not out.exists()


def builds(path) -> bool:
    out = path.with_suffix(".docx")
    code, _ = run_cli(["build", str(path), "-o", str(out)])
    return code == 0 and out.exists()


def rules_found(write_yaml, text: str) -> list[str]:
    return [p.rule for p in lint(load_file(write_yaml(text)))]


def test_the_figure_rules_are_registered_with_their_severities():
    assert {i: (RULES[i].name, RULES[i].severity) for i in ("GW113", "GW114", "GW115", "GW116", "GW117")} == {
        "GW113": ("parts-sum", "error"),
        "GW114": ("share-sum", "error"),
        "GW115": ("stated-rate", "warning"),
        "GW116": ("typed-figure-conflict", "error"),
        "GW117": ("typed-figure", "warning"),
    }


# ---------------------------------------------------------------- GW113 parts-sum

PARTS = "  摊位: {数值: 85, 单位: 个, 分项: {流动摊位: 52, 店外经营: 32}}\n"


def test_parts_that_do_not_add_up_are_an_error_at_the_parts_key(write_yaml):
    path = write_yaml(document(PARTS, "查处占道经营摊位{{ 摊位 }}，{{ 摊位.其中 }}。"))
    line = (
        f"{path}:6:23: 指标.摊位.分项: “摊位”的分项合计 84 与数值 85 不一致（流动摊位 52 + 店外经营 32 = 84）。"
        "请核对分项和数值；分项只列了主要部分时，请补上“其他”一项，使合计等于数值。"
    )
    code, lines = check(path)
    assert code == 1 and lines == [line, "检查完毕：1 个错误，0 个警告。"]
    assert refuses_to_build(path, line)


def test_parts_written_out_as_a_block_are_located_at_their_key(write_yaml):
    metrics = "  投资:\n    数值: 2.846\n    单位: 亿元\n    小数位: 2\n    分项:\n      上级: 1.18\n      区级: 1.66\n"
    path = write_yaml(document(metrics, "完成投资{{ 投资 }}。"))
    code, lines = check(path)
    assert code == 1
    assert lines[0] == (
        f"{path}:10:5: 指标.投资.分项: “投资”的分项合计 2.84 与数值 2.85 不一致（上级 1.18 + 区级 1.66 = 2.84）。"
        "请核对分项和数值；分项只列了主要部分时，请补上“其他”一项，使合计等于数值。"
    )


@pytest.mark.parametrize(
    "metric",
    [
        "{数值: 85, 单位: 个, 分项: {流动摊位: 52, 店外经营: 33}}",
        "{数值: 2.84, 单位: 亿元, 分项: {上级: 1.18, 区级: 1.66}}",  # 1.18 + 1.66 = 2.8399999999999999
        "{数值: 0.3, 单位: 亿元, 分项: {甲: 0.1, 乙: 0.2}}",
        "{数值: 2.5, 单位: 亿元, 小数位: 2, 分项: {甲: 1.25, 乙: 1.25}}",
        "{数值: 100, 单位: '%', 分项: {满意: 72.9, 基本满意: 20.1, 不满意: 7}}",
    ],
)
def test_parts_that_add_up_stay_quiet(write_yaml, metric):
    path = write_yaml(document(f"  总量: {metric}\n", "总量{{ 总量 }}，{{ 总量.其中 }}。"))
    assert check(path) == (0, ["检查通过，未发现问题。"])


# ---------------------------------------------------------------- GW114 share-sum

SHARES = """\
  受访群众: {数值: 500, 单位: 人}
  满意: {数值: 72.9, 单位: "%", 总数: 受访群众}
  基本满意: {数值: 30.2, 单位: "%", 总数: 受访群众}
"""
SHARES_TEXT = "受访群众{{ 受访群众 }}，满意的{{ 满意 }}，基本满意的{{ 基本满意 }}。"


def test_shares_of_one_whole_over_100_percent_are_an_error(write_yaml):
    path = write_yaml(document(SHARES, SHARES_TEXT))
    line = (
        f"{path}:8:29: 指标.基本满意.总数: 以“受访群众”为总数的“满意” 72.9%、“基本满意” 30.2%，合计 103.1%，"
        "超过了100%。同一总数的各部分合计不能超过总数，请核对这几项的数值或“总数”。"
    )
    code, lines = check(path)
    assert code == 1 and lines == [line, "检查完毕：1 个错误，0 个警告。"]
    assert refuses_to_build(path, line)


def test_counts_of_one_whole_over_the_whole_are_an_error(write_yaml):
    metrics = "  受访群众: 500人\n  党员: {数值: 300, 单位: 人, 总数: 受访群众}\n  群众: {数值: 250, 单位: 人, 总数: 受访群众}\n"
    path = write_yaml(document(metrics, "受访{{ 受访群众 }}，党员{{ 党员 }}、群众{{ 群众 }}。"))
    code, lines = check(path)
    assert code == 1 and lines[-1] == "检查完毕：1 个错误，0 个警告。"
    assert lines[0] == (
        f"{path}:8:24: 指标.群众.总数: 以“受访群众”为总数的“党员” 300人、“群众” 250人，合计 550人，"
        "超过了总数“受访群众”的 500人。同一总数的各部分合计不能超过总数，请核对这几项的数值或“总数”。"
    )


@pytest.mark.parametrize(
    "values",
    [
        (72.9, 27.1),  # exactly 100
        (33.4, 33.3, 33.3),
        (34, 33, 34),  # 33.5 + 33 + 33.5 rounded to whole percents: 101 is rounding
        (72.9, 20.1),  # not exhaustive (only two categories declared): under 100 is fine
    ],
)
def test_shares_within_rounding_stay_quiet(write_yaml, values):
    metrics = "  受访群众: 500人\n" + "".join(
        f'  类{i}: {{数值: {v}, 单位: "%", 总数: 受访群众}}\n' for i, v in enumerate(values)
    )
    text = "受访{{ 受访群众 }}" + "".join(f"，{{{{ 类{i} }}}}" for i in range(len(values))) + "。"
    assert check(write_yaml(document(metrics, text))) == (0, ["检查通过，未发现问题。"])


def test_three_rounded_shares_a_little_over_100_are_an_error(write_yaml):
    metrics = "  受访群众: 500人\n" + "".join(f'  类{i}: {{数值: 33.4, 单位: "%", 总数: 受访群众}}\n' for i in range(3))
    text = "受访{{ 受访群众 }}，{{ 类0 }}、{{ 类1 }}、{{ 类2 }}。"
    assert "GW114" in rules_found(write_yaml, document(metrics, text))  # 100.2 > 100 + 3 × 0.05


# ---------------------------------------------------------------- GW115 stated-rate

RATE = '  财政收入: {数值: 70, 单位: 亿元, 去年: 80, 同比: "-19.3%"}\n'


def test_a_published_rate_that_last_year_contradicts_is_a_warning_with_the_computed_rate(write_yaml):
    path = write_yaml(document(RATE, "财政收入{{ 财政收入 }}，{{ 财政收入.同比 }}。"))
    line = (
        f"{path}:6:38: 警告: 指标.财政收入.同比: 公布的同比 -19.3% 与按去年数值算出的 -12.5% 不符（数值 70，去年 80）。"
        "请核对：同比照录统计公报等来源时以来源为准，并检查“数值”和“去年”是否抄错、口径是否一致。"
    )
    assert check(path) == (0, [line, "检查完毕：0 个错误，1 个警告。"])
    code, lines = check(path, "--strict")
    assert code == 1 and line in lines
    assert builds(path)


def test_a_rate_typed_as_a_number_is_read_as_percent(write_yaml):
    path = write_yaml(
        document("  收入: {数值: 70, 单位: 亿元, 去年: 80, 同比: 5}\n", "收入{{ 收入 }}，{{ 收入.同比 }}。")
    )
    code, lines = check(path)
    assert code == 0 and "公布的同比 5% 与按去年数值算出的 -12% 不符（数值 70，去年 80）" in lines[0]


@pytest.mark.parametrize(
    "metric",
    [
        '{数值: 3.2, 单位: 亿元, 去年: 2.45, 同比: "30.6%"}',  # 30.612…
        '{数值: 3.2, 单位: 亿元, 去年: 2.45, 同比: "30.5%"}',  # the source rounded differently: one unit
        '{数值: 70, 单位: 亿元, 去年: 80, 同比: "-12.5%"}',
        "{数值: 70, 单位: 亿元, 去年: 80, 同比: -12.5}",
        '{数值: 36, 单位: 个, 去年: 28, 同比: "28.57%"}',
        '{数值: 36, 单位: 个, 去年: 28, 同比: "+29%"}',
        '{数值: 96.8, 单位: "%", 去年: 94.5, 同比: "2.4%"}',  # a rate changes by 百分点: not compared
        '{数值: 5, 单位: 个, 去年: 0, 同比: "100%"}',  # no rate from zero
        '{数值: 70, 单位: 亿元, 同比: "-19.3%"}',  # nothing to compare with
    ],
)
def test_published_rates_within_rounding_stay_quiet(write_yaml, metric):
    path = write_yaml(document(f"  收入: {metric}\n", "收入{{ 收入 }}，{{ 收入.同比 }}。"))
    assert check(path) == (0, ["检查通过，未发现问题。"])


# ---------------------------------------------------------------- GW116 typed-figure-conflict


def test_a_typed_count_that_contradicts_the_metric_is_an_error(write_yaml):
    path = write_yaml(document("  会议: 7次\n", "全年召开会议6次，会议纪要{{ 会议 }}。"))
    line = (
        f"{path}:10:15: 正文第1项.段落第1项: 文中写的“6次”（“全年召开会议6次，会议纪要{{…”）与指标“会议”为 7次不一致。"
        "请改用 {{ 会议 }} 引用指标，数字只在“指标”中写一处。"
    )
    code, lines = check(path)
    assert code == 1 and lines == [line, "检查完毕：1 个错误，0 个警告。"]
    assert refuses_to_build(path, line)


@pytest.mark.parametrize(
    ("metrics", "paragraph", "message"),
    [
        ("  会议: 7次\n", "会议共召开6次{{ 会议 }}", "与指标“会议”为 7次不一致"),
        ("  投资: {数值: 53400, 单位: 元, 换算: 万}\n", "完成投资5.3万元{{ 投资 }}", "与指标“投资”为 5.34万元不一致"),
        ("  满意率: {数值: 96.8, 单位: '%'}\n", "满意率达到95%{{ 满意率 }}", "与指标“满意率”为 96.8%不一致"),
        ("  会议: {数值: 7, 单位: 次, 说明: 党工委会议}\n", "召开党工委会议６次{{ 会议 }}", "“６次”"),
        (
            "  摊位: {数值: 85, 单位: 个, 分项: {流动摊位: 52, 店外: 33}}\n",
            "流动摊位50个{{ 摊位 }}",
            "分项“流动摊位”为 52个",
        ),
    ],
)
def test_conflicts_in_other_shapes(write_yaml, metrics, paragraph, message):
    code, lines = check(write_yaml(document(metrics, paragraph)))
    assert code == 1 and len(lines) == 2 and message in lines[0] and "正文第1项.段落第1项" in lines[0]


# ---------------------------------------------------------------- GW117 typed-figure


def test_a_plain_typed_figure_is_a_warning_to_declare_a_metric(write_yaml):
    path = write_yaml(document("  会议: 7次\n", "召开会议{{ 会议 }}，安装标牌32个。"))
    line = (
        f"{path}:10:26: 警告: 正文第1项.段落第1项: 文中直接写了数字“32个”（“…}}，安装标牌32个。”）。"
        "请把它写进“指标”（如  名称: 32个），正文用 {{ 名称 }} 引用，改数字只改一处；若不是本年度的统计数字，可忽略此警告。"
    )
    assert check(path) == (0, [line, "检查完毕：0 个错误，1 个警告。"])
    code, lines = check(path, "--strict")
    assert code == 1 and line in lines
    assert builds(path)


def test_a_typed_figure_equal_to_a_metric_names_the_reference(write_yaml):
    metrics = "  改造小区: {数值: 36, 单位: 个, 去年: 28}\n"
    path = write_yaml(document(metrics, "改造小区36个，{{ 改造小区.同比 }}；改造小区去年为28个。"))
    code, lines = check(path)
    assert code == 0 and lines[-1] == "检查完毕：0 个错误，2 个警告。"
    assert "它与指标“改造小区”为 36个相同，请改用 {{ 改造小区 }}" in lines[0]
    assert "它与指标“改造小区”的去年数为 28个相同，请改用 {{ 改造小区.去年 }}" in lines[1]


# ---------------------------------------------------------------- passages that must stay quiet

QUIET = [
    "2021年12月2日，办事处召开第3次党工委会议，研究部署2022年工作。",
    "根据《新城街道办事处2021年度工作要点》（新办〔2021〕5号）和《关于开展10项重点工作的通知》要求，",
    "1—11月，全处各村在10月底以村为单位完成星级评定，11月底之前统一悬挂牌匾。",
    "今年9月份，开展“学雷锋月”活动，各班每月组织一次主题班会。",
    "入户调查于6月15日前完成，问题在3～5个工作日内反馈，整改期限为3个月。",
    "汛期实行24小时值班，值班电话：0728-5221234，手机13800138000。",
    "上午9时30分召开会议，会期半天，约300人参加，300余人次受益，3次以上的重复投诉列入督办。",
    "力争群众满意率达到“95%以上”，巩固“一刻钟便民生活圈”。",
    "全面贯彻落实“十四五”规划，一是加强领导，二是强化督办，三是严格考核。",
    "按照“1+N”模式，建成5G基站，完成G20保障和第3、4批次验收，排名全市前3名。",
    "召开会议{{ 会议 }}，其中第2次会议在6月召开，{{ 会议.去年 }}。",
    "层次序数依次用一、（一）1.（1），第一层用黑体。",
    "2020年至2021年，两年间连续开展创建，60岁以上老人全覆盖。",
]


@pytest.mark.parametrize("passage", QUIET)
def test_real_passages_stay_quiet(write_yaml, passage):
    path = write_yaml(document("  会议: {数值: 7, 单位: 次, 去年: 5}\n", passage + "{{ 会议 }}"))
    assert check(path) == (0, ["检查通过，未发现问题。"])


def test_typed_figures_scanner_skips_everything_but_counts():
    text = "2021年“95%”《10个》第3次约300个3次以上1—11月〔2021〕5号{{ 会议 }}，安装标牌32个、设置专栏８个。"
    found = list(typed_figures(text, set(COUNT_UNITS)))
    assert [(text[f.start : f.end], f.value, f.unit) for f in found] == [("32个", 32.0, "个"), ("８个", 8.0, "个")]


def test_a_hostile_text_of_nested_quotes_and_digits_is_linear(write_yaml):
    text = "《" * 20000 + "》" * 20000 + "3个、" * 20000
    assert len(list(typed_figures(text, set(COUNT_UNITS)))) == 20000


def test_bundled_examples_stay_quiet_for_typed_figures():
    found = {}
    for example in sorted(EXAMPLES.glob("*.yaml")):
        problems = lint(load_file(example))
        found[example.name] = [p.format() for p in problems if p.rule in ("GW113", "GW114", "GW115", "GW116", "GW117")]
    assert len(found) >= 8 and all(v == [] for v in found.values()), found
    assert run_cli(["check", str(EXAMPLES)]) == (0, "检查通过，未发现问题。\n")


def test_the_minimal_document_is_clean(write_yaml):
    assert check(write_yaml(MINIMAL)) == (0, ["检查通过，未发现问题。"])


def test_a_longer_word_is_not_the_metric_s_name(write_yaml):
    # 满意 (72.9%) is not 满意度 (96.8%): a typed figure, not a conflict
    path = write_yaml(document("  满意: {数值: 72.9, 单位: '%'}\n", "满意的{{ 满意 }}，满意度达到96.8%。"))
    code, lines = check(path)
    assert code == 0 and lines[-1] == "检查完毕：0 个错误，1 个警告。" and "文中直接写了数字“96.8%”" in lines[0]
