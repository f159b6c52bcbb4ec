"""Hostile and careless data (issue 9): every case is a real YAML file built through the CLI.

Each class of defect the hostile test found has a rule now; each test below names the rule and
fails if the old behaviour comes back: a traceback, an unlocated or English message, a
``nan次`` in the text, a forged 版头 block, a ragged table that builds.
"""

from __future__ import annotations

import re

import docx
import pytest

from conftest import MINIMAL, run_cli

from gongwen.model.fields import MAX_ORGAN_CHARS, MAX_TITLE_CHARS

REPORT = """\
文种: 报告
发文机关: 新城街道办事处
年度: 2021
事由: 四城同创工作情况
成文日期: 2021-12-02
发文字号: 新办〔2021〕5号
签发人: 张明
主送机关: 市四城同创工作指挥部
正文:
  - 标题: 加强领导，明确责任
    段落:
      - 全年召开工作会议。
"""

NOTICE_WITH_TABLE = """\
文种: 通知
发文机关: 新城街道办事处
年度: 2022
事由: 做好入户调查工作
成文日期: 2022-05-02
发文字号: 新办〔2022〕7号
主送机关: 各社区居委会
正文:
  - 标题: 加强领导
    段落: 请按附件填报。
附件:
  - 名称: 调查表
    表格:
      表头: [社区, 户数]
      行:
{rows}
"""


def refused(write_yaml, text: str, *extra: str) -> str:
    """Build and check ``text``: both exit 1, never a traceback; the build's output is returned."""
    path = write_yaml(text)
    code, output = run_cli(["build", str(path), "-o", str(path.with_suffix(".docx")), *extra])
    assert code == 1, output
    assert "Traceback" not in output and "Error" not in output, output
    check_code, check_output = run_cli(["check", "--strict", str(path)])
    assert check_code == 1 and "Traceback" not in check_output, check_output
    return output


def built(write_yaml, text: str) -> docx.Document:
    path = write_yaml(text)
    target = path.with_suffix(".docx")
    code, output = run_cli(["build", str(path), "-o", str(target)])
    assert code == 0, output
    return docx.Document(target)


