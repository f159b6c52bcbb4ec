"""The PDF measuring helpers, checked on a document whose GB/T 9704 layout is known.

The sample is built with python-docx (A4, margins 37/28/26/35 mm, 16 pt 仿宋_GB2312, exact
579-twip lines, run spacing −0.25 pt, line grid), so a correct renderer plus correct helpers
give 28 characters per full line, 22 lines per page and a 28.95 pt pitch (GBT9704.md §2.2).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from measure import (
    Line,
    _group,
    body_lines,
    cjk_count,
    font_name,
    mean_pitch_pt,
    page_lines,
    page_number,
    page_number_line,
    page_size,
    pitches_pt,
)
from samples import layout_docx, require_soffice

from gongwen.output.pdf import convert_to_pdf


@pytest.fixture(scope="module")
def layout_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = require_soffice()
    source = layout_docx(tmp_path_factory.mktemp("layout") / "layout.docx")
    return convert_to_pdf([source], soffice=soffice)[0]


@pytest.fixture(scope="module")
def pages(layout_pdf: Path) -> list[list[Line]]:
    return page_lines(layout_pdf)


def _char(text: str, x0: float, baseline: float, top: float, size: float = 16.0) -> dict:
    # The fields page_lines reads from a pdfplumber char; baseline in PDF coordinates.
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + size,
        "top": top,
        "bottom": top + size,
        "size": size,
        "fontname": "ABCDEF+FandolFang-Regular",
        "page_height": 842.0,
        "matrix": (size, 0, 0, size, x0, 842.0 - baseline),
    }


def test_group_joins_chars_on_one_baseline_despite_different_boxes():
    chars = [_char("文", 100, 120, 106), _char("A", 80, 120.4, 109), _char("下", 80, 149, 135)]
    lines = _group(chars)
    assert [[c["text"] for c in line] for line in lines] == [["A", "文"], ["下"]]


def test_text_helpers():
    assert cjk_count("一、总体情况：2024年") == 8
    assert font_name("BAAAAA+NotoSerifCJKjp-Bold") == "NotoSerifCJKjp-Bold"
    line = Line(1, "— 12 —", 266.0, 271.0, 271.0, 98.6, 113.5, 14.0, "LiberationSerif")
    assert page_number_line([line]) is line and page_number(line) == 12
    assert page_number_line([Line(1, "正文", 40, 45, 45, 28, 184, 16, "F")]) is None


@pytest.mark.render
def test_page_is_a4(layout_pdf):
    width, height = page_size(layout_pdf)
    assert width == pytest.approx(210, abs=0.5) and height == pytest.approx(297, abs=0.5)


@pytest.mark.render
def test_full_lines_hold_28_characters_in_fandol_fang(pages):
    body = body_lines(pages[0])
    assert {cjk_count(line.text) for line in body} == {28}
    assert {line.fontname for line in body} == {"FandolFang-Regular"}
    assert {line.size for line in body} == {16.0}


@pytest.mark.render
def test_22_lines_per_page_at_28_95_pt(pages):
    body = body_lines(pages[0])
    assert len(body) == 22
    assert mean_pitch_pt(body) == pytest.approx(28.95, abs=0.02)
    assert all(p == pytest.approx(28.95, abs=0.1) for p in pitches_pt(body))


@pytest.mark.render
def test_text_block_edges(pages):
    """Left edge on the 28 mm margin; right edge within the 156 mm 版心; all lines inside
    the 225 mm block that starts 37 mm from the top."""
    body = body_lines(pages[0])
    assert all(line.x0 == pytest.approx(28.0, abs=0.3) for line in body)
    assert all(182.5 <= line.x1 <= 184.0 for line in body)
    assert body[0].top >= 37.0 and body[-1].bottom <= 37.0 + 225.0


@pytest.mark.render
def test_second_page_and_page_numbers(pages):
    assert len(pages) == 2
    for number, lines in enumerate(pages, start=1):
        found = page_number_line(lines)
        assert found is not None and page_number(found) == number
        assert found.top > 37 + 225  # below the 版心
        assert (found.x0 + found.x1) / 2 == pytest.approx(28 + 156 / 2, abs=1.0)  # centred
        assert found.size == 14.0
    last = body_lines(pages[1])
    assert cjk_count(last[-1].text) < 28  # the paragraph's short last line
