"""Render tests: the bundled examples as LibreOffice PDFs, measured against GB/T 9704-2012.

Every example in data/examples is built with ``gongwen.build`` and converted by one
LibreOffice start (``gongwen.pdf.convert_to_pdf``); the PDFs are measured with the helpers
in measure.py. The geometry checks run on the plain 总结 examples (no 版头, seal or 版记):
the seed 2021-sicheng-tongchuang and 2022-xiaoqu-gaizao. Page size and fonts are checked
on every example.

Numbers (GBT9704.md §2, §6): A4; 版心 from 28 to 184 mm across and 37 to 262 mm down;
22 lines at 579 twips (28.95 pt); 28 characters of 3号 (16 pt) per line; first lines
indented 2 字; title 2号 (22 pt); page numbers `— N —` in 4号 (14 pt), one 字 inside the
版心 edge (odd pages right, even pages left), the 一字线 7 mm below the 版心.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLES
from measure import (
    CHAR_MM,
    LINE_PITCH_PT,
    TYPE_AREA_BOTTOM,
    TYPE_AREA_LEFT,
    TYPE_AREA_RIGHT,
    Line,
    Rendered,
    cells_in_type_area,
    chinese_only,
    grid_rows,
    in_type_area,
    indent_chars,
    is_chinese,
    kinsoku_pushed,
    page_number,
    page_sizes,
    reaches_right_edge,
    stroke_middle,
    take_apart,
)
from samples import require, require_soffice, require_tool

import gongwen
from gongwen.pdf import fontmap
from gongwen.output.pdf import convert_to_pdf
from gongwen.docx import layout
from gongwen.wording.blocks import Block, Kind

pytestmark = pytest.mark.render

SEED = "2021-sicheng-tongchuang"
SHORT = "2022-xiaoqu-gaizao"
LAYOUT_EXAMPLES = (SEED, SHORT)  # plain 总结: title, body, 署名 and 日期, page numbers
ALL_EXAMPLES = tuple(sorted(path.stem for path in EXAMPLES.glob("*.yaml")))

# Right indents of 署名 and 日期 in 字 as the writer sets them (§7.3.5.2, no seal), checked
# against the page. Widths count the gap LibreOffice (and Chinese Word) put where Chinese
# meets digits, 0.2 字 each (widths.AUTOSPACE): 2021年12月2日 prints 7.5 字 wide, not 6.5,
# so in the seed it is longer than 新城街道办事处 (7 字): 日期 右空二字, 署名 4.5 字.
# Short: 东湖区住房和城乡建设局 11 字 > 2022年12月28日 8 字 → 署名 2 字, 日期 3 字.
CLOSING_RIGHT_CHARS = {SEED: (4.5, 2.0), SHORT: (2.0, 3.0)}

EDGE_SLACK = 0.1  # mm: a glyph box is 16 pt wide but advances 15.75 pt (the −0.25 pt squeeze)
PAGE_NUMBER_INSET = 1.0  # 字 (16 pt ≈ 5.64 mm) inside the 版心 edge, §7.5
DASH_BELOW_TYPE_AREA = 7.0  # mm from the 版心's bottom edge to the 一字线, §7.5

# --- building and converting, once per module ----------------------------------------


def _require_stand_in_fonts() -> None:
    """The measured figures assume the stand-ins gongwen prefers: Fandol, Noto CJK, Liberation."""
    require_tool("fc-list", "fontconfig (fc-list)", "apt-get install fontconfig")
    families = subprocess.run(["fc-list", "-f", "%{family}\n"], capture_output=True, text=True, check=True).stdout
    wanted = ["Noto Serif CJK SC", "Liberation Serif"]
    have = len(fontmap.find_fandol(system=True)) == 4 and all(w in families for w in wanted)
    require(have, "替代字体（Fandol、Noto CJK、Liberation）", "以 root 运行 bash .ci/install-fonts.sh")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example built to .docx and converted to PDF by a single LibreOffice start."""
    soffice = require_soffice()
    _require_stand_in_fonts()
    folder = tmp_path_factory.mktemp("render")
    built = [gongwen.build(EXAMPLES / f"{stem}.yaml", folder / f"{stem}.docx").docx for stem in ALL_EXAMPLES]
    return {path.stem: path for path in convert_to_pdf(built, soffice=soffice)}


