"""Sentences about figures, exact (shared/FIGURES.md): each helper with an input and its output."""

from __future__ import annotations

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import run_cli

from gongwen.figures import phrases
from gongwen.figures.phrases import Change


@pytest.mark.parametrize(
    "change, expected",
    [
        (Change(128, 106.3), "同比增长20.4%"),
        (Change(93.8, 100), "同比下降6.2%"),
        (Change(3, 6), "同比下降50%"),
        (Change(7, 7), "与上年持平"),
        (Change(100.04, 100), "与上年基本持平"),  # rounds to 0.0% but is not 0: 基本持平
        (Change(22, 10), "同比增长1.2倍"),  # from +100% in 倍: 22 is 2.2 times 10
        (Change(2, 10), "同比下降80%"),  # never a decrease in 倍
        (Change(45.3, 43, "%"), "同比提高2.3个百分点"),  # a rate changes by 百分点
        (Change(41.5, 43, "%"), "同比下降1.5个百分点"),
        (Change(5, 6, "", published=-19.3), "同比下降19.3%"),  # a published rate is quoted as given
        (Change(5, 6, "", published=150.0), "同比增长150%"),
    ],
)
def test_year_on_year(change, expected):
    assert phrases.year_on_year(change) == expected


@pytest.mark.parametrize(
    "change, expected",
    [
        (Change(14, 6, "个"), "比上年增加8个"),
        (Change(4, 6, "个"), "比上年减少2个"),
        (Change(6, 6, "个"), "与上年持平"),
        (Change(2.5, 2.25, "亿元", decimals=2), "比上年增加0.25亿元"),
    ],
)
def test_than_last_year(change, expected):
    assert phrases.than_last_year(change) == expected


def test_multiples_targets_shares_breakdowns_ranges():
    assert phrases.multiple(Change(22, 10)) == "是上年的2.2倍"
    assert phrases.of_target(105, 100) == "完成年度目标的105%"
    assert phrases.target_result(105, 100) == "超额完成年度目标"
    assert phrases.target_result(100, 100) == "完成年度目标"
    assert phrases.target_result(923, 1000, "目标任务") == "完成目标任务的92.3%"
    assert phrases.share_of(35, 48) == "占总数的72.9%"
    assert phrases.breakdown([("A", 12), ("B", 8), ("C", 5)], "个") == "其中，A12个、B8个、C5个"
    assert phrases.value_range(30, 40, "%") == "30%～40%"
    assert phrases.value_range(100_000, 120_000, "元", scale="万") == "10万～12万元"
    assert phrases.scaled(53400, "元", "万", 2) == "5.34万元"
    assert phrases.scaled(2.5, "亿元", None, 2) == "2.50亿元"


def test_respectively_with_one_direction_and_with_mixed_directions():
    down = [Change(3, 6), Change(6, 7), Change(3, 7)]
    assert phrases.respectively(down) == "同比分别下降50%、14.3%、57.1%"
    assert phrases.respectively([Change(112, 100), Change(97, 100)]) == "同比分别增长12%、下降3%"
    assert phrases.respectively([Change(5, 5), Change(7, 7)]) == "均与上年持平"


