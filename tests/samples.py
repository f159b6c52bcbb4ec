"""Small .docx documents with known content and layout, and the CI-aware skip for tools.

Built directly with python-docx (not with gongwen's writer) so the PDF and font tests do not
depend on the rest of the pipeline.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

# GB/T 9704 geometry in twips (see layout.py): A4, margins 37/28/26/35 mm, pitch 579.
A4 = (11906, 16838)
MARGINS = {"top_margin": 2098, "left_margin": 1588, "right_margin": 1474, "bottom_margin": 1985}
LINE_PITCH = 579
BODY_TEXT = "公文格式国家标准规定正文用三号仿宋字每页二十二行每行二十八字"


def require(available: bool, what: str, hint: str) -> None:
    """Skip with a visible reason when a tool is missing, but fail under CI=true: CI
    installs everything, so a skip there would hide a broken setup."""
    if available:
        return
    message = f"{what} 未安装：{hint}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def require_tool(name: str, what: str, hint: str) -> str:
    path = shutil.which(name)
    require(path is not None, what, hint)
    return str(path)


def require_soffice(hint: str = "apt-get install libreoffice-writer-nogui") -> str:
    """LibreOffice as gongwen itself finds it (PATH, GONGWEN_SOFFICE, known folders)."""
    from gongwen.pdf import convert as pdf
    from gongwen.errors import ConversionError

    try:
        return pdf.find_soffice()
    except ConversionError:
        require(False, "LibreOffice (soffice)", hint)
        raise


def _element(tag: str, **attrs: str) -> OxmlElement:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def set_run_font(run, east_asia: str, size: float, spacing: int | None = None) -> None:
    """Chinese font via w:eastAsia (python-docx's font.name sets only ascii/hAnsi)."""
    run.font.size = Pt(size)
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr, value in (("ascii", "Times New Roman"), ("hAnsi", "Times New Roman")):
        fonts.set(qn(f"w:{attr}"), value)
    fonts.set(qn("w:eastAsia"), east_asia)
    if spacing is not None:
        rpr.append(_element("w:spacing", val=str(spacing)))
    rpr.append(_element("w:lang", eastAsia="zh-CN"))


def _exact_spacing(paragraph) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(LINE_PITCH)
    fmt.space_before = fmt.space_after = Pt(0)


def simple_docx(path: Path, text: str, font: str = "仿宋_GB2312") -> Path:
    """One paragraph of ``text`` in ``font``, 16 pt."""
    return fonts_docx(path, [(font, text)])


def fonts_docx(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    """One 16 pt paragraph per (East Asian font name, text)."""
    document = docx.Document()
    for font, text in paragraphs:
        set_run_font(document.add_paragraph().add_run(text), font, 16)
    document.save(path)
    return path


def _page_setup(section) -> None:
    section.page_width, section.page_height = Twips(A4[0]), Twips(A4[1])
    for name, twips in MARGINS.items():
        setattr(section, name, Twips(twips))
    section.footer_distance = Twips(1417)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = _element("w:docGrid")
        section._sectPr.append(grid)
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))


def _page_number_footer(section) -> None:
    """'— PAGE —' centred, 14 pt 宋体, as a real PAGE field."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    parts = [
        ("— ", None, None),
        ("", "begin", None),
        ("", None, " PAGE "),
        ("", "separate", None),
        ("1", None, None),
        ("", "end", None),
        (" —", None, None),
    ]
    for text, field, instruction in parts:
        run = paragraph.add_run(text)
        set_run_font(run, "宋体", 14)
        if field:
            run._element.append(_element("w:fldChar", fldCharType=field))
        if instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = instruction
            run._element.append(instr)


def layout_docx(path: Path, repeats: int = 40) -> Path:
    """A GB/T 9704 body page: 16 pt 仿宋_GB2312, exact 579-twip lines, run spacing −0.25 pt
    (strategy B, GBT9704.md §2.3), line grid; long enough for two pages."""
    document = docx.Document()
    section = document.sections[0]
    _page_setup(section)
    paragraph = document.add_paragraph()
    _exact_spacing(paragraph)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    set_run_font(paragraph.add_run(BODY_TEXT * repeats), "仿宋_GB2312", 16, spacing=-5)
    _page_number_footer(section)
    document.save(path)
    return path


def broken_docx(path: Path) -> Path:
    """A zip LibreOffice recognises as OOXML but cannot load."""
    path.write_bytes(b"PK\x03\x04 not really a zip archive")
    return path
