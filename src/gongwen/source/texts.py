"""How texts in the data are written: where the metrics live, what ``{{ }}`` may name, and
the explicit title break. Shared by every stage that reads the data's texts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

Path_ = tuple[str | int, ...]

METRIC_KEYS = ("指标", "metrics")
# What a text may reference besides the declared metrics (the figures stage fills them in), and
# the attributes of a metric (and of its 去年). Nothing else: model/guard.py refuses the rest.
DOCUMENT_NAMES = ("年度", "上年", "下年", "期间", "上期", "发文机关")
FIGURE_ATTRIBUTES = (
    "数值", "单位", "说明", "去年", "目标", "增减", "差值", "增幅",
    "同比", "比上年", "倍数", "完成目标", "目标完成", "占比", "其中", "最多", "最少", "区间",
)  # fmt: skip
LAST_YEAR_ATTRIBUTES = ("数值", "单位")
TITLE_BREAK = "|"  # between the lines of a multi-line 标题 (also the YAML's explicit break)


def spelt_key(data: Mapping, chinese: str, english: str) -> str:
    """The key a field is written under: the English alias when only that is used."""
    return english if english in data and chinese not in data else chinese


def iter_texts(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every string in the loaded data, with its path, outside the metrics table."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, Mapping):
        for key, value in data.items():
            if not path and key in METRIC_KEYS:
                continue
            yield from iter_texts(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_texts(value, path + (index,))


def has_expression(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text
