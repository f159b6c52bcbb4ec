"""Floating shapes: the XML they write, and where LibreOffice puts them (render tests).

The 版记 recipe measured here (GBT9704.md §5): a text box 156 mm wide anchored to the bottom
of the margin box, holding five paragraphs — three rule paragraphs without indents (exact
1 pt high, a bottom border sz 8 / 6 / 8) around two text paragraphs indented one 4号 character
on each side. Borders follow a paragraph's indents, so a rule drawn on an indented text
paragraph would be 156 − 2 × 4.9 = 146 mm long.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.text.paragraph import Paragraph
from lxml import etree
from measure import PT_PER_MM, page_lines
from samples import BODY_TEXT, _exact_spacing, _page_setup, require_soffice, set_run_font

from gongwen.output.pdf import convert_to_pdf
from gongwen.docx.shapes import anchored_double_line, anchored_line, anchored_text_box

BOX_WIDTH_TWIPS = 8844  # 156 mm, the 版心
SIHAO_TWIPS = 280  # one 4号 (14 pt) character, the 版记's 一字
TYPE_AREA_BOTTOM_MM = 297 - 1985 / 56.693  # 261.99 mm from the page top
RED = (1.0, 0.0, 0.0)
# pPr children that may follow w:pBdr in the paragraphs built here (schema order).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
NS = {
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
}


# --- building blocks ------------------------------------------------------------------------


def _paragraph(line_twips: int) -> Paragraph:
    """A detached paragraph (not in any body) with exact line height and no spacing."""
    paragraph = Paragraph(OxmlElement("w:p"), None)
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(line_twips)
    fmt.space_before = fmt.space_after = Pt(0)
    return paragraph


def rule_paragraph(size_eighths: int) -> OxmlElement:
    """An empty 1 pt paragraph whose bottom border is a full-width 版记 rule."""
    paragraph = _paragraph(20)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", str(size_eighths)), ("space", "0"), ("color", "000000")):
        bottom.set(qn(f"w:{name}"), value)
    border.append(bottom)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(border, *_AFTER_PBDR)
    return paragraph._p


def text_paragraph(*parts: str) -> OxmlElement:
    """4号仿宋, indented one character both sides; parts after the first go to a right
    tab stop one character inside the box's right edge (印发日期 右空一字)."""
    paragraph = _paragraph(579)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Twips(SIHAO_TWIPS)
    if len(parts) > 1:
        fmt.tab_stops.add_tab_stop(Twips(BOX_WIDTH_TWIPS - SIHAO_TWIPS), WD_TAB_ALIGNMENT.RIGHT)
    for index, part in enumerate(parts):
        if index:
            paragraph.add_run().add_tab()
        set_run_font(paragraph.add_run(part), "仿宋_GB2312", 14)
    return paragraph._p


def banji_box(shape_id: int = 1, height_twips: int = 1300) -> OxmlElement:
    content = [
        rule_paragraph(8),
        text_paragraph("抄送：市委办公室，市政府办公室。"),
        rule_paragraph(6),
        text_paragraph("新城街道办事处党政办公室", "2021年12月2日印发"),
        rule_paragraph(8),
    ]
    return anchored_text_box(content, Mm(156), Twips(height_twips), shape_id, "版记")


def body_document(lines: int) -> docx.document.Document:
    """``lines`` one-line body paragraphs (20 characters + 2 indent) on the GB/T 9704 page."""
    document = docx.Document()
    _page_setup(document.sections[0])
    for _ in range(lines):
        paragraph = document.add_paragraph()
        _exact_spacing(paragraph)
        paragraph.paragraph_format.first_line_indent = Twips(640)
        set_run_font(paragraph.add_run(BODY_TEXT[:20]), "仿宋_GB2312", 16, spacing=-5)
    return document


def xml(element) -> bytes:
    return etree.tostring(element)


# --- XML ------------------------------------------------------------------------------------


