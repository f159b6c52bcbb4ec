"""The period a document covers: a year, a half-year, a quarter, a school year or a span of
months. ``年度: 2022`` stays what it always was; ``年度: 2022年上半年`` now works too.

The period decides what the title says (2022年上半年……总结), what ``{{ 期间 }}`` and
``{{ 上期 }}`` print, the baseline every comparison names (比上年 for a year, 比上年同期
for part of one, 比上学年 for a school year) and which 成文日期 fit it.
"""

from __future__ import annotations

import datetime as dt
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
    first_month: int = 1  # the months it covers: 第三季度 is 7—9, a school year 9—8
    last_month: int = 12

    @property
    def ends(self) -> int:
        return self.end_year or self.year

    @property
    def label(self) -> str:
        """What the title puts before the 事由: 2022年 for a whole year, else the period."""
        return self.text

    @property
    def whole_year(self) -> bool:
        return self.baseline == "上年"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    def same_span(self, other: Period) -> bool:
        """第三季度 and 7—9月 are the same months, whatever they are called."""
        return (self.year, self.ends, self.first_month, self.last_month) == (
            other.year,
            other.ends,
            other.first_month,
            other.last_month,
        )


def year_period(year: int) -> Period:
    return Period(year, f"{year}年", f"{year - 1}年")


def _part_of_year(year: int, part: str, first: int, last: int) -> Period:
    return Period(year, f"{year}年{part}", f"{year - 1}年{part}", "上年同期", 0, first, last)


def _quarter(year: int, ordinal: str) -> Period:
    n = CHINESE_ORDINALS.index(ordinal) + 1 if ordinal in CHINESE_ORDINALS else int(ordinal)
    if not 1 <= n <= 4:
        raise ValueError(f"一年只有四个季度，例如 {year}年第一季度")
    return _part_of_year(year, f"第{CHINESE_ORDINALS[n - 1]}季度", 3 * n - 2, 3 * n)


_FORMS: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"(\d{4})年?(?:度)?"), lambda m: year_period(int(m[1]))),
    (
        re.compile(r"(\d{4})年(?:度)?(上半年|下半年)"),
        lambda m: _part_of_year(int(m[1]), m[2], *((1, 6) if m[2] == "上半年" else (7, 12))),
    ),
    (re.compile(rf"(\d{{4}})年(?:度)?(?:第)?([{CHINESE_ORDINALS}\d])季度"), lambda m: _quarter(int(m[1]), m[2])),
    (
        re.compile(rf"(\d{{4}})年(?:度)?前([{CHINESE_ORDINALS[1:3]}23])季度"),
        lambda m: _part_of_year(
            int(m[1]),
            f"前{'一二三'[int(m[2]) - 1] if m[2].isdigit() else m[2]}季度",
            1,
            3 * (CHINESE_ORDINALS.index(m[2]) + 1 if not m[2].isdigit() else int(m[2])),
        ),
    ),
    (
        re.compile(rf"(\d{{4}})\s*{DASH}\s*(\d{{4}})\s*学年(?:度)?"),
        lambda m: _school_year(int(m[1]), int(m[2])),
    ),
    (
        re.compile(rf"(\d{{4}})年(\d{{1,2}})月?\s*(?:{DASH}|至|到)\s*(\d{{1,2}})月(?:份)?"),
        lambda m: _months(int(m[1]), int(m[2]), int(m[3])),
    ),
    (re.compile(r"(\d{4})年(\d{1,2})月(?:份)?"), lambda m: _months(int(m[1]), int(m[2]), int(m[2]))),
]


def _school_year(first: int, second: int) -> Period:
    if second != first + 1:
        raise ValueError(f"学年应跨相邻的两年，例如 {first}—{first + 1}学年")
    return Period(first, f"{first}—{second}学年", f"{first - 1}—{first}学年", "上学年", second, 9, 8)


def _months(year: int, first: int, last: int) -> Period:
    if not 1 <= first <= last <= 12:
        raise ValueError(f"月份应在 1—12 之间且前小后大，例如 {year}年1—11月")
    if (first, last) == (1, 12):
        return year_period(year)
    months = f"{first}月" if first == last else f"{first}—{last}月"
    return _part_of_year(year, months, first, last)


# What a 事由 may start with to name a period itself (2022年上半年综合治理工作).
PERIOD_PREFIX = re.compile(
    rf"\d{{4}}\s*{DASH}\s*\d{{4}}\s*学年|\d{{4}}年(?:度)?(?:上半年|下半年|第?[{CHINESE_ORDINALS}\d]季度|前[二三23]季度"
    rf"|\d{{1,2}}月?\s*(?:{DASH}|至|到)\s*\d{{1,2}}月(?:份)?|\d{{1,2}}月(?:份)?)?"
)


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
