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


def key(chinese: str, english: str, description: str, default: Any = ..., **constraints: Any) -> Any:
    """A field under both spellings of its key; the Chinese one is what messages and the schema show."""
    extra = {"default_factory": constraints.pop("default_factory")} if "default_factory" in constraints else {}
    if not extra:
        extra["default"] = default
    return Field(
        validation_alias=AliasChoices(chinese, english), title=chinese, description=description, **extra, **constraints
    )


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


NonEmptyText = Annotated[str, Field(min_length=1)]
Paragraphs = list[NonEmptyText]


class Metric(Strict):
    """One figure of the year: ``会议: {数值: 6, 单位: 次}``, or the short form ``会议: 6次``."""

    value: int | float = key("数值", "value", "本年度的数字，如 6 或 12.5。")
    unit: str = key("单位", "unit", "数字后面的单位，如 次、个、%、亿元。", "")
    label: str = key("说明", "label", "这个指标是什么（不印在公文中，供核对）。", "")
    last_year: int | float | None = key("去年", "last_year", "上一年度的数字（可选），文中用 {{ 名称.去年 }} 引用。", None)

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

    lead: str = key("小标题", "lead", "要点的第一句（可选），自动在后面加“。”，如“开辟宣传阵地”。", "")
    text: str = key("内容", "text", "要点的正文。", "")

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

    heading: NonEmptyText = key("标题", "heading", "这一部分的标题，不写编号（编号自动生成）。")
    paragraphs: Paragraphs = key("段落", "paragraphs", "这一部分的段落：一段写文字，多段写列表。", default_factory=list)
    points: list[Point] = key("要点", "points", "“一是……二是……”的各项，编号自动生成。每项写一段文字，或写“小标题”和“内容”。", default_factory=list)
    points_style: PointsStyle = key("要点写法", "points_style", "分段：每个要点单独一段（默认）；连写：所有要点连成一段。", "分段")
    subsections: list[Section] = key("小节", "subsections", "下一级的各部分，字段相同；连同本级最多四级（一、（一）1.（1））。", default_factory=list)

    @field_validator("paragraphs", mode="before")
    @classmethod
    def _one_paragraph(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def depth(self) -> int:
        return 1 + max((s.depth() for s in self.subsections), default=0)


Kind = Literal["总结"]


class Document(Strict):
    """A whole document: who issues it, what it is about, and its body."""

    kind: Kind = key("文种", "kind", "公文种类，目前为“总结”。", "总结")
    issuer: NonEmptyText = key("发文机关", "issuer", "发文单位全称，如“新城街道办事处”；也是默认的署名。")
    year: int = key("年度", "year", "总结的年度（四位数），如 2021；文中可用 {{ 年度 }}、{{ 上年 }}。", ge=1949, le=2100)
    subject: NonEmptyText = key("事由", "subject", "总结的事项，如“四城同创工作”。")
    title: str = key("标题", "title", "公文标题（可选）；不写时为“发文机关 + 年度 + 事由 + 文种”。", "")
    date: dt.date = key("成文日期", "date", "成文日期，写成 2021-12-02 或 2021年12月2日；印为“2021年12月2日”。")
    signature: str = key("署名", "signature", "落款单位（可选），默认同发文机关。", "")
    intro: Paragraphs = key("导语", "intro", "开头的段落（无标题）：一段写文字，多段写列表。", default_factory=list)
    metrics: dict[str, Metric] = key("指标", "metrics", "文中用到的数字，每个写一次：名称: {数值: 6, 单位: 次}，或简写 名称: 6次；文中用 {{ 名称 }} 引用。", default_factory=dict)
    sections: list[Section] = key("正文", "sections", "正文的各部分（至少一项），自动编号 一、二、三、。", min_length=1)
    closing: Paragraphs = key("结语", "closing", "正文最后的段落（无标题）。", default_factory=list)

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