def test_text_box_xml():
    box = banji_box(shape_id=7)
    assert box.tag == f"{{{NS['mc']}}}AlternateContent"
    assert box.find("mc:Choice", NS).get("Requires") == "wps"
    anchor = box.find("mc:Choice/w:drawing/wp:anchor", NS)
    assert anchor.get("behindDoc") == "0" and anchor.find("wp:wrapTopAndBottom", NS) is not None
    assert anchor.find("wp:positionH", NS).get("relativeFrom") == "margin"
    assert anchor.findtext("wp:positionH/wp:align", namespaces=NS) == "center"
    assert anchor.findtext("wp:positionV/wp:align", namespaces=NS) == "bottom"
    assert anchor.find("wp:docPr", NS).attrib == {"id": "7", "name": "版记"}
    shape = anchor.find(".//wps:wsp", NS)
    body = shape.find("wps:bodyPr", NS)
    assert [body.get(k) for k in ("lIns", "tIns", "rIns", "bIns")] == ["0"] * 4
    assert shape.find("wps:spPr/a:noFill", NS) is not None
    assert shape.find("wps:spPr/a:ln/a:noFill", NS) is not None
    assert len(shape.findall("wps:txbx/w:txbxContent/w:p", NS)) == 5
    assert len(box.findall("mc:Fallback/w:pict/v:rect/v:textbox/w:txbxContent/w:p", NS)) == 5


def test_shapes_are_byte_reproducible():
    assert xml(banji_box(3)) == xml(banji_box(3))
    assert xml(anchored_line(Mm(60), Mm(170), 57150, "ff0000", 2)) == xml(
        anchored_line(Mm(60), Mm(170), 57150, "FF0000", 2)
    )


def test_line_xml():
    line = anchored_line(Mm(80), Mm(156), 19050, "FF0000", 4, "margin", "thickThin")
    anchor = line.find("mc:Choice/w:drawing/wp:anchor", NS)
    assert anchor.find("wp:positionV", NS).get("relativeFrom") == "margin"
    assert anchor.findtext("wp:positionV/wp:posOffset", namespaces=NS) == str(Mm(80))
    assert anchor.find("wp:wrapNone", NS) is not None
    assert anchor.find(".//a:prstGeom", NS).get("prst") == "line"
    ln = anchor.find(".//a:ln", NS)
    assert (ln.get("w"), ln.get("cmpd")) == ("19050", "thickThin")
    assert ln.find("a:solidFill/a:srgbClr", NS).get("val") == "FF0000"


@pytest.mark.parametrize(
    "call",
    [
        lambda: anchored_line(0, 1, 1, "red", 1),
        lambda: anchored_line(0, 1, 1, "FF0000", 1, "paper"),
        lambda: anchored_line(0, 1, 1, "FF0000", 1, compound="double"),
        lambda: anchored_text_box([], 1, 1, 1, "x", vertical="middle"),
    ],
)
def test_bad_arguments(call):
    with pytest.raises(ValueError):
        call()


# --- rendering ------------------------------------------------------------------------------

BANJI_CASES = {"short": 3, "page_nearly_full": 19, "no_room_left": 21, "two_pages": 40}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    soffice = require_soffice()
    folder = tmp_path_factory.mktemp("shapes")
    sources = {}
    for name, lines in BANJI_CASES.items():
        document = body_document(lines)
        document.paragraphs[-1].add_run()._r.append(banji_box())
        sources[name] = folder / f"{name}.docx"
        document.save(sources[name])
    sources["lines"] = _lines_docx(folder / "lines.docx")
    pdfs = convert_to_pdf(list(sources.values()), soffice=soffice)
    return dict(zip(sources, pdfs))


def _lines_docx(path: Path) -> Path:
    """信函 double lines at 60 mm and 277 mm from the page top (drawn as pairs), a compound
    line at 150 mm, and a 版头 separator 80 mm below the 版心 top."""
    document = body_document(1)
    run = document.paragraphs[0].add_run()._r
    shapes = [
        *anchored_double_line(Mm(60), Mm(170), 57150, "FF0000", (11, 12), "page", "thickThin"),
        *anchored_double_line(Mm(277), Mm(170), 57150, "FF0000", (13, 14), "page", "thinThick"),
        anchored_line(Mm(150), Mm(170), 57150, "FF0000", 15, "page", "thickThin"),
        anchored_line(Mm(80), Mm(156), 19050, "FF0000", 16, "margin"),
    ]
    for shape in shapes:
        run.append(shape)
    document.save(path)
    return path


