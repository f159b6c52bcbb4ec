"""Text widths in 字, the standard's unit of horizontal distance (GB/T 9704 §3)."""

from __future__ import annotations


def text_width(text: str) -> float:
    """Width in 字: full-width characters count 1, ASCII (digits, Latin) 0.5."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)
