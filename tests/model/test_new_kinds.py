"""通报, 讲话稿 and the plain form (白头, 版头: false) of every kind: what each requires and
forbids, and what the built .docx holds. Real YAML files, real .docx files."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from conftest import run_cli

NOTICE = """\
文种: {kind}
发文机关: 新城街道办事处
年度: 2022
事由: 2022年安全生产检查情况
成文日期: 2022-12-26
{extra}
正文:
  - 标题: 检查情况
    段落: 各社区认真开展自查。
"""

SPEECH = """\
文种: 讲话稿
发文机关: 新城街道办事处
年度: 2022
事由: 工作总结大会讲话
成文日期: 2022-12-28
标题: 奋力开创街道各项工作新局面
场合: 在2022年全街道工作总结大会上
讲话人: 张明
称呼: 各位领导、同志们
正文:
  - 标题: 充分肯定成绩
    段落: 一年来，全街道上下团结一心。
结语: 同志们，让我们携手奋进！
"""


def build(write_yaml, tmp_path, text: str):
    out = tmp_path / "out.docx"
    code, output = run_cli(["build", str(write_yaml(text)), "-o", str(out)])
    assert code == 0, output
    return docx.Document(out)


def test_a_tongbao_is_a_downward_document_that_ends_with_te_ci_tong_bao(write_yaml, tmp_path):
    extra = "发文字号: 新办〔2022〕52号\n主送机关: [各社区居委会]"
    document = build(write_yaml, tmp_path, NOTICE.format(kind="通报", extra=extra))
    texts = [p.text for p in document.paragraphs]
    assert "新城街道办事处文件" in texts and "新办〔2022〕52号" in texts
    assert "新城街道办事处关于2022年安全生产检查情况的通报" in [t.replace("\n", "") for t in texts]
    assert texts.index("各社区居委会：") < texts.index("特此通报。") < texts.index("新城街道办事处")


@pytest.mark.parametrize(
    "extra, fragment",
    [
        ("主送机关: [各社区居委会]\n签发人: 张明", "通报不应有“签发人”：通报是下行文"),
        ("发文字号: 新办〔2022〕52号", "缺少“主送机关”：通报应写主送机关"),
        ("主送机关: [各社区居委会]", "缺少“发文字号”：通报应有发文字号"),
    ],
)
def test_what_a_tongbao_requires_and_forbids(write_yaml, extra, fragment):
    code, output = run_cli(["build", str(write_yaml(NOTICE.format(kind="通报", extra=extra)))])
    assert code == 1 and fragment in output, output


def test_a_speech_has_title_subtitle_speaker_date_and_salutation_and_no_closing(write_yaml, tmp_path):
    paragraphs = build(write_yaml, tmp_path, SPEECH).paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[:6] == [
        "奋力开创街道各项工作新局面",
        "——在2022年全街道工作总结大会上的讲话",
        "张明",
        "（2022年12月28日）",
        "",
        "各位领导、同志们：",
    ]
    for paragraph in paragraphs[1:4]:  # centred, in 楷体
        assert paragraph.alignment == 1
        assert paragraph.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    assert texts[-1] == "同志们，让我们携手奋进！"  # no 署名, no 日期 after the body
    assert "新城街道办事处" not in texts


def test_a_speech_without_a_title_is_titled_by_its_occasion(write_yaml, tmp_path):
    texts = [p.text for p in build(write_yaml, tmp_path, SPEECH.replace("标题: 奋力开创街道各项工作新局面\n", "")).paragraphs]
    assert texts[:3] == ["在2022年全街道工作总结大会上的讲话", "张明", "（2022年12月28日）"]


@pytest.mark.parametrize(
    "change, fragment, line",
    [
        (("讲话人: 张明\n", ""), "缺少“讲话人”：讲话稿应写讲话人", 1),
        (("场合: 在2022年全街道工作总结大会上\n", "主送机关: 区政府\n"), "讲话稿不应有“主送机关”", 7),
        (("称呼: 各位领导、同志们\n", "印章: true\n"), "讲话稿不应有“印章”", 9),
    ],
)
def test_what_a_speech_requires_and_forbids(write_yaml, change, fragment, line):
    code, output = run_cli(["build", str(write_yaml(SPEECH.replace(*change)))])
    assert code == 1 and fragment in output, output
    assert f"data.yaml:{line}:" in output


@pytest.mark.parametrize("kind", ["报告", "请示", "通知", "通报", "函"])
def test_the_plain_form_drops_the_masthead_number_signer_and_colophon(write_yaml, tmp_path, kind):
    extra = "版头: false\n主送机关: [东湖区人民政府]"
    document = build(write_yaml, tmp_path, NOTICE.format(kind=kind, extra=extra))
    texts = [p.text for p in document.paragraphs]
    assert texts[0].replace("\n", "").startswith("新城街道办事处关于")  # the title comes first
    assert not any("文件" in t or "〔" in t or "签发人" in t or "印发" in t for t in texts)
    body = document.element.body
    assert not body.findall(".//" + qn("w:drawing")) and not body.findall(".//" + qn("w:pict"))  # no red rules


@pytest.mark.parametrize(
    "extra, fragment",
    [
        ("版头: false\n主送机关: [各社区]\n发文字号: 新办〔2022〕1号", "通知不应有“发文字号”：白头公文（版头: false）不印版头"),
        ("版头: false\n主送机关: [各社区]\n抄送: [区委办]", "通知不应有“抄送”：白头公文（版头: false）不带版记"),
        ("版头: false\n主送机关: [各社区]\n讲话人: 张明", "通知不应有“讲话人”：只有讲话稿写讲话人"),
    ],
)
def test_the_plain_form_refuses_what_only_a_masthead_carries(write_yaml, extra, fragment):
    code, output = run_cli(["build", str(write_yaml(NOTICE.format(kind="通知", extra=extra)))])
    assert code == 1 and fragment in output, output


def test_a_plain_jiyao_prints_its_name_as_the_title(write_yaml, tmp_path):
    text = NOTICE.format(kind="纪要", extra="版头: false\n出席: [王刚, 李华]").replace("事由: 2022年安全生产检查情况", "事由: 主任办公会议")
    texts = [p.text for p in build(write_yaml, tmp_path, text).paragraphs]
    assert texts[0] == "新城街道办事处主任办公会议纪要"


@pytest.mark.parametrize("kind", ["通报", "讲话稿", "简报"])
def test_init_starts_each_new_kind_from_a_file_that_builds_and_checks_clean(tmp_path, kind):
    path = tmp_path / f"{kind}.yaml"
    code, output = run_cli(["init", str(path), "--kind", kind])
    assert code == 0, output
    code, output = run_cli(["check", str(path)])
    assert code == 0 and "检查通过" in output, output
    code, output = run_cli(["build", str(path), "-o", str(tmp_path / "out.docx")])
    assert code == 0, output


BRIEF = """\
文种: 简报
发文机关: 新城街道办事处
发文机关标志: 安全生产工作简报
期数: 5
总期数: 32
编印单位: 新城街道党政办公室
年度: 2022
事由: 新城街道开展安全生产大检查
成文日期: 2022-12-20
报: [区安委会办公室]
发: [各社区居委会, 辖区重点企业]
正文:
  - 标题: 主要做法
    段落: 街道成立检查组，逐家检查。
