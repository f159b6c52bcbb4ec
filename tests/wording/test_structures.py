"""Headings and paragraphs as real documents write them: run-in headings, lead sentences in
the house style, an umbrella sentence before 一是/二是, unnumbered sub-headings. Built from a
real YAML file and read back from the .docx, runs and fonts included."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from conftest import run_cli

DATA = """\
发文机关: 新城街道办事处
年度: 2022
事由: 综合治理工作
成文日期: 2022-12-20
小标题字体: {style}
正文:
  - 标题: 主要工作和成效
    小节:
      - 标题: 聚焦主责主业，推动高质量发展
        标题连写: true
        段落: 全年召开专题会议6次，研究解决重点问题。
      - 标题: 强化基层治理
        标题连写: true
        要点引语: 主要做了三方面工作：
        要点写法: 连写
        要点: [完善网格体系, 健全调解机制, {{小标题: 加强队伍建设, 内容: 培训网格员120人次}}]
      - 标题: 狠抓安全生产
        段落:
          - {{小标题: 压实责任, 内容: 层层签订责任书。}}
          - 开展隐患排查，做到全覆盖。
  - 标题: 下一步工作要求：
    编号: false
    段落: 各社区要对照任务清单逐项落实。
  - 标题: 存在的问题
    要点引语: 主要有两方面：
    要点: [基层力量不足, 工作标准不高]
"""


def build(write_yaml, tmp_path, style: str = "楷体"):
    out = tmp_path / "out.docx"
    code, output = run_cli(["build", str(write_yaml(DATA.format(style=style))), "-o", str(out)])
    assert code == 0, output
    return docx.Document(out).paragraphs


def east_asia(run) -> str:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


def test_run_in_headings_lead_sentences_umbrellas_and_unnumbered_headings(write_yaml, tmp_path):
    texts = [p.text for p in build(write_yaml, tmp_path)]
    assert texts[2:] == [
        "一、主要工作和成效",
        "（一）聚焦主责主业，推动高质量发展。全年召开专题会议6次，研究解决重点问题。",
        "（二）强化基层治理。主要做了三方面工作：一是完善网格体系。二是健全调解机制。三是加强队伍建设。培训网格员120人次。",
        "（三）狠抓安全生产",
        "压实责任。层层签订责任书。",
        "开展隐患排查，做到全覆盖。",
        "下一步工作要求：",
        "各社区要对照任务清单逐项落实。",
        "二、存在的问题",  # the unnumbered heading took no number
        "主要有两方面：",
        "一是基层力量不足。",
        "二是工作标准不高。",
        "",
        "新城街道办事处",
        "2022年12月20日",
    ]


def test_a_run_in_heading_keeps_its_level_font_and_a_lead_takes_the_house_style(write_yaml, tmp_path):
    paragraphs = build(write_yaml, tmp_path, style="黑体")
    run_in = next(p for p in paragraphs if p.text.startswith("（一）"))
    assert [r.text for r in run_in.runs] == ["（一）聚焦主责主业，推动高质量发展。", "全年召开专题会议6次，研究解决重点问题。"]
    assert [east_asia(r) for r in run_in.runs] == ["楷体_GB2312", "仿宋_GB2312"]  # level 2 is 楷体 (§7.3.3)
    led = next(p for p in paragraphs if p.text.startswith("压实责任"))
    assert [r.text for r in led.runs] == ["压实责任。", "层层签订责任书。"]
    assert [east_asia(r) for r in led.runs] == ["黑体", "仿宋_GB2312"]
    unnumbered = next(p for p in paragraphs if p.text == "下一步工作要求：")
    assert east_asia(unnumbered.runs[0]) == "黑体"  # a level-1 heading's font, without a number


@pytest.mark.parametrize("style, font, bold", [("加粗", "仿宋_GB2312", True), ("楷体", "楷体_GB2312", None)])
def test_the_lead_style_setting(write_yaml, tmp_path, style, font, bold):
    led = next(p for p in build(write_yaml, tmp_path, style=style) if p.text.startswith("压实责任"))
    assert east_asia(led.runs[0]) == font and led.runs[0].bold is bold and led.runs[1].bold is None


def test_the_default_lead_style_keeps_a_paragraph_one_run(write_yaml, tmp_path):
    led = next(p for p in build(write_yaml, tmp_path, style="仿宋") if p.text.startswith("压实责任"))
    assert len(led.runs) == 1


def test_an_unknown_lead_style_is_located(write_yaml):
    code, output = run_cli(["build", str(write_yaml(DATA.format(style="宋体")))])
    assert code == 1 and "data.yaml:5:" in output and "小标题字体" in output, output
