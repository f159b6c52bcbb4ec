"""The fast line measurer (parallel lists, runs of wide characters in bulk) breaks every
text exactly as the first one did, an object per piece: same pieces, same widths to the
last bit of the float, same lines. The reference below is that first version, kept here."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from gongwen.docx import linebreak
from gongwen.docx.linebreak import AUTOSPACE, NO_LINE_END, NO_LINE_START, _LATIN, is_wide


@dataclass(frozen=True)
class _Piece:
    text: str
    width: float
    wide: bool
    em: float = 320


def _reference_pieces(segments):
    out: list[_Piece] = []
    for text, half_points, spacing, scale in segments:
        em = half_points * 10 * scale / 100
        for ch in text:
            if is_wide(ch):
                out.append(_Piece(ch, em + spacing, True, em))
                continue
            width = em * _LATIN.get(ch, 0.5) + spacing
            if out and not out[-1].wide and ch != " " and out[-1].text[-1] != " ":
                last = out.pop()
                out.append(_Piece(last.text + ch, last.width + width, False, em))
            else:
                out.append(_Piece(ch, width, False, em))
    for index in range(1, len(out)):
        before, piece = out[index - 1], out[index]
        if before.wide != piece.wide and (piece.text[0].isalnum() if before.wide else before.text[-1].isalnum()):
            out[index] = _Piece(piece.text, piece.width + AUTOSPACE * piece.em, piece.wide, piece.em)
    return out


def _reference_break_lines(items, width, first_line=0):
    if not items:
        return [True]
    lines: list[bool] = []
    start = 0
    while start < len(items):
        room = width - (first_line if not lines else 0)
        x, end = 0.0, start
        while end < len(items) and (x + items[end].width <= room + 1 or end == start):
            x += items[end].width
            end += 1
        if end < len(items):
            cut = end
            while cut > start + 1 and (items[cut].text[0] in NO_LINE_START or items[cut - 1].text[-1] in NO_LINE_END):
                cut -= 1
            end = cut
        lines.append(any(piece.wide for piece in items[start:end]))
        start = end
    return lines


_ALPHABET = "公文的请示报告第一二三年月日，。、；：？！“”‘’（）《》—…·%-.:,;() 0123456789abcXYZ\u3000\u2e7f\u2e80𠀀ⅰ"


def _random_segments(rng: random.Random) -> list[tuple[str, int, int, int]]:
    return [
        (
            "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 120))),
            rng.choice((21, 28, 32, 44)),
            rng.choice((0, -4, 5)),
            rng.choice((100, 80, 62)),
        )
        for _ in range(rng.randint(1, 4))
    ]


@pytest.mark.parametrize("seed", range(300))
def test_pieces_and_lines_match_the_reference(seed):
    rng = random.Random(seed)
    segments = _random_segments(rng)
    fast, reference = linebreak.pieces(segments), _reference_pieces(segments)
    assert fast.texts == [p.text for p in reference]
    assert fast.widths == [p.width for p in reference]  # exact: the same additions, in order
    assert fast.wide == [p.wide for p in reference]
    width, first = rng.choice((8844, 6000, 1500)), rng.choice((0, 632, -1264))
    assert linebreak.break_lines(fast, width, first) == _reference_break_lines(reference, width, first)
