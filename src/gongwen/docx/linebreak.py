"""Lines of a paragraph as LibreOffice breaks them on the 28-character grid (``pagination``).

Text becomes unbreakable pieces (a Chinese character each, or a run of Latin letters and
digits) with advance widths in twips, the gap LibreOffice puts between Chinese and Latin
included; lines are filled greedily, then the 禁则 move a character down: a line never starts
with 。，、”） … nor ends with “（《 … . Per character this is the hot loop of the page
prediction, so pieces are plain values in parallel lists and runs of Chinese go in bulk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Latin advance widths of Times New Roman / Liberation Serif, in em (digits are 0.5).
_LATIN = {" ": 0.25, ".": 0.25, ",": 0.25, ":": 0.278, ";": 0.278, "%": 0.833, "-": 0.333, "(": 0.333, ")": 0.333}
_WIDE_PUNCTUATION = frozenset("“”‘’—…·")  # drawn full width in the Chinese font (w:hint="eastAsia")
NO_LINE_START = frozenset("，。、；：？！”’）》」』】〕〉…—·%")
NO_LINE_END = frozenset("“‘（《「『【〔〈")
AUTOSPACE = 0.2  # em between Chinese and Latin letters/digits (widths.AUTOSPACE, measured)


def is_wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80 or ch in _WIDE_PUNCTUATION


@dataclass
class Pieces:
    """A paragraph's unbreakable pieces (one Chinese character, or a run of Latin letters
    and digits, each), as parallel lists: the line breaker reads one width or character per
    step, and plain values in lists cost far less to make than an object per character."""

    texts: list[str] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # twips, the Chinese/Latin gap included
    wide: list[bool] = field(default_factory=list)
    ems: list[float] = field(default_factory=list)  # the font size, twips: the gap is a part of it

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, text: str, width: float, wide: bool, em: float) -> None:
        self.texts.append(text)
        self.widths.append(width)
        self.wide.append(wide)
        self.ems.append(em)


def pieces(segments: list[tuple[str, int, int, int]]) -> Pieces:
    """(text, size in half-points, character spacing in twentieths of a point, scale %) runs
    → pieces with their advance widths in twips, the Chinese/Latin gaps included."""
    out = Pieces()
    for text, half_points, spacing, scale in segments:
        em = half_points * 10 * scale / 100
        # Split keeps the separators: Latin text and runs of wide characters alternate.
        for index, part in enumerate(_WIDE_RUN.split(text)):
            if index % 2:
                _add_wide(out, part, em + spacing, em)
            else:
                _add_latin(out, part, em, spacing)
    texts, widths, wide, ems = out.texts, out.widths, out.wide, out.ems
    for index in range(1, len(texts)):
        before_wide = wide[index - 1]
        if before_wide != wide[index] and (texts[index][0] if before_wide else texts[index - 1][-1]).isalnum():
            widths[index] += AUTOSPACE * ems[index]
    return out


# The characters is_wide accepts, a run of them at a time (one piece each, all one width).
_WIDE_RUN = re.compile(f"([\u2e80-\U0010ffff{re.escape(''.join(sorted(_WIDE_PUNCTUATION)))}]+)")


def _add_wide(out: Pieces, run: str, width: float, em: float) -> None:
    count = len(run)
    out.texts.extend(run)
    out.widths.extend([width] * count)
    out.wide.extend([True] * count)
    out.ems.extend([em] * count)


def _add_latin(out: Pieces, text: str, em: float, spacing: int) -> None:
    """Latin letters and digits join the word before them, across runs too (the last run's
    size counts for the gap); a space is a piece of its own and ends the word."""
    texts, widths, wide, ems = out.texts, out.widths, out.wide, out.ems
    for ch in text:
        width = em * _LATIN.get(ch, 0.5) + spacing
        if texts and not wide[-1] and ch != " " and texts[-1][-1] != " ":
            texts[-1] += ch
            widths[-1] += width
            ems[-1] = em
        else:
            out.add(ch, width, False, em)


def break_lines(items: Pieces, width: int, first_line: int = 0) -> list[bool]:
    """A paragraph's lines, greedy filling, then the 禁则 move a character down; for each
    line whether it holds a Chinese character (a single-spaced line is taller then)."""
    texts, widths, count = items.texts, items.widths, len(items)
    if not count:
        return [True]
    lines: list[bool] = []
    start = 0
    while start < count:
        limit = width - (first_line if not lines else 0) + 1  # a twip of slack for rounding
        x, end = 0.0, start
        while end < count and (x + widths[end] <= limit or end == start):
            x += widths[end]
            end += 1
        if end < count:
            cut = end
            while cut > start + 1 and (texts[cut][0] in NO_LINE_START or texts[cut - 1][-1] in NO_LINE_END):
                cut -= 1
            end = cut
        lines.append(any(items.wide[start:end]))
        start = end
    return lines
