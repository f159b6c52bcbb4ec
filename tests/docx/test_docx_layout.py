"""Open the produced .docx files and check their XML against GB/T 9704-2012."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Twips

from docxread import east_asian_font, effective_paragraph_property, font_size_pt

import gongwen
from gongwen.docx import layout


@pytest.fixture(scope="module")
def seed(seed_docx):
    return docx.Document(seed_docx)


@pytest.fixture(scope="module")
def short(short_docx):
    return docx.Document(short_docx)


def paragraphs_with_style(document, style_id):
    return [p for p in document.paragraphs if p.style.style_id == style_id and p.text]


def test_page_is_a4_with_standard_margins(seed):
    section = seed.sections[0]
    assert (section.page_width, section.page_height) == (Twips(11906), Twips(16838))
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.top_margin - Mm(37)) < Mm(0.1)
    assert abs(section.left_margin - Mm(28)) < Mm(0.1)
    assert abs(section.right_margin - Mm(26)) < Mm(0.1)
    assert abs(section.bottom_margin - Mm(35)) < Mm(0.1)
    type_area_width = section.page_width - section.left_margin - section.right_margin
    type_area_height = section.page_height - section.top_margin - section.bottom_margin
    assert abs(type_area_width - Mm(156)) < Mm(0.1)
    assert abs(type_area_height - Mm(225)) < Mm(0.1)
    assert section.footer_distance == layout.FOOTER_DISTANCE


def test_portable_grid_squeezes_body_characters(seed):
    grid = seed.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:linePitch")) == "579"
    assert grid.get(qn("w:charSpace")) is None
    body_style = seed.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='GwBody']")
    spacing = body_style.find(qn("w:rPr")).find(qn("w:spacing"))
    assert spacing.get(qn("w:val")) == "-5"  # −0.25 pt: 28 × 15.75 pt ≤ 156 mm


def test_word_grid_option_uses_character_grid(tmp_path):
    out = gongwen.build(_seed_path(), tmp_path / "word.docx", grid="word").docx
    document = docx.Document(out)
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:charSpace"))) == ("linesAndChars", "-849")
    assert 'w:spacing w:val="-5"' not in _part(out, "word/styles.xml")


@pytest.mark.parametrize(
    "style_id, font, size",
    [
        ("GwTitle", "方正小标宋简体", 22),
        ("GwBody", "仿宋_GB2312", 16),
        ("GwHeading1", "黑体", 16),
        ("GwHeading2", "楷体_GB2312", 16),
        ("GwHeading3", "仿宋_GB2312", 16),
        ("GwHeading4", "仿宋_GB2312", 16),
    ],
)
def test_effective_font_and_size_by_role(short, style_id, font, size):
    paragraphs = paragraphs_with_style(short, style_id)
    assert paragraphs, f"no paragraph styled {style_id}"
    for paragraph in paragraphs:
        for run in paragraph.runs:
            assert east_asian_font(short, paragraph, run) == font
            assert font_size_pt(short, paragraph, run) == size


def test_every_paragraph_has_exact_579_twip_lines(seed):
    assert len(seed.paragraphs) > 20
    for paragraph in seed.paragraphs:
        assert effective_paragraph_property(seed, paragraph, "w:spacing", "w:line") == "579", paragraph.text
        assert effective_paragraph_property(seed, paragraph, "w:spacing", "w:lineRule") == "exact"
        assert effective_paragraph_property(seed, paragraph, "w:spacing", "w:before") == "0"
        assert effective_paragraph_property(seed, paragraph, "w:spacing", "w:after") == "0"


def test_body_and_headings_indent_two_characters(seed):
    for style_id in ("GwBody", "GwHeading1"):
        for paragraph in paragraphs_with_style(seed, style_id):
            assert effective_paragraph_property(seed, paragraph, "w:ind", "w:firstLine") == "640"
            assert effective_paragraph_property(seed, paragraph, "w:ind", "w:firstLineChars") == "200"
    title = paragraphs_with_style(seed, "GwTitle")[0]
    assert effective_paragraph_property(seed, title, "w:ind", "w:firstLine") == "0"
    assert title.paragraph_format.alignment is None  # centred by its style
    assert title.style.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


def test_headings_keep_with_next_and_have_outline_levels(short):
    for level in (1, 2, 3, 4):
        style = short.styles[["一级标题", "二级标题", "三级标题", "四级标题"][level - 1]]
        assert style.paragraph_format.keep_with_next is True
        outline = style.element.find(qn("w:pPr")).find(qn("w:outlineLvl"))
        assert outline.get(qn("w:val")) == str(level - 1)


def test_no_run_lacks_an_east_asian_font(seed):
    parts = [seed.paragraphs]
    section = seed.sections[0]
    parts += [section.footer.paragraphs, section.even_page_footer.paragraphs]
    runs = 0
    for paragraphs in parts:
        for paragraph in paragraphs:
            for run in paragraph.runs:
                runs += 1
                font = run._r.rPr.find(qn("w:rFonts"))
                assert font is not None and font.get(qn("w:eastAsia")), run.text
                assert font.get(qn("w:eastAsiaTheme")) is None
    assert runs > 20
    styles_xml = _part_of(seed, "word/styles.xml")
    assert "Theme=" not in styles_xml and "theme=" not in styles_xml
    assert 'w:eastAsia="zh-CN"' in _part_of(seed, "word/settings.xml")


def test_odd_and_even_footers_carry_page_numbers(seed):
    assert seed.settings.odd_and_even_pages_header_footer is True
    section = seed.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —"
        assert paragraph.alignment == getattr(docx.enum.text.WD_ALIGN_PARAGRAPH, side.upper())
        ind = paragraph._p.pPr.find(qn("w:ind"))
        assert ind.get(qn(f"w:{side}")) == "320" and ind.get(qn(f"w:{side}Chars")) == "100"
        instructions = [i.text for i in paragraph._p.iter(qn("w:instrText"))]
        assert instructions == [" PAGE "]
        for run in paragraph.runs:
            assert east_asian_font(seed, paragraph, run) == "宋体"
            assert font_size_pt(seed, paragraph, run) == 14


def test_signature_and_date_follow_the_no_seal_formula(seed):
    signature, date = [p for p in seed.paragraphs if p.text][-2:]
    assert (signature.text, date.text) == ("新城街道办事处", "2021年12月2日")
    # 日期 7.5 字 (6.5 plus 5 × 0.2 字 of Chinese/digit spacing) > 署名 7 字: the date is
    # 右空二字 and the 署名 starts two characters left of it: 7.5 − 7 + 4 = 4.5 字.
    assert date.paragraph_format.right_indent == Twips(640)
    assert signature.paragraph_format.right_indent == Twips(1440)
    blank = seed.paragraphs[-3]
    assert blank.text == "" and blank.paragraph_format.keep_with_next is True
    assert signature.paragraph_format.keep_with_next is True


def test_body_text_equals_the_seed(seed):
    expected = (_fixtures() / "seed-body.txt").read_text(encoding="utf-8").splitlines()
    assert [p.text for p in seed.paragraphs if p.text] == expected


def test_thumbnail_and_core_properties(seed_docx, seed):
    names = zipfile.ZipFile(seed_docx).namelist()
    assert not any("thumbnail" in n for n in names)
    props = seed.core_properties
    assert props.title == "2021年街道办事处四城同创工作总结汇报"
    assert props.author == "新城街道办事处"
    assert props.created.date().isoformat() == "2021-12-02"


def _part(path, name):
    return zipfile.ZipFile(path).read(name).decode("utf-8")


def _part_of(document, name):
    for part in document.part.package.iter_parts():
        if part.partname == "/" + name:
            return part.blob.decode("utf-8") if hasattr(part, "blob") else ""
    raise KeyError(name)


def _fixtures():
    from conftest import FIXTURES

    return FIXTURES


def _seed_path():
    from conftest import SEED_EXAMPLE

    return SEED_EXAMPLE


def test_signature_lines_of_joint_issuers():
    from gongwen.docx.closing import signature_lines

    plain = signature_lines(["新城街道办事处", "东湖区住房和城乡建设局"], "2022年5月20日", sealed=False)
    assert [right for _, right in plain] == [2, 2]  # the longer name sets the edge; both share it
    sealed = signature_lines(["新城街道办事处", "东湖区住房和城乡建设局"], "2022年5月20日", sealed=True)
    assert [name for name, _ in sealed] == ["新城街道办事处", "东湖区住房和城乡建设局"]
    assert sealed[0][1] > sealed[1][1]  # each centred over the date: the shorter sits further in
