"""The body as data: sections with their paragraphs (plain or led by a 小标题), points, tables
and subsections, and the 附件 pages."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Tag, field_validator, model_validator

from gongwen.model.fields import MAX_TITLE_CHARS, NonEmptyText, Strict, Text, key
from gongwen.model.tables import UNION_TAG, Table


class LeadParagraph(Strict):
    """A paragraph that opens with a lead sentence (小标题), set as the house style says."""

    lead: NonEmptyText = key("小标题", "lead", "段落的第一句（小标题），自动在后面加“。”，如“强化组织领导”。")
    text: NonEmptyText = key("内容", "text", "小标题后面的正文。")


def _paragraph_kind(value: Any) -> str:
    return f"{UNION_TAG}有小标题" if isinstance(value, (dict, LeadParagraph)) else f"{UNION_TAG}文字"


# A paragraph is text, or {小标题, 内容}; tagged so that a mistake in one is reported as that.
Paragraph = Annotated[
    Annotated[NonEmptyText, Tag(f"{UNION_TAG}文字")] | Annotated[LeadParagraph, Tag(f"{UNION_TAG}有小标题")],
    Discriminator(_paragraph_kind),
]
Paragraphs = list[Paragraph]
LeadStyle = Literal["仿宋", "加粗", "黑体", "楷体"]


class Point(Strict):
    """One 一是/二是 point: its optional lead sentence and its text."""

    lead: Text = key("小标题", "lead", "要点的第一句（可选），自动在后面加“。”，如“开辟宣传阵地”。", "")
    text: Text = key("内容", "text", "要点的正文。", "")

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
    points: list[Point] = key(
        "要点",
        "points",
        "“一是……二是……”的各项，编号自动生成。每项写一段文字，或写“小标题”和“内容”。",
        default_factory=list,
    )
    points_style: PointsStyle = key(
        "要点写法", "points_style", "分段：每个要点单独一段（默认）；连写：所有要点连成一段。", "分段"
    )
    umbrella: Text = key(
        "要点引语",
        "umbrella",
        "“一是……二是……”前的总起句（可选），如“主要做了三方面工作：”；要点连写时与各要点连成一段。",
        "",
    )
    run_in: bool = key(
        "标题连写",
        "run_in",
        "标题与下面第一段连成一段（可选）：“（一）聚焦主责主业。全年……”，常用于（一）及以下各级。",
        False,
        strict=True,
    )
    numbered: bool = key(
        "编号",
        "numbered",
        "是否编号（默认是）；写 false 时标题不编号、不占序号，如“下一步工作要求：”。",
        True,
        strict=True,
    )
    table: Table | None = key("表格", "table", "这一部分的统计表（可选）：表头和各行，单元格可引用指标。", None)
    metric_table: list[Text] = key(
        "指标表",
        "metric_table",
        "由指标生成的对比表（可选）：指标名的列表，表头为 序号｜指标｜单位｜上年｜本年｜增减｜同比。",
        default_factory=list,
    )
    parts_table: list[Text] = key(
        "分项表",
        "parts_table",
        "由指标分项生成的表（可选）：指标名的列表，每个分项一行，末行合计；汇总下级单位时即分单位表。",
        default_factory=list,
    )
    subsections: list[Section] = key(
        "小节", "subsections", "下一级的各部分，字段相同；连同本级最多四级（一、（一）1.（1））。", default_factory=list
    )

    @model_validator(mode="after")
    def _umbrella_and_heading_forms(self) -> Section:
        if self.umbrella and not self.points:
            raise ValueError("写了“要点引语”，但没有“要点”：引语是一是、二是……前的总起句，请补上要点，或把这句写进“段落”")
        if self.run_in and not self.numbered:
            raise ValueError("不编号的标题（编号: false）不能与段落连写：请删去“标题连写”，或删去“编号: false”")
        return self

    @model_validator(mode="after")
    def _one_table(self) -> Section:
        if sum((self.table is not None, bool(self.metric_table), bool(self.parts_table))) > 1:
            raise ValueError("一个部分只能有一张表：“表格”“指标表”“分项表”请只写一个（另一张可放到小节或附件中）")
        return self

    @field_validator("paragraphs", mode="before")
    @classmethod
    def _one_paragraph(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def depth(self) -> int:
        return 1 + max((s.depth() for s in self.subsections), default=0)


class Attachment(Strict):
    """附件: listed in the 附件说明 and printed on its own pages after the body (§7.3.7)."""

    name: NonEmptyText = key(
        "名称", "name", "附件名称，也是附件页的标题（不加书名号，末尾不加标点）。", max_length=MAX_TITLE_CHARS
    )
    paragraphs: Paragraphs = key("段落", "paragraphs", "附件的段落（可选）。", default_factory=list)
    table: Table | None = key("表格", "table", "附件中的表格（可选）：表头和各行。", None)
    metric_table: list[Text] = key(
        "指标表", "metric_table", "由指标生成的对比表（可选），同正文。", default_factory=list
    )
    parts_table: list[Text] = key(
        "分项表", "parts_table", "由指标分项生成的表（可选），同正文；汇总下级单位时即分单位表。", default_factory=list
    )

    @field_validator("paragraphs", mode="before")
    @classmethod
    def _one_paragraph(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value
