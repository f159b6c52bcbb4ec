"""The block model: parsing template output, generated numbering, full-width punctuation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongwen.wording.blocks import (
    Block,
    BlockSyntaxError,
    Kind,
    chinese_number,
    dump_blocks,
    heading_label,
    number_blocks,
    parse_blocks,
)
from gongwen.source.punctuation import clean, join_lines, to_full_width


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


@pytest.mark.parametrize(
    "n, text",
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (119, "一百一十九"),
        (120, "一百二十"),
        (200, "二百"),
        (999, "九百九十九"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (2305, "二千三百零五"),
        (9999, "九千九百九十九"),
        (10000, "一万"),
        (10010, "一万零一十"),
        (100000, "十万"),
        (1000001, "一百万零一"),
    ],
)
def test_chinese_numbers(n, text):
    assert chinese_number(n) == text


@pytest.mark.parametrize("n", [0, -1, 10**8])
def test_chinese_numbers_out_of_range_are_refused(n):
    with pytest.raises(ValueError):
        chinese_number(n)


_DIGIT_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}


def _parse_chinese(text: str) -> int:
    """An independent reader of Chinese numerals (the reference the writer must round-trip)."""
    if "万" in text:
        high, low = text.split("万")
        return _parse_chinese(high) * 10_000 + (_parse_chinese(low.lstrip("零")) if low else 0)
    total, digit = 0, None
    for char in text:
        if char in _UNIT_VALUES:
            total += (1 if digit is None else digit) * _UNIT_VALUES[char]
            digit = None
        elif char != "零":
            digit = _DIGIT_VALUES[char]
    return total + (digit or 0)


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numbers_round_trip(n):
    text = chinese_number(n)
    assert _parse_chinese(text) == n
    assert "零零" not in text and not text.endswith("零") and not text.startswith(("零", "一十"))


def test_points_and_headings_are_numbered_past_one_hundred():
    out = blocks("".join(f"【一级标题】节{i}\n【二级标题】小节{i}\n" for i in range(1, 121)) + "【要点】甲\n" * 105)
    labels = [b.label for b in out if b.level == 1]
    assert labels[98:101] == ["九十九、", "一百、", "一百零一、"] and labels[-1] == "一百二十、"
    points = [b.text for b in out if b.kind is Kind.PARAGRAPH]
    assert points[99] == "一百是甲。" and points[104] == "一百零五是甲。"
    assert heading_label(3, 100) == "100." and heading_label(4, 1000) == "（1000）"


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


def test_cli_builds_120_sections_with_100_points_and_subsections(tmp_path):
    """100 or more items at one level once raised ``ValueError: 序号超出范围：100``."""
    from conftest import run_cli

    lines = ["发文机关: 新城街道办事处", "年度: 2021", "事由: 四城同创工作", "成文日期: 2021-12-02", "正文:"]
    for i in range(1, 120):
        lines += [f"  - 标题: 第{i}项工作", "    段落:", f"      - 开展第{i}项工作。"]
    lines += ["  - 标题: 第120项工作", "    要点:", *[f"      - 内容: 要点{j}" for j in range(1, 102)], "    小节:"]
    lines += [f"      - 标题: 小节{j}\n        段落: [内容。]" for j in range(1, 102)]
    data = tmp_path / "多节.yaml"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = run_cli(["build", str(data), "--to", "blocks", "-o", str(tmp_path / "多节.blocks")])
    assert code == 0, output
    text = (tmp_path / "多节.blocks").read_text(encoding="utf-8")
    assert "【一级标题】一百二十、第120项工作" in text and "【正文】一百零一是要点101。" in text
    assert "【二级标题】（一百零一）小节101" in text
    code, output = run_cli(["build", str(data), "-o", str(tmp_path / "多节.docx")])
    assert code == 0 and (tmp_path / "多节.docx").is_file(), output
