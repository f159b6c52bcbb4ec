"""——在……上的讲话 and 2022年1—11月: every dash is a run whose Western fonts are the East
Asian one, so LibreOffice (which ignores w:hint next to digits) draws the full-width dash too;
the render test checks the PDF's glyphs."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn

from conftest import run_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"


def test_every_dash_run_uses_the_east_asian_font_throughout(tmp_path):
    for name, expected in (("2022-qingkuang-huibao", 2), ("2022-jianghua-zongjie", 1)):
        out = tmp_path / f"{name}.docx"
        code, output = run_cli(["build", str(EXAMPLES / f"{name}.yaml"), "-o", str(out)])
        assert code == 0, output
        runs = list(docx.Document(out).element.body.iter(qn("w:r")))
        dashed = [r for r in runs if "—" in "".join(t.text or "" for t in r.iter(qn("w:t")))]
        assert len(dashed) >= expected
        for run in dashed:
            fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
            text = "".join(t.text for t in run.iter(qn("w:t")))
            assert set(text) == {"—"}, text  # the dash alone in its run
            assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == fonts.get(qn("w:eastAsia"))
        title = docx.Document(out).paragraphs[0]
        assert title.text.replace("\n", "").startswith(("新城街道2022年1—11月", "凝心聚力"))


def test_a_dash_in_a_line_with_a_tab_gets_its_own_run_too(write_yaml, tmp_path):
    text = (
        "文种: 通知\n发文机关: 新城街道办事处\n年度: 2022\n事由: 做好安全工作\n成文日期: 2022-09-20\n"
        "发文字号: 新办〔2022〕30号\n主送机关: [各社区]\n印发机关: 新城街道——党政办公室\n"
        "正文:\n  - 标题: 要求\n    段落: 各单位认真落实。\n"
    )
    out = tmp_path / "out.docx"
    code, output = run_cli(["build", str(write_yaml(text)), "-o", str(out)])
    assert code == 0, output
    runs = [r for r in docx.Document(out).element.body.iter(qn("w:r")) if r.find(qn("w:rPr")) is not None]
    issued = [r for r in runs if any("—" in (t.text or "") for t in r.findall(qn("w:t")))]
    assert issued, "the 印发 line was not found"
    for run in issued:
        fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert "".join(t.text for t in run.findall(qn("w:t"))) == "——"
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:eastAsia"))
