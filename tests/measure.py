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
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pdfplumber

PT_PER_MM = 72 / 25.4
# Characters whose baselines differ by less than this (pt) belong to one line. Far below
# any line pitch a 公文 uses (28.95 pt body, 14 pt page numbers).
BASELINE_TOLERANCE = 1.5
_PAGE_NUMBER = re.compile(r"^[—–-]\s*(\d+)\s*[—–-]$")
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


def mm(points: float) -> float:
    return points / PT_PER_MM


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
