"""Safe loading: safe schema only, marks for every value, limits against hostile input, encodings."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from conftest import MINIMAL

from gongwen.errors import InputError
from gongwen.source.loader import MAX_DEPTH, MAX_NODES
from gongwen.source.reading import load_file


def refusal(path) -> str:
    """The one-line message ``load_file`` gives for a refused file (fails if it loads)."""
    with pytest.raises(InputError) as caught:
        load_file(path)
    return caught.value.format_message()


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object/apply:os.system ['echo pwned']",
        "!!python/object/apply:subprocess.check_output [['id']]",
        "!!python/object:builtins.object {}",
        "!!python/object/new:os.system ['echo pwned']",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!python/tuple [1, 2]",
    ],
)
def test_python_tags_are_refused_with_a_message(write_yaml, value):
    message = refusal(write_yaml(f"{MINIMAL}结语: {value}\n"))
    assert "data.yaml:11:" in message and "不允许的 YAML 标签“!!python/" in message
    assert "出于安全考虑" in message


def test_other_tags_are_refused(write_yaml):
    message = refusal(write_yaml(f"{MINIMAL}结语: !!set {{a, b}}\n"))
    assert "data.yaml:11:5: 结语: 不允许的 YAML 标签“!!set”" in message


def test_marks_record_line_and_column_of_keys_and_values(write_yaml):
    loaded = load_file(write_yaml(MINIMAL))
    assert loaded.key_marks[("年度",)] == (2, 1)
    assert loaded.value_marks[("年度",)] == (2, 5)
    assert loaded.value_marks[("正文", 0, "段落", 0)] == (10, 9)
    assert loaded.locate(("正文", 0, "没有这个键")) == (8, 5)  # the item after "- "


def test_locate_in_text_finds_the_character_inside_block_scalars(write_yaml):
    path = write_yaml("导语: |-\n  第一行\n  第二行有xx次\n结语: '单引号''里''的xx'\n")
    loaded = load_file(path)
    text = loaded.data["导语"]
    assert loaded.locate_in_text(("导语",), text, text.index("xx"), 2) == (3, 7)
    closing = loaded.data["结语"]
    assert loaded.locate_in_text(("结语",), closing, closing.index("xx"), 2) == (4, 15)  # '' counts twice in the source


def test_all_duplicate_keys_are_reported_in_one_run(write_yaml):
    message = refusal(write_yaml(MINIMAL + "年度: 2022\n事由: 别的\n正文: []\n"))
    assert "data.yaml:11:1: 年度: 键“年度”重复（第 2 行已出现）" in message
    assert "data.yaml:12:1: 事由: 键“事由”重复（第 3 行已出现）" in message
    assert "data.yaml:13:1: 正文: 键“正文”重复（第 7 行已出现）" in message
    assert "共发现 3 处问题" in message


def test_duplicate_keys_inside_nested_mappings(write_yaml):
    text = MINIMAL.replace("  工作会议: 6次\n", "  工作会议: 6次\n  工作会议: 7次\n")
    assert "data.yaml:7:3: 指标.工作会议: 键“工作会议”重复（第 6 行已出现）" in refusal(write_yaml(text))


def test_merge_keys_may_be_overridden_without_a_duplicate_error(write_yaml):
    loaded = load_file(write_yaml("基础: &b {单位: 次, 数值: 1}\n指标:\n  会议:\n    <<: *b\n    数值: 6\n"))
    assert loaded.data["指标"]["会议"] == {"单位": "次", "数值": 6}


def _timed_refusal(path) -> tuple[str, float]:
    start = time.perf_counter()
    message = refusal(path)
    return message, time.perf_counter() - start


def test_billion_laughs_is_refused_quickly(write_yaml):
    lines = ["a: &a [" + ", ".join(["哈"] * 9) + "]"]
    for n, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[n]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    message, seconds = _timed_refusal(write_yaml("\n".join(lines) + "\n"))
    assert f"超过 {MAX_NODES} 个" in message and "别名" in message
    assert seconds < 3


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 5000 + "]" * 5000 + "\n",  # flow nesting: PyYAML's composer would overflow the stack
        "a: " + "{b: " * 3000 + "1" + "}" * 3000 + "\n",
        "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n",  # block nesting
        "a: &a [*a]\n",  # an alias of itself
    ],
    ids=["flow-seq", "flow-map", "block", "recursive-alias"],
)
def test_deep_nesting_is_refused_quickly(write_yaml, text):
    message, seconds = _timed_refusal(write_yaml(text))
    assert f"嵌套层数超过 {MAX_DEPTH} 层" in message
    assert re.search(r"data\.yaml:\d+:\d+: ", message)
    assert seconds < 3


def test_oversized_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (3 * 1024 * 1024) + b"\n")
    message, seconds = _timed_refusal(path)
    assert "big.yaml:1:1: 文件过大（超过 2 MB 的上限）" in message and seconds < 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="没有 /dev/zero")
def test_endless_device_is_not_read_to_the_end():
    message, seconds = _timed_refusal("/dev/zero")
    assert "不是普通文件" in message and seconds < 2


def test_many_nodes_are_refused_before_building(write_yaml):
    text = "结语:\n" + "".join(f"  - 段{i}\n" for i in range(MAX_NODES + 10))
    message, seconds = _timed_refusal(write_yaml(text))
    assert "内容项过多" in message and seconds < 5


def test_utf8_with_bom_is_read(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert load_file(path).data["年度"] == 2021


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "utf16.yaml"
    path.write_bytes(MINIMAL.encode("utf-16"))  # Python writes a BOM
    assert load_file(path).data["发文机关"] == "新城街道办事处"


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_gbk_is_refused_naming_the_encoding_and_how_to_resave(tmp_path, codec):
    path = tmp_path / "ansi.yaml"
    path.write_bytes(MINIMAL.encode(codec))
    message = refusal(path)
    assert "ansi.yaml:1:1: 文件是 GBK/GB18030 编码" in message and "另存为" in message and "UTF-8" in message


def test_damaged_utf8_names_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "damaged.yaml"
    raw = MINIMAL.encode("utf-8")
    at = raw.index("四城同创".encode("utf-8"))
    path.write_bytes(raw[:at] + b"\xff" + raw[at:])
    message = refusal(path)
    assert "damaged.yaml:3:5: 这里有不是 UTF-8 的字节（0xFF）" in message


def test_nul_byte_is_refused(tmp_path):
    path = tmp_path / "nul.yaml"
    path.write_bytes(MINIMAL.encode("utf-8") + b"\x00\x01")
    assert "nul.yaml:11:1: 文件含有空字符" in refusal(path)


def test_raw_control_character_is_refused_with_line_and_code_point(write_yaml):
    message = refusal(write_yaml(MINIMAL.replace("全年召开", "全年\x07召开")))
    assert "data.yaml:10:11: 含有不可见的控制字符 U+0007" in message


def test_tab_indentation_is_explained(write_yaml):
    message = refusal(write_yaml(MINIMAL.replace("  - 标题", "\t- 标题")))
    assert "data.yaml:8:1: 缩进中使用了制表符（Tab）" in message and "空格" in message


@pytest.mark.parametrize(
    "line, where",
    [
        ("结语: {{ 工作会议 }}次会议。", "11:"),  # YAML error inside the flow mapping
        ("结语: {{ 工作会议 }}", "11:5"),  # parses, as a mapping whose key is a mapping
        ("结语:\n  - {{ 年度 }}年，全年召开会议。", "12:"),
    ],
)
def test_unquoted_braces_get_a_specific_message(write_yaml, line, where):
    message = refusal(write_yaml(f"{MINIMAL}{line}\n"))
    assert f"data.yaml:{where}" in message and "必须整段加引号" in message


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("a: [1, 2\n", "方括号"),
        ("a: 'x\n", "第 1 行开始的引号 ' 没有闭合，一直读到了第 2 行的文件末尾"),
        ("a: b: c\n", "此处不能出现“键: 值”"),
        ("a: 1\n---\nb: 2\n", "只能有一份文档"),
        ("a: @x\n", "不能作为值的开头"),
        ('a: "\\q"\n', "未知的转义字符"),
        ("a: *nope\n", "未定义的锚点"),
    ],
)
def test_syntax_errors_are_translated_with_line_and_column(write_yaml, text, fragment):
    message = refusal(write_yaml(text))
    assert "data.yaml:" in message and fragment in message
    assert "YAML 格式错误" in message or "YAML" in message


def test_empty_and_comment_only_files(write_yaml):
    assert "文件是空的" in refusal(write_yaml(""))
    assert "文件是空的" in refusal(write_yaml("# 只有注释\n"))


def test_missing_file_and_directory(tmp_path):
    assert "文件不存在" in refusal(tmp_path / "none.yaml")
    assert "这是一个文件夹" in refusal(tmp_path)


def test_impossible_date_and_huge_number_are_located(write_yaml):
    message = refusal(write_yaml(MINIMAL.replace("2021-12-02", "2021-02-30")))
    assert "data.yaml:4:7: 成文日期: 无法识别的值" in message
    message = refusal(write_yaml(MINIMAL.replace("6次", "1" + "0" * 5000)))
    assert "data.yaml:6:9: 指标.工作会议: 数字位数过多（5001 位）" in message


def test_loader_problems_carry_rule_ids(write_yaml):
    with pytest.raises(InputError) as caught:
        load_file(write_yaml(MINIMAL + "年度: 2022\n"))
    assert [p.rule for p in caught.value.problems] == ["GW004"]
