"""The 破折号 and 连接号 (——, 1—11月) drawn in the Chinese font.

Word draws U+2014 in the East Asian font of a run with ``w:hint="eastAsia"``. LibreOffice
decides by the characters around it: after a digit, or at the start of a paragraph, it
takes the run's Western font (Times New Roman, a narrow dash), so 2022年1—11月 and
——在……上的讲话 print with a half-width dash. Giving each dash a run of its own whose
Western fonts are the East Asian one makes every reader draw the full-width dash.
Done once over the finished body, so every zone writer's runs are covered.
"""

from __future__ import annotations

import copy
import re

from docx.oxml.ns import qn

DASHES = re.compile("(\u2014+)")
_FONT_SLOTS = ("w:ascii", "w:hAnsi")


def east_asian_dashes(root) -> None:
    """Split every text run holding a dash so the dash takes the East Asian font."""
    for run in list(root.iter(qn("w:r"))):
        content = [child for child in run if child.tag != qn("w:rPr")]
        text = content[0] if content else None
        if text is None or text.tag != qn("w:t") or not text.text or "\u2014" not in text.text:
            continue
        if any(child.tag != qn("w:br") for child in content[1:]):
            continue  # a run with a tab or a field is left as it is; a title line ends in a break
        fonts = run.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        east_asia = fonts.get(qn("w:eastAsia")) if fonts is not None else None
        if not east_asia or all(fonts.get(qn(slot)) == east_asia for slot in _FONT_SLOTS):
            continue
        pieces = [p for p in DASHES.split(text.text) if p]
        for index, piece in enumerate(pieces):
            part = copy.deepcopy(run)
            for child in [c for c in part if c.tag != qn("w:rPr")]:
                if index < len(pieces) - 1 or child.tag == qn("w:t"):
                    part.remove(child)  # the breaks stay with the last piece
            piece_text = part.makeelement(qn("w:t"), {})
            piece_text.text = piece
            piece_text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            rpr = part.find(qn("w:rPr"))
            rpr.addnext(piece_text)
            if piece[0] == "\u2014":
                for slot in _FONT_SLOTS:
                    rpr.find(qn("w:rFonts")).set(qn(slot), east_asia)
            run.addprevious(part)
        run.getparent().remove(run)
