"""Text widths in 字, the standard's unit of horizontal distance (GB/T 9704 §3)."""

from __future__ import annotations

# Word and LibreOffice put extra space where Chinese meets Latin letters or digits
# (autoSpaceDE/DN): measured in LibreOffice 7.4 as 3.25 pt on a 16 pt line, 0.2 字.
AUTOSPACE = 0.2


def text_width(text: str, autospace: bool = True) -> float:
    """Width in 字: full-width characters 1, ASCII 0.5, plus (as rendered) the Chinese/Latin
    gaps; plain text has no such gaps (``autospace=False``)."""
    width = sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)
    return width + (AUTOSPACE * _script_changes(text) if autospace else 0)


def _script_changes(text: str) -> int:
    """How often the text switches between Chinese and ASCII letters/digits."""
    kinds = [ch.isascii() for ch in text if ch.isascii() and ch.isalnum() or ord(ch) >= 0x2E80]
    return sum(a != b for a, b in zip(kinds, kinds[1:]))
