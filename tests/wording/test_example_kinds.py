"""The bundled examples of the structures and kinds real documents use (通报, 讲话稿, 简报 and
a plain 情况汇报 over a period of months): built from data/examples and read back from the .docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from conftest import run_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"


def built(tmp_path, name: str):
    out = tmp_path / f"{name}.docx"
    code, output = run_cli(["build", str(EXAMPLES / f"{name}.yaml"), "-o", str(out)])
    assert code == 0, output
    document = docx.Document(out)
    return document, [p.text.replace("\n", "") for p in document.paragraphs]


def east_asia(run) -> str:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


@pytest.mark.parametrize(
    "name", ["2022-tongbao-anquan", "2022-jianghua-zongjie", "2022-jianbao-anquan", "2022-qingkuang-huibao"]
)
def test_each_example_checks_clean(name):
    code, output = run_cli(["check", str(EXAMPLES / f"{name}.yaml")])
    assert code == 0 and output.strip() == "检查通过，未发现问题。", output


def test_the_tongbao_example(tmp_path):
    _, texts = built(tmp_path, "2022-tongbao-anquan")
    assert "新城街道办事处关于2022年第三季度安全生产检查情况的通报" in texts
    assert (
        "共检查生产经营单位86家次，比上年同期增加14家次；发现隐患214处，同比下降9.3%；已整改198处，占总数的92.5%，"
        "整改率同比提高4.4个百分点；依法处罚款3.5万元，比上年同期增加1.5万元。"
    ) in texts
    assert "检查中发现的问题主要有：一是部分单位主体责任落实不到位。二是消防通道堵塞现象仍有发生。三是个别隐患整改不彻底。" in texts
    assert texts.index("特此通报。") < texts.index("新城街道办事处")


def test_the_speech_example(tmp_path):
    document, texts = built(tmp_path, "2022-jianghua-zongjie")
    assert texts[:6] == [
        "凝心聚力真抓实干奋力开创街道各项工作新局面",
        "——在2022年全街道工作总结大会上的讲话",
        "张明",
        "（2022年12月28日）",
        "",
        "各位领导、同志们：",
    ]
    run_in = next(p for p in document.paragraphs if p.text.startswith("（一）"))
    assert [r.text for r in run_in.runs] == ["（一）民生实事全面完成。", "全年完成民生实事项目12个，超额完成年度目标。"]
    led = next(p for p in document.paragraphs if p.text.startswith("发展后劲"))
    assert east_asia(led.runs[0]) == "楷体_GB2312" and east_asia(led.runs[1]) == "仿宋_GB2312"
    assert texts[-1] == "同志们，让我们以更加饱满的热情、更加务实的作风，奋力开创街道各项工作新局面！"


def test_the_brief_example(tmp_path):
    _, texts = built(tmp_path, "2022-jianbao-anquan")
    assert texts[texts.index("安全生产工作简报") + 2 : texts.index("安全生产工作简报") + 4] == [
        "第5期（总第32期）",
        "新城街道党政办公室\t2022年12月20日",
    ]
    assert "12月以来，街道组织开展岁末年初安全生产大检查，共检查企业46家，发现隐患128处，同比下降20%；已整改121处，占总数的94.5%。" in texts


def test_the_plain_report_over_eleven_months(tmp_path):
    document, texts = built(tmp_path, "2022-qingkuang-huibao")
    assert texts[0] == "新城街道2022年1—11月城市管理工作情况汇报"  # no 版头 above the title
    assert not any("〔" in t or "印发" in t or "签发人" in t for t in texts)
    assert texts[2:6] == [
        "区城市管理局：",
        "现将2022年1—11月我街道城市管理工作情况汇报如下：",
        "一、主要工作",
        "（一）聚焦群众诉求，提升案件办理质效。受理城市管理案件1260件，同比增长6.8%；办结1236件，占总数的98.1%；"
        "群众满意率96.4%，同比提高2.2个百分点。",
    ]
    assert (
        "（二）聚焦市容秩序，开展专项整治。主要抓了三个方面：一是清理占道摊位85个，其中，流动摊位52个、店外经营33个，"
        "同比下降16.7%。二是规范共享单车停放点位。三是整治户外广告招牌。"
    ) in texts
    led = next(p for p in document.paragraphs if p.text.startswith("长效机制"))
    assert east_asia(led.runs[0]) == "黑体"  # 小标题字体: 黑体
    assert texts.index("有关建议：") + 1 == texts.index("建议区城市管理局加大对基层执法力量的支持。")
    assert texts.index("三、下一步工作打算") < texts.index("有关建议：")  # unnumbered: no 四、
