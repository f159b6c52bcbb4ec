"""GB/T 9704-2012 layout constants, each with the clause it comes from.

Lengths are python-docx ``Length`` values (EMU underneath), so tests can compare them
directly with what python-docx reads back from a document.
"""

from __future__ import annotations

from docx.shared import Mm, Pt, Twips

# §5.2.1 paper A4, 210 × 297 mm.
PAGE_WIDTH = Twips(11906)
PAGE_HEIGHT = Twips(16838)

# §5.2.1 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; right and bottom follow from them.
TOP_MARGIN = Twips(2098)
LEFT_MARGIN = Twips(1588)
RIGHT_MARGIN = Twips(1474)
BOTTOM_MARGIN = Twips(1985)
TYPE_AREA_WIDTH = Mm(156)
TYPE_AREA_HEIGHT = Mm(225)

# §7.5 page numbers: footer distance 25 mm puts the 一字线 7 mm below the 版心 (measured).
FOOTER_DISTANCE = Twips(1417)
HEADER_DISTANCE = Mm(15)

# §5.2.2 22 lines of 28 characters. 225 mm / 22 = 579.8 twips; 580 would fit only 21.
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = Twips(579)

# §5.2.2 font sizes (字号): 2号 title, 3号 everything else, 4号 page numbers and 版记.
SIZE_ERHAO = Pt(22)
SIZE_SANHAO = Pt(16)
SIZE_SIHAO = Pt(14)

# §7.2.4 发文机关标志: size is not fixed ("醒目、美观、庄重"); red 小标宋, one line, top edge
# 35 mm below the 版心 top. 58 pt squeezed horizontally is what Word-made templates use.
SIZE_MASTHEAD = Pt(58)
MASTHEAD_TOP_BELOW_TYPE_AREA = Mm(35)
MASTHEAD_MAX_WIDTH = Mm(150)  # leave a little air inside the 156 mm 版心
MASTHEAD_MAX_SCALE = 70  # percent: the tall, narrow look of a red 版头
MASTHEAD_MIN_SCALE = 45
RED = "FF0000"

# §7.2.7 the red separator: 4 mm below the 发文字号, as wide as the 版心; thickness is not
# specified, 1.5 pt is common practice (w:sz in eighths of a point).
SEPARATOR_GAP = Mm(4)
SEPARATOR_SIZE = 12

# §10.1 信函格式: 标志 30 mm from the paper top; a red double line (thick over thin) 4 mm
# below it and one (thin over thick) 20 mm above the paper bottom, both 170 mm long; the
# 发文字号 顶格 at the right, 7/8 of a 3号 character below the upper line.
LETTER_MASTHEAD_TOP = Mm(30)
LETTER_LINE_GAP = Mm(4)
LETTER_LINE_WIDTH = Mm(170)
LETTER_LINE_THICKNESS = Pt(4.5)
LETTER_LOWER_LINE_FROM_BOTTOM = Mm(20)
LETTER_FIRST_LINE_GAP = Pt(14)  # 7/8 × 16 pt

# §7.4.1 版记 rules: first and last 0.35 mm (≈ 1 pt, sz 8), the ones between 0.25 mm (sz 6).
COLOPHON_THICK = 8
COLOPHON_THIN = 6
BLACK_RULE = "000000"

# LibreOffice places text in an exact-height line with its em box bottom at 80 % of the
# line height (measured: independent of font size). Used to put glyphs where the standard
# wants them while every paragraph keeps an exact height.
EXACT_LINE_BASELINE_RATIO = 0.8

# One 字 of the body: 3号 is 16 pt. Indents are written in twips and in hundredths of a
# character (``*Chars``) because LibreOffice reads only the former and Word prefers the latter.
CHAR_WIDTH_TWIPS = 320
FIRST_LINE_INDENT_CHARS = 2

# Strategy B ("portable"): 16 pt glyphs squeezed by 0.25 pt fit 28 to a 156 mm line
# (28 × 15.75 = 441 pt ≤ 442.2 pt) in Word and LibreOffice alike.
BODY_CHARACTER_SPACING = Pt(-0.25)

# Strategy A ("word"): Word's character grid, Normal at 16 pt, 16 − 849/4096 pt per cell.
WORD_GRID_CHAR_SPACE = -849

# §7.3.5.2 no-seal signature: 署名 右空二字; date two characters right of the 署名.
SIGNATURE_RIGHT_CHARS = 2

# Fonts by role (§7.3.3, §7.2.4, §7.5): in fontnames, which needs no python-docx.
from gongwen.docx.fontnames import (  # noqa: E402, F401 - re-exported for the zone writers
    FONT_BODY,
    FONT_LATIN,
    FONT_LEVEL1,
    FONT_LEVEL2,
    FONT_PAGE_NUMBER,
    FONT_TITLE,
)
