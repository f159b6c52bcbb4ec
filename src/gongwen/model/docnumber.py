"""发文字号 (GB/T 9704 §7.2.5): 机关代字〔年份〕序号号, parsed from how clerks type it."""

from __future__ import annotations

import re
from typing import Any

from pydantic import field_validator, model_validator

from gongwen.model.fields import MAX_AGENCY_CHARS, MAX_SERIAL, NonEmptyText, Strict, key, short

_DOC_NUMBER = re.compile(
    r"\s*(?P<agency>[^\s〔〕［］\[\]【】（）()]+?)\s*[〔［\[【（(]\s*(?P<year>\d{4})\s*[〕］\]】）)]\s*第?\s*(?P<serial>\d+)\s*号\s*"
)


class DocNumber(Strict):
    """发文字号: 机关代字〔年份〕序号号, e.g. ``新办〔2021〕5号`` (§7.2.5)."""

    agency: NonEmptyText = key("机关代字", "agency", "发文机关代字，如“新办”。", max_length=MAX_AGENCY_CHARS)
    year: int = key("年份", "year", "发文年份（四位数）。", ge=1949, le=2100)
    serial: int = key("序号", "serial", "发文顺序号（不编虚位，不加“第”）。", ge=1)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if not isinstance(data, str):
            return data
        match = _DOC_NUMBER.fullmatch(data)
        if not match:
            raise ValueError(f"“{short(data, 24)}”不是发文字号。应写成“机关代字〔年份〕序号号”，例如 新办〔2021〕5号")
        if len(match["serial"]) > len(str(MAX_SERIAL)):
            raise ValueError(f"发文字号“{short(data, 24)}”的序号位数过多。序号是发文顺序号，例如 新办〔2021〕5号")
        return {"机关代字": match["agency"], "年份": int(match["year"]), "序号": int(match["serial"])}

    @field_validator("serial")
    @classmethod
    def _serial(cls, value: int) -> int:
        if value > MAX_SERIAL:
            raise ValueError(f"发文顺序号 {value} 过大（不超过 {MAX_SERIAL}），请检查是否多写了位数，例如 5")
        return value

    def __str__(self) -> str:
        return f"{self.agency}〔{self.year}〕{self.serial}号"
