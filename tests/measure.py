"""Measure a rendered PDF: text lines with positions in mm, sizes and fonts.

Render tests convert a .docx with LibreOffice and check the GB/T 9704 geometry on the
result: characters per line, lines per page, line pitch, margins, the page number. Lines are
built from pdfplumber's characters grouped by *baseline*, because CJK and Latin glyph boxes
of one line have different tops and bottoms but share the baseline.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import pdfplumber

PT_PER_MM = 72 / 25.4
# Characters whose baselines differ by less than this (pt) belong to one line. Far below
# any line pitch a 公文 uses (28.95 pt body, 14 pt page numbers).
BASELINE_TOLERANCE = 1.5
_PAGE_NUMBER = re.compile(r"^[—–-]\s*(\d+)\s*[—–-]$")
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")

# GB/T 9704 §5.2.1 on A4, in mm from the paper's top-left corner: 天头 37, 订口 28, 版心
# 156 × 225. (The .docx writes 1588/10432/2098/14853 twips: 28.01, 184.01, 37.01, 262.01 mm.)
TYPE_AREA_LEFT = 28.0
TYPE_AREA_RIGHT = 184.0
TYPE_AREA_TOP = 37.0
TYPE_AREA_BOTTOM = 262.0
# One 字 of the body (3号 = 16 pt) and one line of the 22-line grid (579 twips), in mm.
CHAR_MM = 16 / PT_PER_MM
LINE_PITCH_PT = 579 / 20

# Punctuation a line may not start with, and marks it may not end with (GB/T 15834-2011
# §5.1.x, CLREQ 3.1.7): a renderer moves one character down to obey them, so a justified
# line then holds one character less.
NO_LINE_START = frozenset("，。、；：？！”’）》」』】〕〉")
NO_LINE_END = frozenset("“‘（《「『【〔〈")
# Punctuation Unicode calls ambiguous-width but Chinese fonts draw one 字 wide.
_FULL_WIDTH_AMBIGUOUS = frozenset("“”‘’—…·")


def mm(points: float) -> float:
    return points / PT_PER_MM


@dataclass(frozen=True)
class Char:
    """One glyph. Lengths in mm from the page's top-left corner; the box is pdfplumber's
    (advance width × font size), not the ink."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float  # pt
    fontname: str  # without the subset prefix


@dataclass(frozen=True)
class Line:
    """One text line on a page. Lengths in mm from the page's top-left corner."""

    page: int  # 1-based
    text: str
    top: float
    bottom: float
    baseline: float
    x0: float
    x1: float
    size: float  # pt, the most common character size on the line
    fontname: str  # the most common font, without the subset prefix ("ABCDEF+")
    chars: tuple[Char, ...] = field(default=(), compare=False, repr=False)  # left to right

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def font_name(raw: str) -> str:
    """'CAAAAA+FandolFang-Regular' → 'FandolFang-Regular'."""
    return _SUBSET_PREFIX.sub("", raw)


def _baseline(char: dict) -> float:
    """Distance of the character's baseline from the page top, in pt."""
    return char["page_height"] - char["matrix"][5] if "page_height" in char else char["bottom"]


def _group(chars: list[dict]) -> list[list[dict]]:
    """Chars → lines: sorted by baseline, a new line where the baseline jumps."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (_baseline(c), c["x0"])):
        if lines and abs(_baseline(char) - _baseline(lines[-1][0])) <= BASELINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _most_common(values: list) -> object:
    return Counter(values).most_common(1)[0][0]


def _line(page_no: int, chars: list[dict]) -> Line:
    ink = [c for c in chars if c["text"].strip()] or chars
    return Line(
        page=page_no,
        text="".join(c["text"] for c in chars),
        top=mm(min(c["top"] for c in ink)),
        bottom=mm(max(c["bottom"] for c in ink)),
        baseline=mm(_baseline(ink[0])),
        x0=mm(min(c["x0"] for c in ink)),
        x1=mm(max(c["x1"] for c in ink)),
        size=round(float(_most_common([round(c["size"], 2) for c in ink])), 2),
        fontname=font_name(str(_most_common([c["fontname"] for c in ink]))),
        chars=tuple(_char(c) for c in chars),
    )


def _char(char: dict) -> Char:
    return Char(
        text=char["text"],
        x0=mm(char["x0"]),
        x1=mm(char["x1"]),
        top=mm(char["top"]),
        bottom=mm(char["bottom"]),
        baseline=mm(_baseline(char)),
        size=round(float(char["size"]), 2),
        fontname=font_name(str(char["fontname"])),
    )


def _page_chars(page: pdfplumber.page.Page) -> list[dict]:
    # pdfplumber's chars do not carry the page height; the baseline needs it.
    return [dict(c, page_height=float(page.height)) for c in page.chars if c.get("upright", True)]


def page_lines(pdf_path: Path) -> list[list[Line]]:
    """Every page's text lines, top to bottom."""
    with pdfplumber.open(pdf_path) as pdf:
        return [
            [_line(number, chars) for chars in _group(_page_chars(page)) if chars]
            for number, page in enumerate(pdf.pages, start=1)
        ]


