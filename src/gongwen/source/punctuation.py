"""Chinese text clean-up: full-width punctuation (GB/T 15834) and line joins without spaces.

Clerks type ``,`` ``:`` ``;`` ``(`` ``)`` in an English input mode and YAML folds long lines
with spaces; both look wrong in a 公文. Only punctuation touching Chinese text is changed:
``1,000``, ``3.5`` and ``A(B)`` stay as they are.
"""

from __future__ import annotations

import functools
import re

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019"
_CJK_OR_PUNCT = f"[{CJK}{CJK_PUNCT}]"

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}

# A half-width mark with Chinese on at least one side, where the other side is not a digit
# or Latin letter continuing a number or word (``第1,2项`` keeps its comma only if digits
# surround it).
_NEAR_CJK = rf"(?<={_CJK_OR_PUNCT})\s*([,:;?!])\s*|\s*([,:;?!])\s*(?={_CJK_OR_PUNCT})"
# Parentheses go as a pair: full width when they enclose Chinese or follow it (村(社区)),
# left alone around Latin after Latin (附件A(B)).
_PAREN_PAIR = rf"(?:(?<=[{CJK}])\(([^()]*)\)|\(([^()]*[{CJK}][^()]*)\))"
_PERIOD_AFTER_CJK = rf"(?<=[{CJK}])\.(?=$|[{CJK}])"
# Folding removes what YAML and typing leave (spaces, tabs, line breaks); an ideographic space
# (U+3000) is typed on purpose (凝心聚力　真抓实干, 张　明) and stays.
_FOLDED = "[^\\S\u3000]"
_SPACE_BETWEEN_CJK = rf"(?<={_CJK_OR_PUNCT}){_FOLDED}+(?={_CJK_OR_PUNCT})"
_SPACES = re.compile(rf"{_FOLDED}+")


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern with a Chinese character class, compiled on first use. Compiling such a class
    walks every code point in it (about 1.5 ms each), and a text only needs a pattern when it
    holds the half-width mark or space that the pattern replaces."""
    return re.compile(pattern)


def join_lines(text: str) -> str:
    """Fold line breaks and runs of spaces; no space survives between two Chinese characters."""
    text = text.strip()
    if not _SPACES.search(text):  # nothing to fold, as in most texts
        return text
    text = _compiled(_SPACE_BETWEEN_CJK).sub("", text)
    return _SPACES.sub(" ", text)


def to_full_width(text: str) -> str:
    """Half-width punctuation next to Chinese text becomes its full-width form."""
    if "(" in text:
        text = _compiled(_PAREN_PAIR).sub(lambda m: f"（{m.group(1) if m.group(1) is not None else m.group(2)}）", text)
    if any(mark in text for mark in _HALF_TO_FULL):
        text = _compiled(_NEAR_CJK).sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)
    if "." in text:
        text = _compiled(_PERIOD_AFTER_CJK).sub("。", text)
    return _pair_straight_quotes(text)


def _pair_straight_quotes(text: str) -> str:
    """``"创建"`` → ``“创建”`` when the quoted text is Chinese; alternates open and close."""
    if '"' not in text or not _compiled(f"[{CJK}]").search(text):
        return text
    parts = text.split('"')
    if len(parts) % 2 == 0:  # unbalanced: leave it for the lint to report
        return text
    out = [parts[0]]
    for index, part in enumerate(parts[1:]):
        out.append("“" if index % 2 == 0 else "”")
        out.append(part)
    return "".join(out)


def clean(text: str) -> str:
    return to_full_width(join_lines(text))


def ends_with_punctuation(text: str) -> bool:
    return bool(text) and text[-1] in "。！？；：，、…）”’」.!?;:,"
