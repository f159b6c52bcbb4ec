"""Dates as 公文 write them (GB/T 9704 §7.3.5.4): Arabic numerals, the full year, no leading
zeros; and the Chinese-numeral dates clerks type by habit, recognised to say what to write.
"""

from __future__ import annotations

import datetime as dt
import re

from gongwen.model.fields import short

_CHINESE_DATE = re.compile(r"\s*(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*")


def parse_date(text: str) -> dt.date | str:
    """``2021年12月2日`` or ``2021-12-02`` → date; anything else is left for pydantic to refuse."""
    match = _CHINESE_DATE.fullmatch(text)
    if not match:
        return text
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"“{short(text)}”不是有效日期") from None


def format_date(date: dt.date) -> str:
    """GB/T 9704 §7.3.5.4: Arabic numerals, full year, no leading zeros."""
    return f"{date.year}年{date.month}月{date.day}日"


_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
_NUMERAL = f"[{''.join(_DIGITS)}十]"
_CHINESE_NUMERAL_DATE = re.compile(
    rf"\s*({_NUMERAL}{{4}})\s*年\s*({_NUMERAL}{{1,3}})\s*月\s*({_NUMERAL}{{1,3}})\s*日?\s*"
)
ZERO_PADDED = re.compile(r"\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*")


def chinese_to_int(numeral: str) -> int | None:
    """``二〇二一`` → 2021 (digit by digit); ``十二`` → 12, ``二十三`` → 23; else ``None``."""
    if "十" not in numeral:
        digits = [_DIGITS.get(c) for c in numeral]
        return None if None in digits or not digits else int("".join(map(str, digits)))
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _DIGITS) or (ones and ones not in _DIGITS):
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def arabic_date(text: str) -> str | None:
    """``二〇二一年十二月二日`` → ``2021年12月2日`` when it is a real date."""
    match = _CHINESE_NUMERAL_DATE.fullmatch(text)
    if not match:
        return None
    year, month, day = (chinese_to_int(g) for g in match.groups())
    try:
        dt.date(year or 0, month or 0, day or 0)
    except ValueError:
        return None
    return f"{year}年{month}月{day}日"


def chinese_date_message(text: str) -> str | None:
    """The message for a date written in Chinese numerals (also used by validation), else ``None``."""
    if not re.search(_NUMERAL, text):
        return None
    suggestion = arabic_date(text)
    fix = f"请写成 {suggestion}。" if suggestion else "请写成 2021年12月2日 或 2021-12-02 这样的形式。"
    return f"成文日期“{text.strip()}”用了汉字数字。GB/T 9704-2012 规定成文日期用阿拉伯数字，{fix}"
