"""Checks that real drafts need (issue 12): GW101's masks and GW118–GW121, on YAML files on disk.

Each rule: what it finds, the exact ``file:line:col: 级别: 字段: 说明`` line ``gongwen check`` prints,
and real passages — every bundled example, the seed, official-document prose with quotes,
book titles, tables and name lists — that must stay quiet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, FIXTURES, MINIMAL, run_cli

from gongwen.lint import ERROR, RULES, WARNING, lint, pairs
from gongwen.lint.draft import blank_figures, typed_part_label
from gongwen.lint.pairs import commas_between_pairs, unbalanced
from gongwen.lint.text import find_placeholders
from gongwen.source.reading import load_file

NEW_RULES = ("GW118", "GW119", "GW120", "GW121")
SEED_PAGE = sorted(Path("/work/shared/seed").glob("*.txt"))  # the web page the project started from
ALL_EXAMPLES = sorted(EXAMPLES.rglob("*.yaml"))  # with the 社区 of the roll-up example


@pytest.fixture
def pairs_on(monkeypatch):
    """GW121 switched on (it is off until the bundled examples drop their 《A》、《B》)."""
    monkeypatch.setattr(pairs, "COMMA_BETWEEN_PAIRS_ON", True)


def with_paragraph(text: str) -> str:
    """MINIMAL with its one paragraph (line 10, text from column 9) replaced by ``text``."""
    return MINIMAL.replace("全年召开工作会议{{ 工作会议 }}。", text)


def with_heading(heading: str) -> str:
    """MINIMAL with its one heading (line 8, text from column 9) replaced by ``heading``."""
    return MINIMAL.replace("加强领导，明确责任", heading)


def check(path, *options: str) -> tuple[int, list[str]]:
    code, output = run_cli(["check", *options, str(path)])
    return code, output.rstrip("\n").split("\n")


def rules_found(path) -> list[str]:
    return [p.rule for p in lint(load_file(path))]


def test_the_new_rules_have_ids_severities_and_chinese_summaries():
    assert {r: RULES[r].severity for r in NEW_RULES} == {
        "GW118": ERROR,
        "GW119": ERROR,
        "GW120": WARNING,
        "GW121": WARNING,
    }
    assert all(any("\u4e00" <= c <= "\u9fff" for c in RULES[r].summary) for r in NEW_RULES)


# ---------------------------------------------------------------- GW101: masks, 20xx, ○○


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("完成*件，占总数的*%", ["*", "*"]),
        ("*月*日召开", ["*", "*"]),
        ("共＊人参加", ["＊"]),
        ("第*号楼", ["*"]),
        ("在*社区*个小区开展", ["*", "*"]),
        ("张*同志参加", ["*"]),
        ("全区*-*月规上工业收入累计*亿元", ["*", "*", "*"]),
        ("201*年9月4日", ["*"]),
        ("根据市委办〔20**〕91号文件", ["**"]),
        ("20**年", ["**"]),
        ("20xx年", ["xx"]),
        ("XX年XX月", ["XX", "XX"]),
        ("xx月xx日", ["xx", "xx"]),
        ("２０ＸＸ年", ["ＸＸ"]),
        ("召开会议○○次", ["○○"]),
        ("完成____件", ["____"]),
        ("完成＿＿件", ["＿＿"]),
    ],
)
def test_masks_and_unfilled_years_are_placeholders(text, tokens):
    assert [m.group() for m in find_placeholders(text)] == tokens


@pytest.mark.parametrize(
    "text",
    [
        "带*号的为必填项，标*的项目须在月底前完成",
        "完成率*",  # a footnote mark…
        "注：*为预计数",  # …and its legend
        "面积3*4米，A*B两类",
        "*重点*工作要抓紧",  # emphasis typed as in Markdown, not a figure
        "* 开展宣传",  # a Markdown list bullet
        "2022年全年",
        "开通12345热线",
        "二○○八年以来",
        "开展X射线检查",
    ],
)
def test_an_asterisk_that_is_not_a_mask_is_not_a_placeholder(text):
    assert list(find_placeholders(text)) == []


def test_a_single_mask_is_reported_with_line_and_column(write_yaml):
    path = write_yaml(with_paragraph('"共完成*件{{ 工作会议 }}。"'))
    code, lines = check(path)
    assert code == 1
    assert lines[0].startswith(f"{path}:10:13: 正文第1项.段落第1项: 未填写的占位符“*”：“共完成*件")
    assert "请换成实际内容；数字请写进“指标”" in lines[0]


# ---------------------------------------------------------------- GW118 blank figures


@pytest.mark.parametrize(
    "text, blanks",
    [
        ("召开会议  次", ["  "]),
        ("完成　　件", ["\u3000\u3000"]),
        ("召开会议\u3000次", ["\u3000"]),
        ("于2022年  月  日前完成", ["  ", "  "]),
        ("20  年", ["  "]),
        ("增长   %", ["   "]),
        ("投入资金  万元", ["  "]),
        ("年  月  日", ["  ", "  "]),
    ],
)
def test_blanks_where_a_figure_should_be_are_found(text, blanks):
    assert [m.group() for m in blank_figures(text)] == blanks


@pytest.mark.parametrize(
    "text",
    [
        "  全市开展“四城同创”工作以来",  # the seed's indentation
        "\u3000\u3000全市开展“四城同创”工作以来",  # full-width indentation, as Word pastes it
        "召开会议 次",  # one space: a folded YAML line, joined up in the output
        "张\u3000明",  # a two-character name padded to three
        "合\u3000计",
        "日  期",  # a spaced table header
        "召开会议{{ 工作会议 }}  次",  # odd spacing, but the figure is there
        "完成32  个",
        "办事处  党工委",  # a double space between words, no figure missing
        "第一书记  驻村",
        "王  元",  # a name padded with two spaces, as name lists do
        "欧阳  元",
    ],
)
def test_blanks_that_are_not_a_missing_figure_stay_quiet(text):
    assert list(blank_figures(text)) == []


def test_a_blank_figure_is_an_error_with_line_and_column(write_yaml):
    path = write_yaml(with_paragraph("全年召开工作会议  次，{{ 工作会议 }}。"))
    code, lines = check(path)
    assert code == 1
    assert lines == [
        f"{path}:10:17: 正文第1项.段落第1项: “…召开工作会议  次，{{…”中“次”前留了空白（2 个空格），"
        "应是没填的数字。请填上实际数字：写进“指标”，再用 {{ 指标名 }} 引用；不是数字的空白请删去。",
        "检查完毕：1 个错误，0 个警告。",
    ]


def test_a_blank_figure_cannot_be_switched_off_and_stops_build(write_yaml):
    path = write_yaml(with_paragraph("全年召开工作会议　　次，{{ 工作会议 }}。") + "不检查: [GW118]\n")
    code, lines = check(path)
    assert code == 1 and any("GW118（数字的位置留了空白" in line and "不能关闭" in line for line in lines)
    out = path.with_suffix(".docx")
    code, output = run_cli(["build", str(path), "-o", str(out)])
    assert code == 1 and "2 个全角空格" in output and not out.exists()


# ---------------------------------------------------------------- GW119 typed part labels


@pytest.mark.parametrize(
    "text, label",
    [
        ("第一部分 主要工作和成效", "第一部分"),
        ("第二章总则", "第二章"),
        ("第三节　存在的问题", "第三节"),
        ("第1部分：成效", "第1部分"),
        ("一、第一部分主要工作", "第一部分"),  # GW110 reports the 一、, this the rest
    ],
)
def test_typed_part_labels_are_found(text, label):
    assert typed_part_label(text).group() == label


@pytest.mark.parametrize(
    "text",
    [
        "第一书记驻村工作",
        "第十四届全运会保障",
        "第一批试点社区",
        "第一节点工程",
        "谱写第一部分新篇章",
        "第一篇章",
        "主要工作",
    ],
)
def test_headings_that_start_with_an_ordinal_word_stay_quiet(text):
    assert typed_part_label(text) is None


def test_a_typed_part_label_is_an_error_saying_what_prints(write_yaml):
    path = write_yaml(with_heading("第一部分 加强领导"))
    code, lines = check(path)
    assert code == 1
    assert lines == [
        f"{path}:8:9: 正文第1项.标题: 开头写了“第一部分”。编号由 gongwen 自动生成，这里会印成“一、第一部分 加强领…”。"
        "请删去“第一部分”，只写“加强领导”；各部分的顺序由数据中的排列决定。",
        "检查完毕：1 个错误，0 个警告。",
    ]


def test_a_part_label_in_a_sub_heading_names_its_own_number(write_yaml):
    text = MINIMAL + "  - 标题: 广泛宣传\n    小节:\n      - 标题: 第二节宣传阵地\n"
    (problem,) = [p for p in lint(load_file(write_yaml(text))) if p.rule == "GW119"]
    assert (problem.line, problem.column, problem.field) == (13, 13, "正文第2项.小节第1项.标题")
    assert "会印成“（一）第二节宣传阵地”" in problem.message and "只写“宣传阵地”" in problem.message


def test_a_part_label_in_a_paragraph_is_not_a_heading(write_yaml):
    path = write_yaml(with_paragraph("按照条例第一章的规定，召开会议{{ 工作会议 }}。"))
    assert check(path) == (0, ["检查通过，未发现问题。"])


# ---------------------------------------------------------------- GW120 unbalanced pairs


@pytest.mark.parametrize(
    "text, offset, start",
    [
        ("召开会议（共6次，", 4, "括号不成对：左括号“（”没有对应的右括号“）”"),
        ("”四城同创”工作", 0, "引号不成对：右引号 ” 前面没有对应的左引号 “ "),
        ("学习《中华人民共和国公务员法", 2, "书名号不成对：前书名号“《”没有对应的后书名号“》”"),
        ("“学习《条例”》", 6, "成对的标点交叉了：前书名号“《”还没有闭合，就出现了右引号 ” "),
        ("【重要通知", 0, "方头括号不成对"),
        ("开展‘两学一做’”学习", 8, "引号不成对：右引号 ” 前面没有对应的左引号 “ "),
    ],
)
def test_unbalanced_pairs_are_found(text, offset, start):
    found = unbalanced(text)
    assert found is not None and found[0] == offset and found[1].startswith(start), found


@pytest.mark.parametrize(
    "text",
    [
        "深入学习贯彻《中华人民共和国公务员法》《党政机关公文处理工作条例》",
        "开展“学习‘两学一做’，争当‘四城同创’先锋”活动",  # nested “‘’”
        "印发《关于开展“四城同创”工作的通知》（新办〔2021〕36号）",
        "1）召开动员会；2）开展督查；a）走访，b）回访",  # enumerators typed with one bracket
        "【简报】第3期",
        "赴Xi’an学习考察，参加Children’s Day活动",  # apostrophes
        "全年召开会议{{ 工作会议 }}（含视频会议）",
        "2022年全年，开通12345热线",
    ],
)
def test_balanced_pairs_stay_quiet(text):
    assert unbalanced(text) is None


def test_an_unbalanced_pair_is_a_warning_with_line_and_column(write_yaml):
    path = write_yaml(with_paragraph("全年召开工作会议{{ 工作会议 }}（含视频会议。"))
    code, lines = check(path)
    assert code == 0
    assert lines == [
        f"{path}:10:27: 警告: 正文第1项.段落第1项: 括号不成对：左括号“（”没有对应的右括号“）”（原文：“…工作会议 }}}}（含视频会议。”）。"
        "请在该结束的地方补上“）”，或删去多余的“（”。",
        "检查完毕：0 个错误，1 个警告。",
    ]
    assert check(path, "--strict")[0] == 1


def test_an_unbalanced_pair_can_be_switched_off(write_yaml):
    path = write_yaml(with_paragraph("全年召开工作会议{{ 工作会议 }}（含视频会议。") + "不检查: [GW120]\n")
    assert check(path) == (0, ["检查通过，未发现问题。"])


# ---------------------------------------------------------------- GW121 顿号 between pairs


def test_commas_between_pairs_are_found():
    text = "学习《条例》、《准则》，开展“三会一课”、“主题党日”，“‘A’、‘B’”"
    assert list(commas_between_pairs(text)) == [(6, "书名号"), (20, "引号"), (32, "引号")]


@pytest.mark.parametrize(
    "text",
    [
        "学习《条例》《准则》",
        "学习《条例》（2019年修订）、《准则》",  # a note between: GB/T 15834 keeps the 顿号
        "开展“三会一课”“主题党日”活动",
        "《条例》和《准则》、“三会一课”",  # a 书名号 and a 引号 pair are not a 并列 of one kind
        "社区、学校和卫生院",
    ],
)
def test_pairs_without_a_comma_between_stay_quiet(text):
    assert list(commas_between_pairs(text)) == []


def test_gw121_is_on_and_can_be_switched_off_per_file(write_yaml):
    path = write_yaml(with_paragraph("学习《条例》、《准则》，召开会议{{ 工作会议 }}。"))
    code, lines = check(path)
    assert code == 0 and lines[-1] == "检查完毕：0 个错误，1 个警告。"
    skipped = write_yaml("不检查: [GW121]\n" + with_paragraph("学习《条例》、《准则》，召开会议{{ 工作会议 }}。"), "skipped.yaml")
    assert check(skipped) == (0, ["检查通过，未发现问题。"])


def test_a_comma_between_pairs_is_a_warning_with_line_and_column(write_yaml, pairs_on):
    path = write_yaml(with_paragraph("学习《条例》、《准则》，召开会议{{ 工作会议 }}。"))
    code, lines = check(path)
    assert code == 0
    assert lines == [
        f"{path}:10:15: 警告: 正文第1项.段落第1项: 并列的书名号之间用了顿号（原文：“学习《条例》、《准则》，召开会…”）。"
        "按 GB/T 15834—2011 第 4.5.3.5 条，标有书名号的并列成分之间通常不用顿号，请删去“、”，写成“《条例》《准则》”；"
        "书名号后还有括注等其他成分时才用顿号。",
        "检查完毕：0 个错误，1 个警告。",
    ]
    quiet = write_yaml(with_paragraph("学习《条例》（2019年修订）、《准则》，召开会议{{ 工作会议 }}。"), "quiet.yaml")
    assert check(quiet) == (0, ["检查通过，未发现问题。"])
    skipped = write_yaml(with_paragraph("学习《条例》、《准则》{{ 工作会议 }}。") + "不检查: [GW121]\n", "skip.yaml")
    assert check(skipped) == (0, ["检查通过，未发现问题。"])


# ---------------------------------------------------------------- real text stays quiet


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_bundled_example_stays_quiet(example):
    skipped = load_file(example).data.get("不检查", [])  # the seed examples keep the seed's 《A》、《B》
    assert [r for r in rules_found(example) if (r in NEW_RULES or r == "GW101") and r not in skipped] == []


def test_the_seed_examples_keep_the_seeds_seven_commas_and_say_so(tmp_path):
    """They reproduce the seed verbatim, so they skip GW121; without that line the rule finds
    exactly the seven 《A》、《B》 and “A”、“B” of the seed."""
    seed = [(69, 71), (69, 103), (69, 122), (69, 149), (69, 160), (70, 21), (75, 219)]
    for name, shift in (("2021-sicheng-tongchuang.yaml", 0), ("2021-sicheng-tongchuang-baogao.yaml", 10)):
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        assert "不检查: [GW121" in text
        unskipped = tmp_path / name
        unskipped.write_text("\n".join(line for line in text.splitlines() if not line.startswith("不检查")) + "\n", encoding="utf-8")
        found = [(p.line, p.column) for p in lint(load_file(unskipped)) if p.rule == "GW121"]
        assert found == [(line + shift, column) for line, column in seed], name
    others = [e for e in ALL_EXAMPLES if not e.name.startswith("2021-sicheng")]
    assert all(not [p for p in lint(load_file(e)) if p.rule in NEW_RULES] for e in others)


def _seed_lines() -> list[str]:
    lines = (FIXTURES / "seed-body.txt").read_text(encoding="utf-8").splitlines()
    for page in SEED_PAGE:
        lines += page.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


def test_the_seed_stays_quiet():
    lines = _seed_lines()
    assert len(lines) >= 19
    for line in lines:
        assert list(blank_figures(line)) == [], line
        assert unbalanced(line) is None, line
        assert typed_part_label(line) is None, line
        assert {m.group()[0] for m in find_placeholders(line)} <= {"x"}, line  # only the seed's own x, xx


def test_the_seed_as_found_has_no_new_findings_but_its_commas():
    assert [r for r in rules_found(FIXTURES / "seed-as-found.yaml") if r in NEW_RULES] == ["GW121"] * 7


REAL = """\
文种: 通知
发文机关: 新城街道办事处
年度: 2022
事由: 开展“四城同创”集中整治活动
成文日期: 2022年3月8日
发文字号: 新办〔2022〕12号
主送机关: [各社区居委会, 办事处各科室]
指标:
  热线: {数值: 1260, 单位: 件, 说明: 12345热线转办}
