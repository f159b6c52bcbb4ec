"""Write the competitors' styled templates: ``docxtpl-template.docx`` and ``reference.docx``.

Run once (both files are committed):  .venv/bin/python benchmarks/make_templates.py

Both carry what a clerk would set up by hand in Word for GB/T 9704: A4 with 37/35/28/26 mm
margins, 仿宋_GB2312 三号 body with a two-character first-line indent and 28.95 pt exact line
pitch (22 lines), 方正小标宋简体 二号 centred title, 黑体/楷体_GB2312 headings, and a
"— PAGE —" footer. ``reference.docx`` starts from pandoc's own (``pandoc
--print-default-data-file reference.docx``) so every style pandoc uses exists; without pandoc
only the docxtpl template is written.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
BODY, TITLE, H1, H2 = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"


def _font(style, name: str, size: float, bold: bool = False) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    style.font.bold = bold
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _paragraph(style, indent: bool = True, align=None) -> None:
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28.95)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(32) if indent else Pt(0)
    if align is not None:
        fmt.alignment = align


def style_document(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    styles = document.styles
    _font(_style(styles, "Normal"), BODY, 16)
    _paragraph(_style(styles, "Normal"), align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for name, font in (("Title", TITLE), ("Heading 1", H1), ("Heading 2", H2), ("Heading 3", BODY)):
        style = _style(styles, name)
        _font(style, font, 22 if name == "Title" else 16)
        style.font.color.rgb = None
        _paragraph(style, indent=name != "Title", align=WD_ALIGN_PARAGRAPH.CENTER if name == "Title" else None)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)
    footer.add_run(" —")
    for run in footer.runs:
        _run_font(run, "宋体", 14)


def _style(styles, name: str):
    """A style by its shown name (pandoc's are named "Heading 1", python-docx's "heading 1")."""
    found = [s for s in styles if s.name == name]
    return found[0] if found else styles[name]


def _run_font(run, name: str, size: float) -> None:
    run.font.size = Pt(size)
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def docxtpl_template(path: Path) -> None:
    document = Document()
    style_document(document)
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._p)
    lines = [
        ("Title", "{{ title }}"),
        ("Normal", "{%p for b in blocks %}"),
        ("Normal", '{%p if b.kind == "h1" %}'),
        ("Heading 1", "{{ b.text }}"),
        ("Normal", '{%p elif b.kind == "h2" %}'),
        ("Heading 2", "{{ b.text }}"),
        ("Normal", '{%p elif b.kind == "h3" %}'),
        ("Heading 3", "{{ b.text }}"),
        ("Normal", "{%p else %}"),
        ("Normal", "{{ b.text }}"),
        ("Normal", "{%p endif %}"),
        ("Normal", "{%p endfor %}"),
        ("Normal", ""),
        ("Signature", "{{ signature }}"),
        ("Signature", "{{ date }}"),
    ]
    signature = document.styles.add_style("Signature", 1)
    signature.base_style = document.styles["Normal"]
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.right_indent = Pt(64)
    for style, text in lines:
        document.add_paragraph(text, style=style)
    document.save(path)


def reference_docx(path: Path) -> bool:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return False
    data = subprocess.run([pandoc, "--print-default-data-file", "reference.docx"], capture_output=True, check=True)
    path.write_bytes(data.stdout)
    document = Document(path)
    style_document(document)
    for name in ("Body Text", "First Paragraph", "Compact"):
        if name in [s.name for s in document.styles]:
            _font(document.styles[name], BODY, 16)
            _paragraph(document.styles[name], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    if "Signature" not in [s.name for s in document.styles]:
        document.styles.add_style("Signature", 1)
    signature = document.styles["Signature"]
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.right_indent = Pt(64)
    document.save(path)
    return True


def main() -> int:
    docxtpl_template(HERE / "docxtpl-template.docx")
    print(f"wrote {HERE / 'docxtpl-template.docx'}")
    if reference_docx(HERE / "reference.docx"):
        print(f"wrote {HERE / 'reference.docx'}")
    else:
        print("pandoc not found (apt-get install pandoc): reference.docx not written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
