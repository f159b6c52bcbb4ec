"""The period a document covers: a year, a half-year, a quarter, a school year or a span of
months. ``年度: 2022`` stays what it always was; ``年度: 2022年上半年`` now works too.

The period decides what the title says (2022年上半年……总结), what ``{{ 期间 }}`` and
``{{ 上期 }}`` print, the baseline every comparison names (比上年 for a year, 比上年同期
for part of one, 比上学年 for a school year) and which 成文日期 fit it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MIN_YEAR, MAX_YEAR = 1949, 2100
CHINESE_ORDINALS = "一二三四"
DASH = "[—–－-]"  # 2022—2023学年; clerks type any dash, the document prints —
HALVES = ("上半年", "下半年")


@dataclass(frozen=True)
class Period:
    year: int  # the year it starts in: 发文字号 and roll-ups use it
    text: str  # as printed: 2022年, 2022年上半年, 2022—2023学年, 2021年1—11月
    last: str  # the same period a year earlier: 2021年上半年
    baseline: str = "上年"  # 比上年 / 比上年同期 / 比上学年
    end_year: int = 0  # the year it ends in (成文日期 falls then or the year after)

    @property
    def ends(self) -> int:
        return self.end_year or self.year

    @property
    def label(self) -> str:
        """What the title puts before the 事由: 2022年 for a whole year, else the period."""
        return self.text


def year_period(year: int) -> Period:
    return Period(year, f"{year}年", f"{year - 1}年")


def _part_of_year(year: int, part: str) -> Period:
    return Period(year, f"{year}年{part}", f"{year - 1}年{part}", "上年同期")


_FORMS: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"(\d{4})年?(?:度)?"), lambda m: year_period(int(m[1]))),
    (re.compile(r"(\d{4})年(上半年|下半年)"), lambda m: _part_of_year(int(m[1]), m[2])),
    (
        re.compile(rf"(\d{{4}})年(?:第)?([{CHINESE_ORDINALS}])季度"),
        lambda m: _part_of_year(int(m[1]), f"第{m[2]}季度"),
    ),
    (re.compile(rf"(\d{{4}})年前([{CHINESE_ORDINALS[1:3]}])季度"), lambda m: _part_of_year(int(m[1]), f"前{m[2]}季度")),
    (
        re.compile(rf"(\d{{4}})\s*{DASH}\s*(\d{{4}})\s*学年(?:度)?"),
        lambda m: _school_year(int(m[1]), int(m[2])),
    ),
    (
        re.compile(rf"(\d{{4}})年(\d{{1,2}})月?\s*{DASH}\s*(\d{{1,2}})月"),
        lambda m: _months(int(m[1]), int(m[2]), int(m[3])),
    ),
    (re.compile(r"(\d{4})年(\d{1,2})月"), lambda m: _months(int(m[1]), int(m[2]), int(m[2]))),
]


def _school_year(first: int, second: int) -> Period:
    if second != first + 1:
        raise ValueError(f"学年应跨相邻的两年，例如 {first}—{first + 1}学年")
    return Period(first, f"{first}—{second}学年", f"{first - 1}—{first}学年", "上学年", second)


def _months(year: int, first: int, last: int) -> Period:
    if not 1 <= first <= last <= 12:
        raise ValueError(f"月份应在 1—12 之间且前小后大，例如 {year}年1—11月")
    if (first, last) == (1, 12):
        return year_period(year)
    months = f"{first}月" if first == last else f"{first}—{last}月"
    return _part_of_year(year, months)


PERIOD_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
        {"type": "string", "pattern": "^\\s*\\d{4}"},
    ]
}
EXAMPLES = "2022、2022年上半年、2022年第一季度、2022年前三季度、2022—2023学年、2021年1—11月"


def parse_period(value: Any) -> Period:
    """``2022`` / ``"2022年上半年"`` → a Period; anything else is a ValueError saying what to write."""
    if isinstance(value, Period):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"年度应写成年份或期间，例如 {EXAMPLES}")
    text = str(value).strip().replace(" ", "")
    for pattern, make in _FORMS:
        match = pattern.fullmatch(text)
        if match:
            period = make(match)
            if not MIN_YEAR <= period.year <= MAX_YEAR:
                raise ValueError(f"年度应在 {MIN_YEAR}—{MAX_YEAR} 之间，例如 2021")
            return period
    raise ValueError(f"年度“{text[:20]}”看不懂：请写成年份或期间，例如 {EXAMPLES}")


def raw_period(value: Any) -> Period | None:
    """The period of a raw YAML value, or None when it is malformed (reported at 年度)."""
    try:
        return parse_period(value)
    except ValueError:
        return None