导语: >-
  为深入贯彻《中华人民共和国城乡规划法》《城市市容和环境卫生管理条例》，巩固“四城同创”成果，
  经研究，决定于2022年3月至11月开展集中整治活动（以下简称“整治活动”）。现将有关事项通知如下：
正文:
  - 标题: 第一书记带头，压实责任
    段落:
      - 各社区第一书记要带头开展“学习‘两学一做’，争当‘四城同创’先锋”活动，2022年全年办理12345热线转办件{{ 热线 }}。
      - 带*号的事项须在5月底前完成；注：*为预计数。
    小节:
      - 标题: 第十四届运动会保障
        段落: 按照《××市第十四届运动会保障方案》（2021年修订）、《新城街道整治方案》要求，做好保障。
  - 标题: 加强督查
    段落: 督查结果在《新城简报》第3期通报。
    表格:
      表头: [序　号, 单  位, 完成时限]
      行:
        - ["1", 东湖社区, 2022年5月]
        - ["2", 西湖社区（含新村）, 2022年6月]
抄送: [区委办公室]
"""


def test_a_real_notice_with_quotes_titles_tables_and_ordinals_stays_quiet(write_yaml, pairs_on):
    path = write_yaml(REAL.replace("××市", "新城区"))
    assert check(path) == (0, ["检查通过，未发现问题。"])


def test_minutes_with_padded_names_stay_quiet(write_yaml):
    minutes = (EXAMPLES / "2022-jiyao-bangong.yaml").read_text(encoding="utf-8")
    padded = minutes.replace("出席: [张明, 李华, 王刚, 赵敏]", "出席: [张　明, 李  华, 王  元, 欧阳  元]")
    assert padded != minutes
    assert check(write_yaml(padded)) == (0, ["检查通过，未发现问题。"])