@dataclass
class Example:
    stem: str
    pdf: Path
    blocks: list[Block]
    doc: Rendered

    def texts(self, kind: Kind, level: int = 0) -> set[str]:
        return {b.full_text for b in self.blocks if b.kind is kind and (not level or b.level == level)}

    @property
    def signature(self) -> Line:
        return self.doc.closing[next(b.text for b in self.blocks if b.kind is Kind.SIGNATURE)]

    @property
    def date(self) -> Line:
        return self.doc.closing[next(b.text for b in self.blocks if b.kind is Kind.DATE)]


@pytest.fixture(scope="module", params=LAYOUT_EXAMPLES)
def example(request: pytest.FixtureRequest, pdfs: dict[str, Path]) -> Example:
    stem = request.param
    blocks = gongwen.compose(gongwen.load(EXAMPLES / f"{stem}.yaml"))
    closing = tuple(b.text for b in blocks if b.kind in (Kind.SIGNATURE, Kind.DATE))
    return Example(stem, pdfs[stem], blocks, take_apart(pdfs[stem], closing))


def _show(lines: list[Line]) -> str:
    return "\n".join(f"  p{ln.page} x {ln.x0:.2f}–{ln.x1:.2f} mm: {ln.text}" for ln in lines)


# --- page -----------------------------------------------------------------------------


@pytest.mark.parametrize("stem", ALL_EXAMPLES)
def test_every_page_is_a4(pdfs, stem):
    sizes = page_sizes(pdfs[stem])
    assert sizes
    assert all(w == pytest.approx(210, abs=0.5) and h == pytest.approx(297, abs=0.5) for w, h in sizes), sizes


# --- horizontal: margins, indents, 28 characters ---------------------------------------


def test_body_lines_start_on_the_28_mm_margin_or_two_characters_in(example):
    """Wrapped lines start at 28 ± 1 mm; first lines of paragraphs and headings 2 字 further
    in; a line after a paragraph's short last line starts a paragraph, so it is indented."""
    lines = example.doc.body_lines
    flush = {id(line) for line in lines if abs(line.x0 - TYPE_AREA_LEFT) <= 1.0}
    indented = {id(line) for line in lines if abs(indent_chars(line) - 2) * CHAR_MM <= 0.3}
    assert flush and indented
    stray = [line for line in lines if id(line) not in flush | indented]
    assert not stray, f"lines neither on the margin nor 2 字 in:\n{_show(stray)}"
    after_end = [b for a, b in zip(lines, lines[1:]) if not reaches_right_edge(a) and id(b) not in indented]
    assert not after_end, f"paragraph starts without the 2 字 indent:\n{_show(after_end)}"


def test_no_line_ends_right_of_the_type_area(example):
    lines = [*example.doc.body_lines, *example.doc.closing.values()]
    over = [line for line in lines if line.x1 > TYPE_AREA_RIGHT + EDGE_SLACK]
    assert not over, f"lines ending right of {TYPE_AREA_RIGHT} mm:\n{_show(over)}"


def test_full_chinese_lines_hold_28_characters(example):
    """Every line that reaches the right edge and holds only full-width characters fills 28
    cells of the 版心 (a first line: 2 indent + 26). 27 is allowed only where line breaking
    had to move a character down (line-start/line-end punctuation rules); the measured
    27s are all of that kind. Characters hanging right of the 版心 are
    test_no_line_ends_right_of_the_type_area's business, not counted here."""
    lines = example.doc.body_lines
    checked, wrong = 0, []
    for index, line in enumerate(lines):
        if not (chinese_only(line.text) and reaches_right_edge(line)):
            continue
        checked += 1
        cells = cells_in_type_area(line)
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        if cells == 28 or (cells == 27 and kinsoku_pushed(following)):
            continue
        wrong.append(f"{cells} cells: {line.text} ‖ next line: {following[:4]}")
    assert checked >= 20
    assert not wrong, "\n".join(wrong)


# --- vertical: 22 lines at 28.95 pt ----------------------------------------------------


def _rows_on_page(example: Example, page: int) -> int:
    """Grid lines a page uses: its text lines, plus the empty line under the title."""
    rows = len(example.doc.body[page - 1])
    if page == 1 and example.doc.title:
        rows += len(example.doc.title) + 1
    return rows


