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
