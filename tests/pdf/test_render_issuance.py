"""Render tests for the full 公文 (报告 with 版头, 附件, seal and 版记; 函 in 信函格式).

The examples are built, converted by one LibreOffice start, and measured in the PDF against
GB/T 9704-2012 §7 and §10.1.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from conftest import EXAMPLES
from measure import body_lines, mm, page_lines, page_number, page_number_line
from samples import require_soffice

import gongwen
from gongwen.output.pdf import convert_to_pdf

pytestmark = pytest.mark.render

REPORT = "2021-sicheng-tongchuang-baogao"
LETTER = "2022-han-zixun"
PITCH_MM = 579 / 20 / 72 * 25.4  # 10.21 mm
TYPE_AREA_TOP, TYPE_AREA_BOTTOM, TYPE_AREA_LEFT, TYPE_AREA_RIGHT = 37.0, 262.0, 28.0, 184.0
CHAR_MM = 320 / 20 / 72 * 25.4  # one 字 of indent: 5.64 mm


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    require_soffice()
    folder = tmp_path_factory.mktemp("issuance")
    docx = [gongwen.build(EXAMPLES / f"{name}.yaml", folder / f"{name}.docx").docx for name in (REPORT, LETTER)]
    return {path.stem: path for path in convert_to_pdf(docx)}


@pytest.fixture(scope="module")
def report(pdfs):
    return pdfs[REPORT], page_lines(pdfs[REPORT])


def chars(pdf: Path, page: int, text: str) -> list[dict]:
    with pdfplumber.open(pdf) as document:
        return [c for c in document.pages[page - 1].chars if c["text"] in text]


def rules(pdf: Path, page: int) -> list[dict]:
    """Horizontal rules of a page, top to bottom (LibreOffice may stroke one rule twice)."""
    with pdfplumber.open(pdf) as document:
        found = sorted(document.pages[page - 1].lines, key=lambda line: (line["top"], line["x0"]))
    unique = []
    for line in found:
        if not unique or abs(line["top"] - unique[-1]["top"]) > 0.1 or abs(line["x0"] - unique[-1]["x0"]) > 0.1:
            unique.append(line)
    return unique


def test_masthead_is_red_and_its_top_edge_72_mm_from_the_paper_top(report):
    pdf, _ = report
    logo = [c for c in chars(pdf, 1, "新城街道办事处文件") if c["size"] > 30]
    assert len(logo) == 9
    assert all(mm(c["top"]) == pytest.approx(72.0, abs=1.0) for c in logo)
    assert all(tuple(c["non_stroking_color"]) == (1, 0, 0) for c in logo)
    assert all(TYPE_AREA_LEFT <= mm(c["x0"]) and mm(c["x1"]) <= TYPE_AREA_RIGHT for c in logo)


def test_red_separator_4_mm_under_the_doc_number_and_as_wide_as_the_type_area(report):
    pdf, lines = report
    number = next(line for line in lines[0] if "〔2021〕36号" in line.text)
    assert "签发人：张明" in number.text
    (separator,) = [r for r in rules(pdf, 1) if tuple(r["stroking_color"]) == (1, 0, 0)]
    assert mm(separator["top"]) - number.bottom == pytest.approx(4.0, abs=1.0)
    assert mm(separator["x1"] - separator["x0"]) == pytest.approx(156.0, abs=1.0)
    assert mm(separator["x0"]) == pytest.approx(TYPE_AREA_LEFT, abs=0.5)


def test_doc_number_left_and_signer_right_one_character_in(report):
    _, lines = report
    number = next(line for line in lines[0] if "签发人" in line.text)
    assert number.x0 - TYPE_AREA_LEFT == pytest.approx(CHAR_MM, abs=1.0)
    assert TYPE_AREA_RIGHT - number.x1 == pytest.approx(CHAR_MM, abs=1.0)


def test_title_two_empty_lines_below_the_separator(report):
    pdf, lines = report
    (separator,) = [r for r in rules(pdf, 1) if tuple(r["stroking_color"]) == (1, 0, 0)]
    title = next(line for line in lines[0] if line.size == pytest.approx(22.0))
    gap = title.top - mm(separator["top"])
    assert 2 * PITCH_MM <= gap <= 3 * PITCH_MM


def test_body_pages_keep_22_lines_of_28_characters(report):
    _, lines = report
    closing = next(line.page for page in lines for line in page if line.text.replace(" ", "") == "2021年12月2日")
    # Not page 1 (版头), nor the page before the 落款 (keep-with-next may move lines from it
    # so that the 署名 never stands alone, §7.3.5.5), nor the 落款 page itself.
    full_pages = lines[1 : closing - 2]
    assert full_pages
    checked = 0
    for page in full_pages:
        body = body_lines(page)
        assert len(body) == 22, [line.text for line in body]
        for line, following in zip(body, body[1:]):
            if _full_chinese_line(line) and not _kinsoku_shortened(line, following):
                assert len(line.text.replace(" ", "")) == 28, line.text
                checked += 1
    assert checked >= 20


CLOSING_MARKS = set("，。、；：？！）》”’")
OPENING_MARKS = set("（《“‘")


def _full_chinese_line(line) -> bool:
    """A wrapped line that runs margin to margin and holds only full-width characters."""
    text = line.text.replace(" ", "")
    spans = line.x0 < TYPE_AREA_LEFT + 1 and line.x1 > TYPE_AREA_RIGHT - 1
    return spans and all(ord(c) >= 0x2000 for c in text)


def _kinsoku_shortened(line, following) -> bool:
    """27 characters are right when a closing mark may not start the next line (禁则): the
    mark, or the character it must follow, moves down; or an opening mark may not end it."""
    text, below = line.text.replace(" ", ""), following.text.replace(" ", "")
    return bool(set(below[:2]) & CLOSING_MARKS) or text[-1:] in OPENING_MARKS


def test_dated_with_seal_date_right_edge_four_characters_in(report):
    _, lines = report
    date_line = next(line for page in lines for line in page if line.text.replace(" ", "") == "2021年12月2日")
    signature = next(line for page in lines for line in page if line.text.strip() == "新城街道办事处")
    assert TYPE_AREA_RIGHT - date_line.x1 == pytest.approx(4 * CHAR_MM, abs=1.0)
    centre = lambda line: (line.x0 + line.x1) / 2  # noqa: E731
    assert centre(signature) == pytest.approx(centre(date_line), abs=1.5)  # 署名 centred over the date
    assert date_line.page == signature.page


def test_attachment_starts_a_new_page_with_continued_numbers(report):
    _, lines = report
    for index, page in enumerate(lines, start=1):
        assert page_number(page_number_line(page)) == index
    attachment = next(page for page in lines if page[0].text.strip() == "附件")
    assert attachment[0].top - TYPE_AREA_TOP < PITCH_MM
    assert attachment[0].fontname.startswith("FandolHei")
    title = attachment[1]
    assert title.size == pytest.approx(22.0) and "统计表" in title.text


def test_colophon_last_rule_on_the_type_area_bottom_of_the_last_page(report):
    pdf, lines = report
    last = len(lines)
    black = [  # the 版记 rules; the table's borders are 0.5 pt hairlines
        r
        for r in rules(pdf, last)
        if tuple(r["stroking_color"]) in ((0,), (0, 0, 0)) and r["top"] == r["bottom"] and r["linewidth"] >= 0.7
    ]
    assert len(black) == 3
    assert mm(black[-1]["top"]) == pytest.approx(TYPE_AREA_BOTTOM, abs=1.0)
    assert all(mm(r["x1"] - r["x0"]) == pytest.approx(156.0, abs=1.0) for r in black)
    assert [round(r["linewidth"], 2) for r in black] == [1.0, 0.75, 1.0]
    texts = [line.text.replace(" ", "") for line in lines[-1]]
    assert "抄送：市文明办，市爱卫办。" in texts
    assert any(t.startswith("新城街道办事处党政办公室") and t.endswith("2021年12月2日印发") for t in texts)


def test_letter_format_masthead_lines_and_no_number_on_page_one(pdfs):
    pdf = pdfs[LETTER]
    logo = [c for c in chars(pdf, 1, "新城街道办事处") if c["size"] > 30]
    assert logo and all(mm(c["top"]) == pytest.approx(30.0, abs=1.0) for c in logo)
    red = [r for r in rules(pdf, 1) if tuple(r["stroking_color"]) == (1, 0, 0)]
    assert len(red) == 4  # two double lines, each drawn as two strokes
    assert all(mm(r["x1"] - r["x0"]) == pytest.approx(170.0, abs=1.0) for r in red)
    upper = mm(red[0]["top"]) - mm(max(c["bottom"] for c in logo))
    assert upper == pytest.approx(4.0, abs=1.0)
    assert mm(red[-1]["top"]) == pytest.approx(297 - 20, abs=1.0)
    first_page = page_lines(pdf)[0]
    assert page_number_line(first_page) is None
    number = next(line for line in first_page if "〔2022〕8号" in line.text)
    assert number.x1 == pytest.approx(TYPE_AREA_RIGHT, abs=1.0)


JOINT = "2022-tongzhi-lianhe"


@pytest.fixture(scope="module")
def joint_pdf(tmp_path_factory) -> Path:
    require_soffice()
    folder = tmp_path_factory.mktemp("joint")
    (pdf,) = convert_to_pdf([gongwen.build(EXAMPLES / f"{JOINT}.yaml", folder / f"{JOINT}.docx").docx])
    return pdf


def test_joint_masthead_names_stacked_with_wenjian_centred_beside_them(joint_pdf):
    big = [c for c in chars(joint_pdf, 1, "新城街道办事处东湖区住房和城乡建设局文件") if c["size"] > 30]
    rows: dict[float, list[dict]] = {}
    for c in big:
        rows.setdefault(round(mm(c["top"]), 1), []).append(c)
    lead, wenjian, second = (rows[top] for top in sorted(rows))
    assert "".join(c["text"] for c in lead) == "新城街道办事处"
    assert "".join(c["text"] for c in second) == "东湖区住房和城乡建设局"
    assert "".join(c["text"] for c in wenjian) == "文件"
    assert mm(lead[0]["top"]) == pytest.approx(72.0, abs=1.0)
    names_middle = (mm(lead[0]["top"]) + mm(second[0]["bottom"])) / 2
    assert (mm(wenjian[0]["top"]) + mm(wenjian[0]["bottom"])) / 2 == pytest.approx(names_middle, abs=1.0)
    assert mm(wenjian[0]["x0"]) > max(mm(c["x1"]) for c in lead + second)  # 文件 to the right
    assert mm(lead[0]["x0"]) == pytest.approx(mm(second[0]["x0"]), abs=0.5)  # names share one width
    assert mm(lead[-1]["x1"]) == pytest.approx(mm(second[-1]["x1"]), abs=0.5)


def test_joint_signature_one_line_per_organ(joint_pdf):
    lines = [line for page in page_lines(joint_pdf) for line in page]
    texts = [line.text.replace(" ", "") for line in lines]
    index = len(texts) - 1 - texts[::-1].index("新城街道办事处")  # the 署名, not the 标志
    assert texts[index + 1 : index + 3] == ["东湖区住房和城乡建设局", "2022年5月20日"]
    lead, second = lines[index], lines[index + 1]
    assert lead.x1 == pytest.approx(second.x1, abs=0.5)  # one right edge for both organs