def test_first_page_holds_title_blank_line_and_body_in_22_lines(example):
    assert example.doc.title, "no 2号 title on page 1"
    assert len(example.doc.pages) > 1
    assert _rows_on_page(example, 1) == layout.LINES_PER_PAGE


def test_middle_pages_hold_22_lines(example):
    middle = range(2, len(example.doc.pages) - 1)  # the page before the 落款 page: see below
    assert {page: _rows_on_page(example, page) for page in middle} == {page: layout.LINES_PER_PAGE for page in middle}


@pytest.mark.parametrize("example", [SEED, SHORT], indirect=True)
def test_page_before_the_closing_page_holds_22_lines(example):
    page = len(example.doc.pages) - 1
    assert page >= 1
    assert _rows_on_page(example, page) == layout.LINES_PER_PAGE


def _gaps(lines: list[Line]) -> list[tuple[Line, Line, float]]:
    """(line, next line, distance in pt minus the nearest whole number of grid lines)."""
    out = []
    for a, b in zip(lines, lines[1:]):
        rows = grid_rows(a, b)
        out.append((a, b, (rows - round(rows)) * LINE_PITCH_PT))
    return out


def _has_latin_glyphs(line: Line) -> bool:
    return any(c.text.isascii() and c.text.strip() for c in line.chars)


def test_chinese_lines_are_28_95_pt_apart(example):
    """Consecutive lines set only in the CJK fonts sit 28.95 ± 0.3 pt apart (or a whole
    number of lines, across an empty line)."""
    off = []
    for page in example.doc.body:
        lines = [line for line in page if not _has_latin_glyphs(line)]
        assert all(b.baseline > a.baseline for a, b in zip(lines, lines[1:]))
        off += [(a, b, d) for a, b, d in _gaps(lines) if abs(d) > 0.3]
    assert not off, "\n".join(f"{d:+.2f} pt: {a.text[:12]} → {b.text[:12]}" for a, b, d in off)


def test_every_line_is_on_the_28_95_pt_grid(example):
    """All lines of a page, the title and lines with digits included, keep the pitch."""
    off = []
    for number, page in enumerate(example.doc.body, start=1):
        lines = sorted(page + (example.doc.title if number == 1 else []), key=lambda ln: ln.baseline)
        off += [(a, b, d) for a, b, d in _gaps(lines) if abs(d) > 0.3]
    assert not off, "\n".join(f"{d:+.2f} pt: {a.text[:12]} → {b.text[:12]}" for a, b, d in off)


# --- sizes and fonts ------------------------------------------------------------------


def test_title_22_pt_body_16_pt_page_numbers_14_pt(example):
    doc = example.doc
    assert {line.size for line in doc.title} == {22.0}
    assert {line.size for line in doc.body_lines} == {16.0}
    assert {line.size for line in doc.closing.values()} == {16.0}
    assert all(number is not None and number.size == 14.0 for number in doc.numbers)
    others = [line for page in doc.pages for line in page if in_type_area(line) and line.size not in (22.0, 16.0)]
    assert not others, _show(others)


def _matches(fontname: str, family: str) -> bool:
    """PostScript name of an embedded font vs a fontconfig family: 'FandolFang-Regular' is
    FandolFang; 'NotoSerifCJKjp-Bold-VKana' is Noto Serif CJK SC (the .ttc's faces share one
    CFF whose name says jp; fc-match picks the SC face, index 2)."""
    key = re.sub(r"CJK(SC|TC|JP|KR|HK)$", "CJK", family.replace(" ", ""))
    return fontname.startswith(key)


CJK_STAND_INS = tuple(dict.fromkeys(f for role in fontmap.ROLES if role.cjk for f in role.stand_ins))


@pytest.mark.parametrize("stem", ALL_EXAMPLES)
def test_cjk_text_uses_only_the_configured_stand_ins(pdfs, stem):
    """No CJK character falls back to another font (DejaVu, Droid …): each is drawn in one
    of the stand-ins fonts/aliases.conf names for the Chinese fonts."""
    doc = take_apart(pdfs[stem])
    strays = {
        (c.text, c.fontname)
        for page in doc.pages
        for line in page
        for c in line.chars
        if is_chinese(c.text) and not any(_matches(c.fontname, f) for f in CJK_STAND_INS)
    }
    assert not strays, sorted(strays)


