"""The 街道 summary built from its three 社区' data files (issue 11's example), read back."""

from __future__ import annotations

import shutil

import docx

from conftest import EXAMPLES, run_cli

FOLDER = EXAMPLES / "2022-jiedao-huizong"
STREET = FOLDER / "新城街道.yaml"

SENTENCES = [
    "街道党工委召开专题会议6次，与上年持平；各社区召开工作会议12次，与上年持平，"
    "其中，东湖社区居民委员会5次、西湖社区居民委员会4次、南湖社区居民委员会3次。",
    "全年开展宣传活动45场、整治环境卫生问题85处，同比分别增长25%、下降14.1%；其中东湖社区居民委员会18场，宣传活动最多。",
    "新设宣传栏52个，超额完成年度目标；评选文明户1860户，完成年度目标的93%，复查达标1612户，占总数的86.7%。",
    "报送创建信息46条，是上年的2.3倍；志愿者参与500人次，同比增长17.6%；"
    "创建知识入户覆盖率达到88.6%，同比提高1个百分点；投入创建资金384.5万元。",
]


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_street_summary_reads_back_with_its_sentences_and_tables(tmp_path):
    code, output = run_cli(["build", str(STREET), "-o", str(tmp_path / "街道.docx")])
    assert code == 0, output
    document = docx.Document(tmp_path / "街道.docx")
    paragraphs = [p.text for p in document.paragraphs]
    for sentence in SENTENCES:
        assert sentence in paragraphs
    comparison, per_unit = document.tables
    assert rows(comparison)[0] == ["序号", "指标", "单位", "上年", "本年", "增减", "同比"]
    assert rows(comparison)[4] == ["4", "整治的环境卫生问题", "处", "99", "85", "-14", "-14.1%"]
    assert rows(comparison)[6] == ["6", "全街道创建知识入户覆盖率", "%", "87.6", "88.6", "+1个百分点", "—"]
    assert rows(per_unit) == [
        [
            "序号",
            "单位",
            "各社区四城同创工作会议（次）",
            "开展的宣传活动（场）",
            "整治的环境卫生问题（处）",
            "参与创建的志愿者（人次）",
        ],
        ["1", "东湖社区居民委员会", "5", "18", "32", "210"],
        ["2", "西湖社区居民委员会", "4", "15", "25", "160"],
        ["3", "南湖社区居民委员会", "3", "12", "28", "130"],
        ["", "合计", "12", "45", "85", "500"],
    ]
    text = "".join(paragraphs)
    assert not any(bad in text for bad in ("增长-", "下降-", "增加-", "减少-"))


def test_a_changed_community_changes_the_street(tmp_path):
    copy = tmp_path / "街道"
    shutil.copytree(FOLDER, copy)
    unit = copy / "社区" / "南湖社区.yaml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace("数值: 3, 单位: 次", "数值: 9, 单位: 次"), encoding="utf-8"
    )
    assert run_cli(["build", str(copy / "新城街道.yaml")])[0] == 0
    paragraphs = [p.text for p in docx.Document(copy / "新城街道.docx").paragraphs]
    assert any("各社区召开工作会议18次，比上年增加6次" in p for p in paragraphs)


def test_a_metric_missing_from_one_community_names_that_file_and_line(tmp_path):
    copy = tmp_path / "街道"
    shutil.copytree(FOLDER, copy)
    unit = copy / "社区" / "西湖社区.yaml"
    text = unit.read_text(encoding="utf-8")
    unit.write_text(text.replace("  宣传:", "  宣传活动:").replace("{{ 宣传", "{{ 宣传活动"), encoding="utf-8")
    code, output = run_cli(["build", str(copy / "新城街道.yaml")])
    assert code == 1 and "Traceback" not in output
    assert f"{unit}:13:1: 指标: 缺少指标“宣传”：上级的“宣传”由各下级单位汇总" in output, output


def test_a_community_listing_its_street_is_refused(tmp_path):
    copy = tmp_path / "街道"
    shutil.copytree(FOLDER, copy)
    unit = copy / "社区" / "东湖社区.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + "下级单位: [../新城街道.yaml]\n", encoding="utf-8")
    code, output = run_cli(["build", str(copy / "新城街道.yaml")])
    assert code == 1 and "不能汇总自己" in output and "Traceback" not in output, output


def test_units_that_cannot_be_read_are_located_in_the_list(tmp_path):
    import os

    copy = tmp_path / "街道"
    shutil.copytree(FOLDER, copy)
    os.mkfifo(copy / "社区" / "管道.yaml")
    street = copy / "新城街道.yaml"
    text = street.read_text(encoding="utf-8").replace(
        "下级单位: [社区/东湖社区.yaml, 社区/西湖社区.yaml, 社区/南湖社区.yaml]",
        "下级单位: [社区/东湖社区.yaml, 社区/管道.yaml, 社区/没有.yaml, 社区]",
    )
    street.write_text(text, encoding="utf-8")
    for command in ("build", "check"):
        code, output = run_cli([command, str(street)])
        assert code == 1 and "Traceback" not in output
        assert f"{street}:19:22: 下级单位第2项: 下级单位“社区/管道.yaml”：不是普通文件" in output
        assert f"{street}:19:34: 下级单位第3项: 下级单位“社区/没有.yaml”：文件不存在" in output
        assert f"{street}:19:46: 下级单位第4项: 下级单位“社区”：这是一个文件夹" in output


def test_a_community_with_an_unfilled_placeholder_fails_the_street(tmp_path):
    copy = tmp_path / "街道"
    shutil.copytree(FOLDER, copy)
    unit = copy / "社区" / "东湖社区.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("全年召开", "全年在xx大道召开"), encoding="utf-8")
    for command in ("check", "build"):
        code, output = run_cli([command, str(copy / "新城街道.yaml")])
        assert code == 1 and f"{unit}:" in output and "未填写的占位符“xx”" in output, output


def test_the_checks_see_the_summed_values(tmp_path):
    copy = tmp_path / "街道"
    shutil.copytree(FOLDER, copy)
    street = copy / "新城街道.yaml"
    text = street.read_text(encoding="utf-8").replace("各社区召开工作会议{{ 会议 }}", "各社区召开会议10次")
    street.write_text(text, encoding="utf-8")
    code, output = run_cli(["check", str(street)])
    assert code == 1 and "“10次”" in output and "与指标“会议”为 12次不一致" in output, output


def test_an_output_never_replaces_a_community_file(tmp_path):
    copy = tmp_path / "街道"
    shutil.copytree(FOLDER, copy)
    unit = copy / "社区" / "东湖.txt"  # a 下级单位 whose name looks like a preview
    unit.write_bytes((copy / "社区" / "东湖社区.yaml").read_bytes())
    street = copy / "新城街道.yaml"
    street.write_text(
        street.read_text(encoding="utf-8").replace("社区/东湖社区.yaml, ", "社区/东湖.txt, "), encoding="utf-8"
    )
    before = unit.read_bytes()
    code, output = run_cli(["build", str(street), "--to", "txt", "-o", str(copy / "社区" / "东湖"), "--force"])
    assert code == 1 and "是同一个文件" in output
    assert unit.read_bytes() == before