"""


def test_a_brief_has_its_masthead_issue_line_and_distribution_foot(write_yaml, tmp_path):
    document = build(write_yaml, tmp_path, BRIEF)
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    name = texts.index("安全生产工作简报")
    red = paragraphs[name].runs[0].font.color.rgb
    assert str(red) == "FF0000"
    assert texts[name + 2 : name + 4] == ["第5期（总第32期）", "新城街道党政办公室\t2022年12月20日"]
    rule = paragraphs[name + 4]._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"  # the red rule under the 编印 line
    assert "新城街道开展安全生产大检查" in texts
    inner = [p for p in document.element.body.iter(qn("w:p")) if p.find(".//" + qn("w:p")) is None]
    every = ["".join(t.text for t in p.iter(qn("w:t"))) for p in inner]
    foot = [t for t in every if t[:2] in ("报：", "送：", "发：")]  # in the text box at the page foot
    assert foot[:2] == ["报：区安委会办公室", "发：各社区居委会、辖区重点企业"]
    assert "新城街道办事处" not in texts  # no 落款


@pytest.mark.parametrize(
    "change, fragment",
    [
        (("期数: 5\n", ""), "缺少“期数”：简报应写期数"),
        (("报: [区安委会办公室]\n", "主送机关: [区安委会办公室]\n"), "简报不应有“主送机关”"),
        (("报: [区安委会办公室]\n", "发文字号: 新办〔2022〕1号\n"), "简报不应有“发文字号”"),
    ],
)
def test_what_a_brief_requires_and_forbids(write_yaml, change, fragment):
    code, output = run_cli(["build", str(write_yaml(BRIEF.replace(*change)))])
    assert code == 1 and fragment in output, output


def test_brief_fields_are_refused_in_other_kinds(write_yaml):
    code, output = run_cli(["build", str(write_yaml(NOTICE.format(kind="通知", extra="主送机关: [各社区]\n发文字号: 新办〔2022〕1号\n期数: 3")))])
    assert code == 1 and "通知不应有“期数”：只有简报写期数" in output, output
