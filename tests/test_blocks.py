"""The block model: parsing template output, generated numbering, full-width punctuation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongwen.blocks import (
    Block,
    BlockSyntaxError,
    Kind,
    chinese_number,
    dump_blocks,
    heading_label,
    number_blocks,
    parse_blocks,
)
from gongwen.punctuation import clean, join_lines, to_full_width


def blocks(text: str) -> list[Block]:
    return number_blocks(parse_blocks(text))


def test_headings_are_numbered_per_level_and_reset_below():
    out = blocks(
        "【一级标题】甲\n【二级标题】乙\n【三级标题】丙\n【四级标题】丁\n【四级标题】戊\n"
        "【二级标题】己\n【三级标题】庚\n【一级标题】辛\n【二级标题】壬\n"
    )
    assert [b.full_text for b in out] == [
        "一、甲",
        "（一）乙",
        "1.丙",
        "（1）丁",
        "（2）戊",
        "（二）己",
        "1.庚",
        "二、辛",
        "（一）壬",
    ]


def test_points_become_paragraphs_numbered_yishi_and_restart_after_other_blocks():
    out = blocks("【要点】开辟阵地。设置专栏\n【要点】组织活动\n【正文】过渡\n【要点】再来\n")
    assert [b.text for b in out] == ["一是开辟阵地。设置专栏。", "二是组织活动。", "过渡", "一是再来。"]
    assert all(b.kind is Kind.PARAGRAPH for b in out)


def test_run_together_points_merge_into_one_paragraph():
    out = blocks("【正文】存在问题如下：\n【连写要点】资金不足\n【连写要点】进度不一；\n【连写要点】宣传不够\n")
    assert [b.text for b in out] == ["存在问题如下：", "一是资金不足。二是进度不一；三是宣传不够。"]


def test_untagged_lines_continue_the_block_above():
    out = parse_blocks("【正文】第一行\n第二行\n\n【署名】某单位\n")
    assert [(b.kind, b.text) for b in out] == [(Kind.PARAGRAPH, "第一行第二行"), (Kind.SIGNATURE, "某单位")]


@pytest.mark.parametrize("text, line", [("【正文】好\n【脚注】坏\n", 2), ("没有标签\n", 1)])
def test_bad_template_output_names_its_line(text, line):
    with pytest.raises(BlockSyntaxError) as caught:
        parse_blocks(text)
    assert caught.value.line == line


def test_dump_is_the_numbered_text_form():
    out = blocks("【标题】标题\n【一级标题】甲\n【要点】乙\n")
    assert dump_blocks(out) == "【标题】标题\n【一级标题】一、甲\n【正文】一是乙。\n"


@pytest.mark.parametrize("n, text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九")])
def test_chinese_numbers(n, text):
    assert chinese_number(n) == text


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numbers_are_distinct_and_use_only_numerals(n):
    text = chinese_number(n)
    assert set(text) <= set("一二三四五六七八九十")
    assert text != chinese_number(n % 99 + 1) or n == n % 99 + 1


def test_heading_labels_follow_gbt9704():
    assert [heading_label(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]


@pytest.mark.parametrize(
    "raw, cooked",
    [
        ("主管,负主责,具体抓", "主管，负主责，具体抓"),
        ("村(社区)干部", "村（社区）干部"),
        ("情况总结如下:", "情况总结如下："),
        ("要求;二是", "要求；二是"),
        ('"四城同创"工作', "“四城同创”工作"),
        ("1,000元和3.5%", "1,000元和3.5%"),
        ("LED显示屏", "LED显示屏"),
        ("A(B) c", "A(B) c"),
        ("结束.", "结束。"),
    ],
)
def test_half_width_punctuation_next_to_chinese_becomes_full_width(raw, cooked):
    assert to_full_width(raw) == cooked


def test_line_joins_drop_spaces_between_chinese_only():
    assert join_lines("开展了\n  文明创建 活动") == "开展了文明创建活动"
    assert join_lines("使用 LED  屏幕") == "使用 LED 屏幕"  # spaces beside Latin are kept, folded
    assert clean("召开会议 ,  部署工作") == "召开会议，部署工作"