def page_size(pdf_path: Path, page: int = 1) -> tuple[float, float]:
    """(width, height) of a page in mm."""
    with pdfplumber.open(pdf_path) as pdf:
        p = pdf.pages[page - 1]
        return mm(float(p.width)), mm(float(p.height))


def page_sizes(pdf_path: Path) -> list[tuple[float, float]]:
    """(width, height) in mm of every page."""
    with pdfplumber.open(pdf_path) as pdf:
        return [(mm(float(p.width)), mm(float(p.height))) for p in pdf.pages]


def is_wide(char: str) -> bool:
    """A character that takes a full 字: CJK ideographs and full-width punctuation."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def cjk_count(text: str) -> int:
    """Full-width characters in ``text`` (each fills one cell of the 28-per-line grid)."""
    return sum(is_wide(c) for c in text)


def page_number_line(lines: list[Line]) -> Line | None:
    """The '— N —' line of a page (the lowest one if, oddly, there are several)."""
    found = [line for line in lines if _PAGE_NUMBER.match(line.text.strip())]
    return max(found, key=lambda line: line.top) if found else None


def page_number(line: Line) -> int:
    match = _PAGE_NUMBER.match(line.text.strip())
    if match is None:
        raise ValueError(f"not a page number line: {line.text!r}")
    return int(match.group(1))


def body_lines(lines: list[Line], size: float = 16.0, tolerance: float = 0.3) -> list[Line]:
    """Lines set at the body size (3号 = 16 pt), page numbers excluded."""
    numbers = page_number_line(lines)
    return [line for line in lines if abs(line.size - size) <= tolerance and line is not numbers]


def pitches_pt(lines: list[Line]) -> list[float]:
    """Baseline-to-baseline distances of consecutive lines, in pt."""
    return [(b.baseline - a.baseline) * PT_PER_MM for a, b in pairwise(lines)]


def mean_pitch_pt(lines: list[Line]) -> float:
    """Average pitch over a run of lines: first to last baseline, so rounding in the PDF's
    coordinates (0.01 pt steps) does not show as jitter."""
    if len(lines) < 2:
        raise ValueError("need at least two lines to measure a pitch")
    return (lines[-1].baseline - lines[0].baseline) * PT_PER_MM / (len(lines) - 1)


def is_chinese(char: str) -> bool:
    """A character that fills one cell of the 28-per-line grid: CJK ideographs, full-width
    punctuation, and the quotes, dash, ellipsis and middle dot Chinese fonts draw full width."""
    return is_wide(char) or char in _FULL_WIDTH_AMBIGUOUS


def chinese_only(text: str) -> bool:
    """No digits, Latin letters or spaces: every character takes a full 字."""
    return bool(text) and all(is_chinese(c) for c in text)


def kinsoku_pushed(next_text: str) -> bool:
    """Whether line breaking had to move one character down to the line that reads
    ``next_text``: its first character is an opening mark (may not end a line), or its
    second is closing punctuation (may not start one, so the character before it came along).
    """
    return next_text[:1] in NO_LINE_END or next_text[1:2] in NO_LINE_START


def in_type_area(line: Line, slack: float = 0.5) -> bool:
    """The line lies inside the 版心's vertical band (37–262 mm); page numbers do not."""
    return line.top >= TYPE_AREA_TOP - slack and line.bottom <= TYPE_AREA_BOTTOM + slack


def grid_rows(first: Line, second: Line) -> float:
    """Distance between two baselines in lines of the 579-twip grid."""
    return (second.baseline - first.baseline) * PT_PER_MM / LINE_PITCH_PT