def test_each_role_is_drawn_in_its_stand_in(example):
    def stand_in(requested: str) -> str:
        return fontmap.stand_ins(requested)[0]

    roles: list[tuple[str, list[Line], str]] = [
        ("标题", example.doc.title, stand_in(layout.FONT_TITLE)),
        ("页码", [n for n in example.doc.numbers if n], stand_in(layout.FONT_PAGE_NUMBER)),
    ]
    heading_fonts = {1: layout.FONT_LEVEL1, 2: layout.FONT_LEVEL2, 3: layout.FONT_BODY, 4: layout.FONT_BODY}
    headings = {}
    for level, font in heading_fonts.items():
        texts = example.texts(Kind.HEADING, level)
        found = [line for line in example.doc.body_lines if line.text in texts]
        assert len(found) == len(texts), f"level-{level} headings not found as single lines"
        headings.update({id(line): level for line in found})
        roles.append((f"{level}级标题", found, stand_in(font)))
    body = [line for line in example.doc.body_lines if id(line) not in headings]
    roles.append(("正文", [*body, *example.doc.closing.values()], stand_in(layout.FONT_BODY)))
    latin = stand_in(layout.FONT_LATIN)
    wrong = []
    for role, lines, family in roles:
        for line in lines:
            for c in line.chars:
                if not c.text.strip():
                    continue
                want = family if is_chinese(c.text) or role == "页码" else latin
                if not _matches(c.fontname, want):
                    wrong.append(f"{role} {c.text!r}: {c.fontname}, want {want}")
    assert not wrong, "\n".join(sorted(set(wrong)))


# --- page numbers ---------------------------------------------------------------------


def test_every_page_is_numbered_with_dashes(example):
    texts = [number.text.strip() if number else None for number in example.doc.numbers]
    assert texts == [f"— {n} —" for n in range(1, len(texts) + 1)]
    assert [page_number(n) for n in example.doc.numbers] == list(range(1, len(texts) + 1))


def test_page_numbers_sit_one_character_inside_the_type_area(example):
    """Odd pages: ends one 字 left of 184 mm; even pages: starts one 字 right of 28 mm."""
    inset = PAGE_NUMBER_INSET * CHAR_MM
    for page, number in enumerate(example.doc.numbers, start=1):
        if page % 2:
            assert TYPE_AREA_RIGHT - number.x1 == pytest.approx(inset, abs=1.0), (page, number.x1)
        else:
            assert number.x0 - TYPE_AREA_LEFT == pytest.approx(inset, abs=1.0), (page, number.x0)


def test_page_number_dashes_are_7_mm_below_the_type_area(example):
    """The 一字线's stroke (its ink, found on a raster of the glyph) lies 7 ± 1 mm below the
    版心's bottom edge (262 mm)."""
    for page, number in enumerate(example.doc.numbers, start=1):
        dashes = [c for c in number.chars if c.text == "—"]
        assert len(dashes) == 2
        for dash in dashes:
            below = stroke_middle(example.pdf, page, dash) - TYPE_AREA_BOTTOM
            assert below == pytest.approx(DASH_BELOW_TYPE_AREA, abs=1.0), (page, below)


# --- 署名 and 成文日期 --------------------------------------------------------------------


def test_signature_and_date_without_seal(example):
    """§7.3.5.2 measured on the page: the date's first character 2 字 right of the 署名's
    first; the 署名 右空二字, or the date when it is the longer line; one empty line
    between body and 署名, the date on the next line."""
    signature, date = example.signature, example.date
    assert date.x0 - signature.x0 == pytest.approx(2 * CHAR_MM, abs=0.5)
    flush_right = date if date.width > signature.width else signature
    assert TYPE_AREA_RIGHT - flush_right.x1 == pytest.approx(2 * CHAR_MM, abs=0.3)
    name_chars, date_chars = CLOSING_RIGHT_CHARS[example.stem]
    assert TYPE_AREA_RIGHT - signature.x1 == pytest.approx(name_chars * CHAR_MM, abs=0.3)
    assert TYPE_AREA_RIGHT - date.x1 == pytest.approx(date_chars * CHAR_MM, abs=0.3)
    last_body = example.doc.body[-1][-1]
    assert signature.page == date.page == last_body.page == len(example.doc.pages)
    assert grid_rows(last_body, signature) == pytest.approx(2, abs=0.1)  # one empty line between
    assert grid_rows(signature, date) == pytest.approx(1, abs=0.1)
