"""The document as data: pydantic models of what a clerk writes in the YAML file.

Keys are Chinese (what the README documents); the English attribute names are accepted as
well. Every model forbids unknown keys, so a typo is an error with a suggestion, not a
silently dropped paragraph. Numbers in the text are never typed: they are ``指标`` declared
once and referenced as ``{{ 名称 }}`` (see ``figures.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_SECTION_DEPTH = 4  # 一、 → （一） → 1. → （1）


def alias(chinese: str, english: str) -> Any:
    """Both spellings of a key; the Chinese one is what messages and the schema show."""
    return AliasChoices(chinese, english)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


NonEmptyText = Annotated[str, Field(min_length=1)]
Paragraphs = list[NonEmptyText]


class Metric(Strict):
    """One figure of the year: ``会议: {数值: 6, 单位: 次}``, or the short form ``会议: 6次``."""

    value: int | float = Field(validation_alias=alias("数值", "value"), title="数值")
    unit: str = Field("", validation_alias=alias("单位", "unit"), title="单位")
    label: str = Field("", validation_alias=alias("说明", "label"), title="说明")
    last_year: int | float | None = Field(None, validation_alias=alias("去年", "last_year"), title="去年")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, bool):
            raise ValueError("应为数字或“数字+单位”，例如 6 或 6次")
        if isinstance(data, (int, float)):
            return {"数值": data}
        if isinstance(data, str):
            match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(\S*)\s*", data)
            if not match:
                raise ValueError(f"“{data}”不是数字。应写成数字或“数字+单位”，例如 6 或 6次")
            number = match.group(1)
            value = float(number) if "." in number else int(number)
            return {"数值": value, "单位": match.group(2)}
        return data


class Point(Strict):
    """One 一是/二是 point: its optional lead sentence and its text."""

    lead: str = Field("", validation_alias=alias("小标题", "lead"), title="小标题")
    text: str = Field("", validation_alias=alias("内容", "text"), title="内容")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        return {"内容": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _not_empty(self) -> Point:
        if not (self.lead or self.text):
            raise ValueError("要点不能为空：请填写“内容”（可选“小标题”）")
        return self


PointsStyle = Literal["分段", "连写"]


class Section(Strict):
    """A numbered part of the body; sections nest up to four levels."""

    heading: NonEmptyText = Field(validation_alias=alias("标题", "heading"), title="标题")
    paragraphs: Paragraphs = Field(default_factory=list, validation_alias=alias("段落", "paragraphs"))
    points: list[Point] = Field(default_factory=list, validation_alias=alias("要点", "points"))
    points_style: PointsStyle = Field("分段", validation_alias=alias("要点写法", "points_style"))
    subsections: list[Section] = Field(default_factory=list, validation_alias=alias("小节", "subsections"))

    @field_validator("paragraphs", mode="before")
    @classmethod
    def _one_paragraph(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def depth(self) -> int:
        return 1 + max((s.depth() for s in self.subsections), default=0)


Kind = Literal["总结"]


class Document(Strict):
    """A whole document: who issues it, what it is about, and its body."""

    kind: Kind = Field("总结", validation_alias=alias("文种", "kind"), title="文种")
    issuer: NonEmptyText = Field(validation_alias=alias("发文机关", "issuer"), title="发文机关")
    year: int = Field(ge=1949, le=2100, validation_alias=alias("年度", "year"), title="年度")
    subject: NonEmptyText = Field(validation_alias=alias("事由", "subject"), title="事由")
    title: str = Field("", validation_alias=alias("标题", "title"), title="标题")
    date: dt.date = Field(validation_alias=alias("成文日期", "date"), title="成文日期")
    signature: str = Field("", validation_alias=alias("署名", "signature"), title="署名")
    intro: Paragraphs = Field(default_factory=list, validation_alias=alias("导语", "intro"))
    metrics: dict[str, Metric] = Field(default_factory=dict, validation_alias=alias("指标", "metrics"))
    sections: list[Section] = Field(validation_alias=alias("正文", "sections"), min_length=1)
    closing: Paragraphs = Field(default_factory=list, validation_alias=alias("结语", "closing"))

    @field_validator("intro", "closing", mode="before")
    @classmethod
    def _one_paragraph(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("date", mode="before")
    @classmethod
    def _chinese_date(cls, value: Any) -> Any:
        return parse_date(value) if isinstance(value, str) else value

    @field_validator("metrics")
    @classmethod
    def _metric_names(cls, value: dict[str, Metric]) -> dict[str, Metric]:
        for name in value:
            if not name.isidentifier():
                raise ValueError(f"指标名“{name}”不能含空格或符号，也不能以数字开头，例如“工作会议”")
        return value

    @model_validator(mode="after")
    def _cross_checks(self) -> Document:
        if not self.year <= self.date.year <= self.year + 1:
            raise ValueError(
                f"成文日期 {self.date.year}年 与年度 {self.year}年 不符：总结应在当年或次年成文，请检查“年度”或“成文日期”"
            )
        for section in self.sections:
            if section.depth() > MAX_SECTION_DEPTH:
                raise ValueError(f"“{section.heading}”下的小节超过四级（一、（一）1.（1）），请合并层级")
        return self

    @property
    def display_title(self) -> str:
        """The explicit title, or 发文机关 + 年度 + 事由 + 文种."""
        if self.title:
            return self.title
        subject = self.subject if self.subject.startswith(str(self.year)) else f"{self.year}年{self.subject}"
        return f"{self.issuer}{subject}{self.kind}"

    @property
    def display_signature(self) -> str:
        return self.signature or self.issuer


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
        raise ValueError(f"“{text}”不是有效日期") from None


def format_date(date: dt.date) -> str:
    """GB/T 9704 §7.3.5.4: Arabic numerals, full year, no leading zeros."""
    return f"{date.year}年{date.month}月{date.day}日"