def em_box_middle(char: Char) -> float:
    """Vertical middle of a CJK glyph's ideographic em box (from 0.12 em below to 0.88 em
    above the baseline, the usual CJK font convention), in mm from the page top."""
    return char.baseline - 0.38 * char.size / PT_PER_MM


def stroke_middle(pdf_path: Path, page: int, char: Char, dpi: float = 1440) -> float:
    """Vertical middle of the ink of a horizontal stroke glyph such as '—', in mm from the
    page top, measured on a raster of the glyph's box (pdfplumber boxes are font-size boxes,
    so the stroke's height inside them depends on the font).

    A row belongs to the stroke when it is dark across the middle half of the glyph box.
    """
    import pypdfium2  # a dependency of pdfplumber

    scale = dpi / 72
    pad = 2.0  # pt around the font box, in case the ink leaves it
    left, right = char.x0 * PT_PER_MM, char.x1 * PT_PER_MM
    top, bottom = char.top * PT_PER_MM - pad, char.bottom * PT_PER_MM + pad
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        pdf_page = document[page - 1]
        width, height = pdf_page.get_size()
        crop = (left, height - bottom, width - right, top)
        image = pdf_page.render(scale=scale, crop=crop).to_pil().convert("L")
    finally:
        document.close()
    columns = range(image.width // 4, image.width * 3 // 4)
    pixels = image.load()
    rows = [y for y in range(image.height) if all(pixels[x, y] < 128 for x in columns)]
    if not rows:
        raise ValueError(f"no horizontal stroke in {char.text!r} on page {page}")
    middle_px = (rows[0] + rows[-1] + 1) / 2
    return (top + middle_px / scale) / PT_PER_MM


# --- a rendered 公文 taken apart ------------------------------------------------------


def indent_chars(line: Line) -> float:
    """Left indent from the 订口 (28 mm) in 字 of the body."""
    return (line.x0 - TYPE_AREA_LEFT) / CHAR_MM


def reaches_right_edge(line: Line) -> bool:
    """Justified to the 版心's right edge (or beyond), i.e. not a paragraph's short last line."""
    return line.x1 >= TYPE_AREA_RIGHT - CHAR_MM / 2


def cells_in_type_area(line: Line, slack: float = 0.1) -> int:
    """Grid cells a Chinese-only line fills inside the 版心: its characters that end left of
    the right edge plus its indent. ``slack`` (mm) covers the 0.25 pt squeeze: a glyph box
    is 16 pt wide but advances 15.75 pt, so the last box pokes 0.09 mm past the edge."""
    inside = sum(1 for c in line.chars if c.text.strip() and c.x1 <= TYPE_AREA_RIGHT + slack)
    return inside + round(indent_chars(line))


@dataclass
class Rendered:
    """A rendered 公文 split into its parts. Lines are in reading order."""

    pages: list[list[Line]]
    title: list[Line]  # the 2号 title lines on page 1
    body: list[list[Line]]  # per page: the 3号 lines inside the 版心, 署名/日期 excluded
    closing: dict[str, Line]  # the 署名 and 日期 lines, by their text
    numbers: list[Line | None]  # the page-number line of each page

    @property
    def body_lines(self) -> list[Line]:
        return [line for page in self.body for line in page]


def take_apart(pdf_path: Path, closing_texts: tuple[str, ...] = ()) -> Rendered:
    """Split a rendered document into title, body lines, 署名/日期 and page numbers.

    ``closing_texts``: the 署名 and 日期 as printed; the last lines with those texts on the
    last page are the closing, not body.
    """
    pages = page_lines(pdf_path)
    numbers = [page_number_line(lines) for lines in pages]
    title = [line for line in pages[0] if in_type_area(line) and line.size >= 20] if pages else []
    closing: dict[str, Line] = {}
    for line in reversed(pages[-1] if pages else []):
        if line.text in closing_texts and line.text not in closing:
            closing[line.text] = line
    taken = {id(line) for line in [*title, *closing.values()]}
    body = [
        [
            line
            for line in lines
            if in_type_area(line) and line is not number and id(line) not in taken and abs(line.size - 16) <= 0.3
        ]
        for lines, number in zip(pages, numbers)
    ]
    return Rendered(pages, title, body, closing, numbers)