def rules(pdf_path: Path) -> list[tuple[int, dict]]:
    """(page number, line object) of every stroked horizontal line, top to bottom."""
    found = []
    with pdfplumber.open(pdf_path) as document:
        for number, page in enumerate(document.pages, start=1):
            for line in page.lines:
                if abs(line["top"] - line["bottom"]) < 0.5:
                    found.append((number, {k: line[k] for k in ("x0", "x1", "top", "linewidth", "stroking_color")}))
    return sorted(found, key=lambda item: (item[0], item[1]["top"]))


def mm(points: float) -> float:
    return points / PT_PER_MM


@pytest.mark.render
@pytest.mark.parametrize("case", BANJI_CASES)
def test_banji_sits_on_the_last_page_at_the_type_area_bottom(rendered, case):
    pages = page_lines(rendered[case])
    found = rules(rendered[case])
    assert [number for number, _ in found] == [len(pages)] * 3  # all three, on the last page
    thick, thin, last = (line for _, line in found)
    assert mm(last["top"]) == pytest.approx(TYPE_AREA_BOTTOM_MM, abs=1.0)
    assert [line["linewidth"] for line in (thick, thin, last)] == pytest.approx([1.0, 0.75, 1.0])
    for line in (thick, thin, last):
        assert mm(line["x1"] - line["x0"]) == pytest.approx(156, abs=1.0)
        assert mm(line["x0"]) == pytest.approx(28, abs=1.0)
    body = [line for line in pages[-1] if line.size == 16.0]
    assert all(line.bottom < mm(thick["top"]) for line in body)  # nothing runs under the 版记


@pytest.mark.render
def test_banji_text_is_indented_one_character(rendered):
    lines = {line.text[:2]: line for line in page_lines(rendered["short"])[-1] if line.size == 14.0}
    one_char = SIHAO_TWIPS / 56.693
    assert lines["抄送"].x0 == pytest.approx(28 + one_char, abs=0.5)
    assert lines["新城"].x0 == pytest.approx(28 + one_char, abs=0.5)
    assert lines["新城"].text.endswith("2021年12月2日印发")
    assert lines["新城"].x1 == pytest.approx(28 + 156 - one_char, abs=0.5)


@pytest.mark.render
def test_banji_follows_its_paragraph_to_a_new_page(rendered):
    """With no room under the body, the anchoring paragraph moves on with the box."""
    first, second = page_lines(rendered["no_room_left"])
    assert len([line for line in first if line.size == 16.0]) == 20
    assert len([line for line in second if line.size == 16.0]) == 1


@pytest.mark.render
def test_lines_are_red_and_where_asked(rendered):
    found = [line for _, line in rules(rendered["lines"])]
    assert all(tuple(line["stroking_color"]) == RED for line in found)
    tops = [round(mm(line["top"]), 1) for line in found]
    widths = [round(mm(line["x1"] - line["x0"])) for line in found]
    weights = [line["linewidth"] for line in found]
    # thick-over-thin around 60 mm, the separator at 37 + 80 mm, the compound line as one
    # 4.5 pt bar (LibreOffice ignores cmpd), thin-over-thick around 277 mm.
    assert tops == pytest.approx([59.6, 60.6, 117.0, 150.0, 276.4, 277.4], abs=0.2)
    assert widths == [170, 170, 156, 170, 170, 170]
    assert weights == pytest.approx([2.25, 1.125, 1.5, 4.5, 1.125, 2.25], abs=0.03)
    centred = [mm(line["x0"] + line["x1"]) / 2 for line in found]
    assert centred == pytest.approx([105, 105, 106, 105, 105, 105], abs=0.1)