NUMBERS = st.floats(min_value=0.001, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(now=NUMBERS, last=NUMBERS)
def test_no_sign_ever_follows_a_direction_word(now, last):
    for text in (phrases.year_on_year(Change(now, last)), phrases.than_last_year(Change(now, last, "个"))):
        assert not any(f"{word}-" in text for word in ("增长", "下降", "增加", "减少", "提高"))
        assert "e+" not in text and "e-" not in text and "," not in text  # GB/T 15835 digits


@given(value=st.floats(min_value=-1e15, max_value=1e15, allow_nan=False), places=st.integers(0, 4))
def test_number_text_keeps_declared_places_and_never_an_exponent(value, places):
    text = phrases.number_text(value, places)
    assert "e" not in text and "," not in text
    assert (len(text.split(".")[1]) == places) if places else ("." not in text)


# ---------------------------------------------------------------- the same from YAML, in the .docx

DATA = """\
发文机关: 新城街道办事处
年度: 2021
事由: 四城同创工作
成文日期: 2021-12-02
指标:
  宣传活动: {数值: 128, 单位: 场, 去年: 106.3}
  案件: {数值: 3, 单位: 件, 去年: 6}
  会议: {数值: 7, 单位: 次, 去年: 7}
  覆盖率: {数值: 45.3, 单位: "%", 去年: 43}
  信息: {数值: 22, 单位: 条, 去年: 10}
  收入: {数值: 5.3, 单位: 亿元, 同比: "-19.3%", 小数位: 2}
  标牌: {数值: 105, 单位: 个, 目标: 100}
  专栏: {数值: 923, 单位: 个, 目标: 1000}
  文明户: {数值: 35, 单位: 户, 总数: 户数}
  户数: {数值: 48, 单位: 户}
  摊位: {数值: 85, 单位: 个, 分项: {流动摊位: 52, 店外经营: 33}}
  资金: {数值: 53400, 单位: 元, 换算: 万}
  投诉: {数值: 112, 单位: 件, 去年: 100}
  回访: {数值: 97, 单位: 次, 去年: 100}
  两项: {分别: [投诉, 回访]}
正文:
  - 标题: 数字
    段落:
      - 开展宣传活动{{ 宣传活动 }}，{{ 宣传活动.同比 }}；办理案件{{ 案件 }}，{{ 案件.同比 }}，{{ 案件.比上年 }}。
      - 召开会议{{ 会议 }}，{{ 会议.同比 }}；覆盖率{{ 覆盖率 }}，{{ 覆盖率.同比 }}。
      - 报送信息{{ 信息 }}，{{ 信息.倍数 }}；收入{{ 收入 }}，{{ 收入.同比 }}。
      - 安装标牌{{ 标牌 }}，{{ 标牌.完成目标 }}，{{ 标牌.目标完成 }}；专栏{{ 专栏 }}，{{ 专栏.目标完成 }}。
      - 文明户{{ 文明户 }}，{{ 文明户.占比 }}；查处摊位{{ 摊位 }}，{{ 摊位.其中 }}；资金{{ 资金 }}。
      - 投诉和回访{{ 两项.同比 }}。
"""

EXPECTED = [
    "开展宣传活动128场，同比增长20.4%；办理案件3件，同比下降50%，比上年减少3件。",
    "召开会议7次，与上年持平；覆盖率45.3%，同比提高2.3个百分点。",
    "报送信息22条，是上年的2.2倍；收入5.30亿元，同比下降19.3%。",
    "安装标牌105个，完成年度目标的105%，超额完成年度目标；专栏923个，完成年度目标的92.3%。",
    "文明户35户，占总数的72.9%；查处摊位85个，其中，流动摊位52个、店外经营33个；资金5.34万元。",
    "投诉和回访同比分别增长12%、下降3%。",
]


def test_every_phrase_from_yaml_reads_back_from_the_docx(write_yaml, tmp_path):
    source = write_yaml(DATA)
    code, output = run_cli(["build", str(source), "-o", str(tmp_path / "out.docx")])
    assert code == 0, output
    paragraphs = [p.text for p in docx.Document(tmp_path / "out.docx").paragraphs]
    for sentence in EXPECTED:
        assert sentence in paragraphs
    assert not any(bad in "".join(paragraphs) for bad in ("增长-", "下降-", "增加-", "减少-"))


@pytest.mark.parametrize(
    "metric, reference, fragment",
    [
        ("{数值: 6, 单位: 次}", "{{ 工作会议.同比 }}", "没有填写“去年”"),
        ("{数值: 6, 单位: 次}", "{{ 工作会议.完成目标 }}", "没有填写“目标”"),
        ("{数值: 6, 单位: 次}", "{{ 工作会议.占比 }}", "没有写“总数”"),
        ("{数值: 6, 单位: 次}", "{{ 工作会议.其中 }}", "没有写“分项”"),
        ("{数值: 6, 单位: 次, 去年: 9}", "{{ 工作会议.倍数 }}", "只有增长时"),
        ("{数值: 6, 单位: 次, 去年: 9}", "下降{{ 工作会议.增幅 }}", "不能再带正负号"),
        ("{数值: 6, 单位: 次, 同比: 百分之五}", "{{ 工作会议.同比 }}", "应写成百分数"),
    ],
)
def test_a_phrase_that_cannot_be_said_is_a_located_message(write_yaml, metric, reference, fragment):
    from conftest import MINIMAL

    text = MINIMAL.replace("6次", metric).replace("{{ 工作会议 }}", reference)
    code, output = run_cli(["build", str(write_yaml(text))])
    assert code == 1 and fragment in output and "Traceback" not in output, output


@pytest.mark.parametrize(
    "metrics, paragraph, fragment",
    [
        ("  a: {数值: -5, 单位: 件, 去年: 3}\n", "{{ a.同比 }}", "增长率没有意义"),
        ("  a: {数值: 5, 单位: 件, 去年: -3}\n", "{{ a.倍数 }}", "只有增长时"),
        ("  a: {数值: 5, 单位: 件, 目标: -3}\n", "{{ a.完成目标 }}", "目标应为正数"),
        ("  a: {数值: 5, 单位: 件, 同比: '-150%'}\n", "{{ a.同比 }}", "不会达到或超过 100%"),
        ("  a: {数值: 5, 单位: 户, 总数: a}\n", "{{ a.占比 }}", "“总数”应为另一个已声明的指标"),
        ("  a: {数值: 5, 单位: 户, 总数: b}\n  b: {数值: 9, 单位: 人}\n", "{{ a.占比 }}", "单位不同不能算占比"),
        (
            "  a: {数值: 5, 单位: 户}\n  b: {数值: 3, 单位: 户}\n  g: {分别: [a, b]}\n  c: {数值: 5, 单位: 户, 总数: g}\n",
            "{{ c.占比 }}",
            "不是指标组",
        ),
        ("  a: {数值: 5, 单位: 户}\n  g: {分别: [a]}\n", "{{ g }}", "至少两个不同的指标"),
        ("  a: {数值: 5, 单位: 万元, 换算: 万}\n", "{{ a }}", "不能再“换算”"),
    ],
)
def test_figures_that_would_print_nonsense_are_refused(write_yaml, metrics, paragraph, fragment):
    text = DATA.split("指标:\n")[0] + "指标:\n" + metrics + "正文:\n  - 标题: 数字\n    段落: " + f'"{paragraph}"\n'
    for command in ("check", "build"):
        code, output = run_cli([command, str(write_yaml(text))])
        assert code == 1 and fragment in output and "Traceback" not in output and "内部错误" not in output, output


def test_an_amount_of_change_prints_in_the_scale_of_its_figure(write_yaml, tmp_path):
    data = """\
发文机关: 新城街道办事处
年度: 2022
事由: 综合治理工作
成文日期: 2022-12-20
指标:
  投入: {数值: 1234000, 单位: 元, 去年: 1000000, 换算: 万, 小数位: 1}
正文:
  - 标题: 经费保障
    段落: 全年投入{{ 投入 }}，{{ 投入.比上年 }}，{{ 投入.同比 }}。
"""
    assert phrases.amount(Change(1234000, 1000000, "元", scale="万", decimals=1)) == "增加23.4万元"
    code, output = run_cli(["build", str(write_yaml(data)), "-o", str(tmp_path / "out.docx")])
    assert code == 0, output
    texts = [p.text for p in docx.Document(tmp_path / "out.docx").paragraphs]
    assert "全年投入123.4万元，比上年增加23.4万元，同比增长23.4%。" in texts


RANGES = """\
发文机关: 新城街道办事处
年度: 2022
事由: 工作
成文日期: 2022-12-20
指标:
  增长预期: {区间: [8, 10], 单位: "%"}
  补贴: {区间: [30000, 50000], 单位: 元, 换算: 万}
  户数: {区间: [3, 5], 单位: 户}
正文:
  - 标题: 打算
    段落: 明年预计增长{{ 增长预期 }}，每户补贴{{ 补贴 }}，每村{{ 户数.区间 }}。
"""


def test_ranges_from_yaml_keep_the_unit_once_or_on_both_ends(write_yaml, tmp_path):
    code, output = run_cli(["build", str(write_yaml(RANGES)), "-o", str(tmp_path / "out.docx")])
    assert code == 0, output
    texts = [p.text for p in docx.Document(tmp_path / "out.docx").paragraphs]
    assert "明年预计增长8%～10%，每户补贴3万～5万元，每村3～5户。" in texts


@pytest.mark.parametrize(
    "change, fragment",
    [
        (("每村{{ 户数.区间 }}", "每村{{ 户数.同比 }}"), "指标“户数”是区间，只能写 {{ 户数 }}（印为“3～5户”），不能写 .同比"),
        (("[3, 5], 单位: 户}", "[5, 3], 单位: 户}"), "“区间”应写两个数、前小后大"),
        (("[3, 5], 单位: 户}", "[3, 5], 单位: 户, 去年: 4}"), "区间指标只写“区间”和“单位”（可选“小数位”“换算”），不写去年"),
    ],
)
def test_a_range_says_only_its_range(write_yaml, change, fragment):
    code, output = run_cli(["build", str(write_yaml(RANGES.replace(*change)))])
    assert code == 1 and fragment in output and "data.yaml:" in output, output


@pytest.mark.parametrize(
    "span, fragment",
    [
        ("{区间: [3, 5], 单位: 万元, 换算: 万}", "单位“万元”不能再“换算”为万"),
        ("{区间: [30100, 30400], 单位: 元, 换算: 万, 小数位: 0}", "“区间”两端印出来相同"),
        ("{区间: [true, 2], 单位: \"%\"}", "不能写 true/false"),
    ],
)
def test_a_range_gets_the_checks_a_value_gets(write_yaml, span, fragment):
    code, output = run_cli(["build", str(write_yaml(RANGES.replace('{区间: [8, 10], 单位: "%"}', span)))])
    assert code == 1 and fragment in output, output