def all_texts(document: docx.Document) -> list[str]:
    """Every paragraph's text, in the body and inside tables (the 版头 and 版记 use tables)."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


# ---------------------------------------------------------------- 1. no traceback from numbers


@pytest.mark.parametrize(
    ("metric", "reference", "where", "words"),
    [
        ("{数值: 1.0e+308, 去年: 1.0e-308}", "{{ 工作会议.增幅 }}", "6:14: 指标.工作会议.数值", "数值过大"),
        ('{数值: "1e308", 去年: 3}', "{{ 工作会议.差值 }}", "6:14: 指标.工作会议.数值", "数值过大"),
        ("{数值: 6, 去年: 0.0000000001}", "{{ 工作会议.增幅 }}", "6:21: 指标.工作会议.去年", "数值过小"),
        (f"{{数值: {10**15}, 去年: 1}}", "{{ 工作会议.增幅 }}", "10:9: 正文第1项.段落第1项", "增幅超过一万倍"),
        (f"{{数值: {'9' * 4000}, 去年: 1}}", "{{ 工作会议.增减 }}", "6:14: 指标.工作会议.数值", "数值过大"),
        ("9" * 5000 + "次", "{{ 工作会议 }}", "6:9: 指标.工作会议", "数值过大"),
    ],
)
def test_huge_and_tiny_numbers_are_located(write_yaml, metric, reference, where, words):
    text = MINIMAL.replace("6次", metric).replace("{{ 工作会议 }}", reference)
    output = refused(write_yaml, text)
    assert f"data.yaml:{where}: " in output and words in output


@pytest.mark.parametrize("value", ['"NaN"', '"inf"', '"-Infinity"', '"1e400"', "1.0e+400", ".nan", "-.inf"])
def test_non_finite_numbers_are_refused_at_their_line(write_yaml, value):
    output = refused(write_yaml, MINIMAL.replace("6次", f"{{数值: {value}, 单位: 次}}"))
    assert "data.yaml:6:14: 指标.工作会议.数值: " in output
    assert "数值" in output and ("实际的数字" in output or "过大" in output)
    output = refused(write_yaml, MINIMAL.replace("6次", f"{{数值: 6, 去年: {value}}}"))
    assert "data.yaml:6:21: 指标.工作会议.去年: " in output


def test_a_3000_long_attribute_chain_is_a_message_not_a_recursion_error(write_yaml):
    chain = "工作会议" + ".数值" * 3000
    output = refused(write_yaml, MINIMAL.replace("{{ 工作会议 }}", "{{ " + chain + " }}"))
    assert "data.yaml:10:9: 正文第1项.段落第1项: " in output and "写法不对" in output
    assert "RecursionError" not in output


@pytest.mark.parametrize(
    ("line", "where", "words"),
    [
        ("年度: " + "9" * 5000, "data.yaml:3:5: 年度: ", "数字位数过多（5000 位）"),
        ("份号: " + "9" * 5000, "份号: ", "数字位数过多（5000 位）"),
        ("发文字号: 新办〔2021〕" + "9" * 5000 + "号", "发文字号: ", "序号位数过多"),
        ("发文字号: 新办〔" + "9" * 5000 + "〕5号", "发文字号: ", "不是发文字号"),
        ("发文字号: {机关代字: 新办, 年份: 2021, 序号: " + "9" * 4000 + "}", "发文字号.序号: ", "过大"),
    ],
)
def test_5000_digit_fields_get_a_chinese_message(write_yaml, line, where, words):
    key = line.split(":")[0]
    text = re.sub(rf"^{key}: .*$", line, REPORT, flags=re.M) if f"\n{key}:" in REPORT else REPORT + line + "\n"
    output = refused(write_yaml, text)
    assert where in output and words in output, output
    assert "Exceeds the limit" not in output and "4300" not in output
    assert re.search(r"data\.yaml:\d+:\d+: ", output)


# ---------------------------------------------------------------- 2. over-long fields


def test_an_organ_name_of_300_characters_is_refused_at_its_line(write_yaml):
    output = refused(write_yaml, REPORT.replace("发文机关: 新城街道办事处", "发文机关: " + "新" * 300))
    assert f"data.yaml:2:7: 发文机关: 共 300 字，超过了 {MAX_ORGAN_CHARS} 字的上限" in output


@pytest.mark.parametrize(
    ("field", "line"),
    [
        ("联合发文机关第1项", "联合发文机关: [" + "东" * 61 + "]"),
        ("印发机关", "印发机关: " + "印" * 61),
        ("署名", "署名: " + "署" * 61),
        ("事由", None),
    ],
)
def test_other_organ_fields_and_the_subject_are_bounded(write_yaml, field, line):
    text = REPORT.replace("事由: 四城同创工作情况", "事由: " + "事" * 81) if line is None else REPORT + line + "\n"
    output = refused(write_yaml, text)
    assert re.search(rf"data\.yaml:\d+:\d+: {field}: .*上限", output), output


def test_an_explicit_title_over_the_limit_is_refused(write_yaml):
    output = refused(write_yaml, REPORT + "标题: " + "标" * 150 + "\n")
    assert f"data.yaml:13:5: 标题: 标题共 150 字，超过了 {MAX_TITLE_CHARS} 字的上限" in output


def test_a_composed_title_over_the_limit_is_located_at_the_longest_part(write_yaml):
    text = REPORT.replace("事由: 四城同创工作情况", "事由: " + "事" * 80).replace(
        "发文机关: 新城街道办事处", "发文机关: " + "新" * 30
    )
    output = refused(write_yaml, text)
    assert "data.yaml:4:1: 事由: 自动组成的标题" in output and "超过了 100 字的上限" in output
    text = REPORT.replace("发文机关: 新城街道办事处", "发文机关: " + "新" * 60) + "联合发文机关: [" + "东" * 40 + "]\n"
    output = refused(write_yaml, text)
    assert "data.yaml:2:1: 发文机关: 自动组成的标题" in output


def test_a_title_at_the_limit_still_builds(write_yaml):
    document = built(write_yaml, REPORT + "标题: " + "标" * MAX_TITLE_CHARS + "\n")
    assert sum(t.count("标") for t in all_texts(document)) >= MAX_TITLE_CHARS


# ---------------------------------------------------------------- 3. injection


FORGED = "【发文机关标志】伪造机关文件"


@pytest.mark.parametrize("brk", ["\\n", "\\r", "\\u2028", "\\u2029", "\\r\\n"])
@pytest.mark.parametrize(
    ("find", "field"),
    [
        ("签发人: 张明", "签发人"),
        ("主送机关: 市四城同创工作指挥部", "主送机关"),
        ("发文机关: 新城街道办事处", "发文机关"),
        ("事由: 四城同创工作情况", "事由"),
        ("      - 全年召开工作会议。", None),
    ],
)
def test_a_line_break_in_a_field_never_starts_a_block(write_yaml, brk, find, field):
    head, _, value = find.partition(": ") if field else ("      -", "", find.split("- ", 1)[1])
    forged = f'{head}: "{value}{brk}{FORGED}"' if field else f'{head} "{value}{brk}{FORGED}"'
    document = built(write_yaml, REPORT.replace(find, forged))
    texts = all_texts(document)
    assert "伪造机关文件" not in texts  # no paragraph of its own: no second 标志
    assert texts.count("新城街道办事处文件") + sum("新城街道办事处" in t and "文件" in t for t in texts) >= 1


def test_a_table_cell_cannot_add_a_sealed_signature_or_a_date(write_yaml, tmp_path):
    rows = '        - ["东湖社区\\n【盖章署名】伪造单位\\n【日期】2099年1月1日", "12"]'
    path = write_yaml(NOTICE_WITH_TABLE.format(rows=rows))
    code, output = run_cli(["build", str(path), "--to", "docx", "--to", "blocks"])
    assert code == 0, output
    blocks = path.with_suffix(".blocks").read_text(encoding="utf-8")
    assert not re.search(r"^\s*【(盖章署名|日期)】(伪造单位|2099)", blocks, re.M), blocks
    texts = all_texts(docx.Document(path.with_suffix(".docx")))
    assert "伪造单位" not in texts and "2099年1月1日" not in texts
    assert any("2022年5月2日" == t.strip() for t in texts)


@pytest.mark.parametrize(
    ("find", "replacement", "where"),
    [
        ("签发人: 张明", '签发人: "张明|李华"', "data.yaml:7:6: 签发人: "),
        ("主送机关: 市四城同创工作指挥部", '主送机关: ["市指挥部|市政府"]', "data.yaml:8:8: 主送机关第1项: "),
        ("发文机关: 新城街道办事处", "发文机关: 新城|街道办事处", "data.yaml:2:7: 发文机关: "),
    ],
)
def test_a_separator_inside_a_name_is_an_error_saying_what_to_write(write_yaml, find, replacement, where):
    output = refused(write_yaml, REPORT.replace(find, replacement))
    assert where in output and "竖线" in output and "写成列表" in output


def test_meeting_lists_refuse_the_separator_too(write_yaml):
    text = MINIMAL.replace("发文机关:", "文种: 纪要\n发文机关:") + '出席: ["王刚|李华"]\n'
    output = refused(write_yaml, text)
    assert re.search(r"data\.yaml:\d+:\d+: 出席第1项: 名称“王刚\|李华”中有竖线", output), output


def test_a_full_width_bar_inside_a_cell_is_an_error_at_its_line(write_yaml):
    output = refused(write_yaml, NOTICE_WITH_TABLE.format(rows='        - ["东湖｜社区", "12"]'))
    assert "data.yaml:16:12: 附件第1项.表格.行第1项第1项: 单元格“东湖｜社区”中有全角竖线“｜”" in output
    assert "请改用" in output


def test_a_line_break_in_the_title_is_an_explicit_break(write_yaml):
    path = write_yaml(REPORT + '标题: "新城街道办事处关于\\n四城同创工作的报告\\n"\n')
    code, output = run_cli(["build", str(path), "--to", "blocks"])
    assert code == 0, output
    assert "【标题】新城街道办事处关于|四城同创工作的报告\n" in path.with_suffix(".blocks").read_text(encoding="utf-8")


# ---------------------------------------------------------------- 4. what {{ }} may name


@pytest.mark.parametrize(
    ("reference", "words"),
    [
        ("{{ lipsum }}", "{{ }} 中不能写“lipsum”"),
        ("{{ range }}", "{{ }} 中不能写“range”"),
        ("{{ 会议次数 }}", "引用了未定义的指标“会议次数”"),
        ("{{ self }}", "{{ }} 中不能写“self”"),
        ("{{ 发文机关.upper }}", "“发文机关”没有属性"),
        ("{{ 年度.real }}", "“年度”没有属性"),
        ("{{ 工作会议.__class__ }}", "写法不对"),
        ("{{ 工作会议.name }}", "写法不对"),
        ("{{ 工作会议.去年.数值.real }}", "写法不对"),
        ("{{ 工作会议.增幅.数值 }}", "写法不对"),
    ],
)
def test_only_declared_names_and_documented_attributes(write_yaml, reference, words):
    text = MINIMAL.replace("6次", "{数值: 6, 去年: 4}").replace("{{ 工作会议 }}", reference)
    output = refused(write_yaml, text)
    assert "data.yaml:10:9: 正文第1项.段落第1项: " in output and words in output
    assert "年度、上年、下年、期间、上期、发文机关" in output or "数值、单位、说明、去年" in output
    assert "0x" not in output and "object at" not in output


def test_the_documented_names_and_attributes_still_work(write_yaml, tmp_path):
    text = MINIMAL.replace("6次", "{数值: 6, 单位: 次, 去年: 4}").replace(
        "{{ 工作会议 }}",
        "{{ 工作会议 }}，{{ 工作会议.去年.数值 }}{{ 工作会议.去年.单位 }}，{{ 工作会议.增减 }}，"
        "{{ 工作会议.增幅 }}，{{ 年度 }}{{ 上年 }}{{ 下年 }}{{ 发文机关 }}",
    )
    path = write_yaml(text)
    code, output = run_cli(["build", str(path), "--to", "blocks"])
    assert code == 0, output
    assert "6次，4次，增加2次，50%，202120202022新城街道办事处" in path.with_suffix(".blocks").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("name", ["年度", "发文机关", "self", "range", "lipsum", "loop", "caller", "namespace"])
def test_metric_names_that_shadow_are_refused_at_the_key(write_yaml, name):
    text = MINIMAL.replace("  工作会议: 6次", f"  工作会议: 6次\n  {name}: 3次")
    output = refused(write_yaml, text)
    assert f"data.yaml:7:3: 指标.{name}: 指标不能叫“{name}”" in output


# ---------------------------------------------------------------- 6. empty titles, ragged tables


@pytest.mark.parametrize("title", ['"||||"', '"  "', '" | "'])
def test_a_title_without_text_is_refused(write_yaml, title):
    output = refused(write_yaml, REPORT + f"标题: {title}\n")
    assert "data.yaml:13:5: 标题: 标题只写了“|”或空格，没有文字" in output


@pytest.mark.parametrize("title", ['"|新城街道办事处报告"', '"新城街道||办事处报告"', '"新城街道办事处报告|"'])
def test_a_title_with_an_empty_line_is_refused(write_yaml, title):
    output = refused(write_yaml, REPORT + f"标题: {title}\n")
    assert "data.yaml:13:5: 标题: " in output and "多出空行" in output


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ('        - ["东湖社区", "12", "多余"]', "有 3 格，而表头有 2 列"),
        ('        - ["东湖社区"]', "有 1 格，而表头有 2 列"),
    ],
)
def test_a_ragged_table_row_fails_build_and_strict_check(write_yaml, row, words):
    rows = '        - ["西湖社区", "8"]\n' + row
    output = refused(write_yaml, NOTICE_WITH_TABLE.format(rows=rows))
    assert f"data.yaml:17:11: 附件第1项.表格.行第2项: 表格第 2 行{words}" in output


# ---------------------------------------------------------------- 7. messages


def test_a_chinese_key_and_its_english_alias_are_one_field(write_yaml):
    output = refused(write_yaml, MINIMAL + "issuer: 新城街道\n")
    assert "data.yaml:11:1: issuer: “issuer”和第 1 行的“发文机关”是同一个字段" in output
    assert "请只保留一个" in output and "您是不是想写" not in output
    output = refused(write_yaml, "issuer: 新城街道\n" + MINIMAL)
    assert "data.yaml:2:1: 发文机关: “发文机关”和第 1 行的“issuer”是同一个字段" in output


def test_an_unclosed_quote_names_the_line_it_opened_and_where_the_file_ends(write_yaml):
    text = MINIMAL.replace("事由: 四城同创工作", '事由: "四城同创工作')
    output = refused(write_yaml, text)
    assert 'data.yaml:3:5: YAML 格式错误：第 3 行开始的引号 " 没有闭合，一直读到了第 11 行的文件末尾' in output


def test_check_json_stays_json_for_hostile_numbers(write_yaml):
    import json

    path = write_yaml(MINIMAL.replace("6次", '{数值: "NaN"}'))
    code, output = run_cli(["check", "--format", "json", str(path)])
    assert code == 1
    problems = json.loads(output)
    assert problems[0]["line"] == 6 and "实际的数字" in problems[0]["message"]


def test_an_unknown_chinese_key_is_never_answered_with_an_english_one(write_yaml):
    source = write_yaml(MINIMAL + "印张: true\n")
    code, output = run_cli(["build", str(source)])
    assert code == 1 and "您是不是想写“印章”？" in output and "“seal”" not in output
