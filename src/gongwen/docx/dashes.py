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
    allowed = {qn("w:t"), qn("w:tab"), qn("w:br")}
    for run in list(root.iter(qn("w:r"))):
        content = [child for child in run if child.tag != qn("w:rPr")]
        texts = [c for c in content if c.tag == qn("w:t")]
        if not any(t.text and "\u2014" in t.text for t in texts) or any(c.tag not in allowed for c in content):
            continue  # no dash, or a field, drawing or other content left as it is
        fonts = run.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        east_asia = fonts.get(qn("w:eastAsia")) if fonts is not None else None
        if not east_asia or all(fonts.get(qn(slot)) == east_asia for slot in _FONT_SLOTS):
            continue
        for text, dash, extras in _pieces(content):
            part = copy.deepcopy(run)
            for child in [c for c in part if c.tag != qn("w:rPr")]:
                part.remove(child)
            rpr = part.find(qn("w:rPr"))
            if text:
                piece_text = part.makeelement(qn("w:t"), {})
                piece_text.text = text
                piece_text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                part.append(piece_text)
            for extra in extras:  # a tab or break stays after the text it followed
                part.append(copy.deepcopy(extra))
            if dash:
                for slot in _FONT_SLOTS:
                    rpr.find(qn("w:rFonts")).set(qn(slot), east_asia)
            run.addprevious(part)
        run.getparent().remove(run)


def _pieces(content: list) -> list[list]:
    """[text, is a dash, tabs and breaks after it] for each run the content splits into."""
    pieces: list[list] = []
    for child in content:
        if child.tag == qn("w:t"):
            pieces += [[p, p[0] == "\u2014", []] for p in DASHES.split(child.text or "") if p]
        elif pieces:
            pieces[-1][2].append(child)
        else:
            pieces.append(["", False, [child]])
    return pieces
