"""Text previews read like the .docx: numbering, 一是, 版头, 落款 and 版记 in order."""

from __future__ import annotations

import docx

from conftest import EXAMPLES, SEED_EXAMPLE, run_cli

from gongwen.wording.widths import text_width


def build(tmp_path, source, fmt):
    code, output = run_cli(["build", str(source), "-o", f"{tmp_path}/", "--to", fmt, "--to", "docx"])
    assert code == 0, output
    text = (tmp_path / f"{source.stem}.{fmt}").read_text(encoding="utf-8")
    body, stamp = text.rstrip("\n").rsplit("\n", 1)
    assert "gongwen-fingerprint: " in stamp  # the edit protection's line, always the last
    return body.rstrip("\n") + "\n", tmp_path / f"{source.stem}.docx"


def test_text_preview_has_every_paragraph_of_the_docx_in_order(tmp_path):
    text, target = build(tmp_path, SEED_EXAMPLE, "txt")
    lines = [line.strip("\u3000 ") for line in text.splitlines() if line.strip()]
    paragraphs = [p.text for p in docx.Document(target).paragraphs if p.text]
    assert lines == paragraphs
    assert "\u3000\u3000一是开辟宣传阵地。" in text


def test_text_preview_places_the_closing_on_a_28_character_line(tmp_path):
    text, _ = build(tmp_path, SEED_EXAMPLE, "txt")
    signature, date = text.rstrip("\n").splitlines()[-2:]
    assert signature.strip("\u3000 ") == "新城街道办事处" and date.strip("\u3000 ") == "2021年12月2日"
    # 日期 右空二字 (it is the longer): it ends 2 字 before the 28th.
    assert text_width(date, autospace=False) == 26


def test_markdown_and_block_previews(tmp_path):
    source = EXAMPLES / "2021-sicheng-tongchuang-baogao.yaml"
    markdown, _ = build(tmp_path, source, "md")
    assert markdown.startswith("# 新城街道办事处文件\n")
    assert "## 一、加强领导，明确责任" in markdown
    assert "| 项目 | 数量 | 说明 |\n| --- | --- | --- |\n| 工作会议 | 6次 |" in markdown
    blocks, _ = build(tmp_path, source, "blocks")
    assert blocks.splitlines()[:3] == [
        "【发文机关标志】新城街道办事处文件",
        "【发文字号】新办〔2021〕36号",
        "【签发人】张明",
    ]
    assert "【盖章署名】新城街道办事处" in blocks and "【抄送】市文明办，市爱卫办。" in blocks
