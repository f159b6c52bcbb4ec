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

from pydantic import (
    AfterValidator,
    Discriminator,
    Field,
    PlainValidator,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from gongwen.model.dates import parse_date
from gongwen.model.docnumber import DocNumber
from gongwen.model.metric import Metric
from gongwen.model.period import PERIOD_SCHEMA, Period, parse_period
from gongwen.model.tables import UNION_TAG, Table
from gongwen.model.fields import (
    MAX_PERSON_CHARS,
    MAX_MASTHEAD_CHARS,
    MAX_ORGAN_CHARS,
    MAX_SHORT_CHARS,
    MAX_SUBJECT_CHARS,
    MAX_TITLE_CHARS,
    NonEmptyText,
    Organ,
    Person,
    Strict,
    Text,
    checked_lines,
    optional_name,
    key,
    short,
)


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


Kind = Literal["总结", "报告", "请示", "通知", "通报", "函", "纪要", "讲话稿", "简报"]
Secrecy = Literal["绝密", "机密", "秘密"]
Urgency = Literal["特急", "加急"]


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


class Document(Strict):
    """A whole document: who issues it, what it is about, and its body."""

    kind: Kind = key("文种", "kind", "文种：总结（默认）、报告、请示、通知、通报、函、纪要、讲话稿、简报。", "总结")
    letterhead: bool = key(
        "版头",
        "letterhead",
        "是否用红色版头（默认是）：写 false 即白头公文，不印发文机关标志、发文字号、签发人、红线和版记。",
        True,
        strict=True,
    )
    co_issuers: list[Organ] = key(
        "联合发文机关",
        "co_issuers",
        "联合行文时的其他发文机关（主办机关写在“发文机关”中，排在最前）。",
        default_factory=list,
    )
    issuer: Organ = key("发文机关", "issuer", "发文单位全称，如“新城街道办事处”；也是默认的署名。")
    period: Annotated[Period, PlainValidator(parse_period), WithJsonSchema(PERIOD_SCHEMA)] = key(
        "年度",
        "year",
        "总结的年度或期间：2021，或 2022年上半年、2022年第一季度、2022—2023学年、2021年1—11月；"
        "文中可用 {{ 年度 }}、{{ 上年 }}、{{ 期间 }}、{{ 上期 }}。",
    )
    subject: NonEmptyText = key("事由", "subject", "总结的事项，如“四城同创工作”。", max_length=MAX_SUBJECT_CHARS)
    title: Annotated[str, checked_lines("标题", MAX_TITLE_CHARS)] = key(
        "标题", "title", "公文标题（可选）；不写时为“发文机关 + 年度 + 事由 + 文种”；“|”处换行。", ""
    )
    date: dt.date = key("成文日期", "date", "成文日期，写成 2021-12-02 或 2021年12月2日；印为“2021年12月2日”。")
    signature: Annotated[str, checked_lines("署名", MAX_ORGAN_CHARS)] = key(
        "署名", "signature", "落款单位（可选），默认同发文机关；联合行文时各机关之间写“|”。", ""
    )
    intro: Paragraphs = key("导语", "intro", "开头的段落（无标题）：一段写文字，多段写列表。", default_factory=list)
    units: list[Text] = key(
        "下级单位",
        "units",
        "汇总的下级单位（可选）：各单位数据文件的路径（相对本文件），指标写  汇总: 指标名  即可合计。",
        default_factory=list,
    )
    metrics: dict[str, Metric] = key(
        "指标",
        "metrics",
        "文中用到的数字，每个写一次：名称: {数值: 6, 单位: 次}，或简写 名称: 6次；文中用 {{ 名称 }} 引用。",
        default_factory=dict,
    )
    sections: list[Section] = key("正文", "sections", "正文的各部分，自动编号 一、二、三、。", default_factory=list)
    closing: Paragraphs = key("结语", "closing", "正文最后的段落（无标题）。", default_factory=list)
    # 版头 (§7.2): only documents issued with a red 版头 carry these.
    copy_number: Text = key("份号", "copy_number", "份号：6 位阿拉伯数字，如 000001（涉密公文必须标注）。", "")
    secrecy: Secrecy | None = key("密级", "secrecy", "密级：绝密、机密或秘密（可选）。", None)
    secrecy_period: Text = key(
        "保密期限", "secrecy_period", "保密期限，如“1年”；印为“机密★1年”。", "", max_length=MAX_SHORT_CHARS
    )
    urgency: Urgency | None = key("紧急程度", "urgency", "紧急程度：特急或加急（可选）。", None)
    masthead: Annotated[str, checked_lines("发文机关标志", MAX_MASTHEAD_CHARS)] = key(
        "发文机关标志", "masthead", "红色版头上的发文机关标志，默认为“发文机关 + 文件”。", ""
    )
    number: DocNumber | None = key("发文字号", "number", "发文字号，如“新办〔2021〕5号”。", None)
    signers: list[Person] = key("签发人", "signers", "签发人姓名（上行文必填），可写多人。", default_factory=list)
    recipients: list[Organ] = key("主送机关", "recipients", "主送机关（请示只写一个）。", default_factory=list)
    attachments: list[Attachment] = key("附件", "attachments", "附件：名称及附件页的段落或表格。", default_factory=list)
    seal: bool = key(
        "印章", "seal", "是否加盖印章：是则署名居中于成文日期之上、日期右空四字，并为印章留出位置。", False
    )
    note: Text = key("附注", "note", "附注，如“此件公开发布”（不加括号，自动加）。", "")
    copies_to: list[Organ] = key("抄送", "copies_to", "抄送机关。", default_factory=list)
    printer: Annotated[str, Field(max_length=MAX_ORGAN_CHARS), AfterValidator(optional_name)] = key(
        "印发机关", "printer", "印发机关（版记），默认为发文机关。", ""
    )
    print_date: dt.date | None = key("印发日期", "print_date", "印发日期（版记），默认同成文日期。", None)
    skipped_rules: list[Text] = key(
        "不检查",
        "skip_rules",
        "不做的检查（可选）：只能是警告级的规则编号，如 [GW117]（文中直接写数字的提醒）；错误级的检查不能关闭。",
        default_factory=list,
    )
    speaker: Annotated[str, Field(max_length=MAX_PERSON_CHARS), AfterValidator(optional_name)] = key(
        "讲话人", "speaker", "讲话稿：讲话人姓名，印在标题下方。", ""
    )
    occasion: Text = key(
        "场合", "occasion", "讲话稿：在什么场合讲话，如“在2022年全街道工作总结大会上”；标题或副标题为“……的讲话”。", ""
    )
    salutation: Text = key("称呼", "salutation", "讲话稿：开头的称呼（默认“同志们：”），如“各位领导、同志们：”。", "")
    issue: int | None = key("期数", "issue", "简报：第几期，如 5（印为“第5期”）。", None, ge=1, le=9999, strict=True)
    total_issue: int | None = key(
        "总期数", "total_issue", "简报：总第几期（可选），印为“（总第32期）”。", None, ge=1, le=99999, strict=True
    )
    editor: Annotated[str, Field(max_length=MAX_ORGAN_CHARS), AfterValidator(optional_name)] = key(
        "编印单位", "editor", "简报：编印单位（默认为发文机关），印在刊头红线上方，如“街道党政办公室”。", ""
    )
    report_to: list[Organ] = key("报", "report_to", "简报：报送的上级机关（印在末页“报：”后）。", default_factory=list)
    send_to: list[Organ] = key("送", "send_to", "简报：送达的平级或相关单位（“送：”）。", default_factory=list)
    issue_to: list[Organ] = key("发", "issue_to", "简报：发至的下级单位（“发：”）。", default_factory=list)
    lead_style: LeadStyle = key(
        "小标题字体",
        "lead_style",
        "段落和要点的小标题用什么字：仿宋（默认，与正文相同）、加粗（仿宋加粗）、黑体或楷体。",
        "仿宋",
    )
    attendees: list[Organ] = key("出席", "attendees", "纪要：出席人员或单位。", default_factory=list)
    absentees: list[Organ] = key("请假", "absentees", "纪要：请假人员。", default_factory=list)
    observers: list[Organ] = key("列席", "observers", "纪要：列席人员。", default_factory=list)

    @field_validator("intro", "closing", mode="before")
    @classmethod
    def _one_paragraph(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator(
        "co_issuers",
        "signers",
        "recipients",
        "copies_to",
        "attendees",
        "absentees",
        "observers",
        "report_to",
        "send_to",
        "issue_to",
        mode="before",
    )
    @classmethod
    def _one_name(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("date", "print_date", mode="before")
    @classmethod
    def _chinese_date(cls, value: Any) -> Any:
        return parse_date(value) if isinstance(value, str) else value

    @field_validator("copy_number", mode="before")
    @classmethod
    def _six_digits(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 1_000_000:
            return f"{value:06d}"
        if isinstance(value, str) and value and not re.fullmatch(r"\d{6}", value):
            raise ValueError(f"份号“{short(value)}”应为 6 位阿拉伯数字，例如 000001")
        return value

    @field_validator("metrics")
    @classmethod
    def _metric_names(cls, value: dict[str, Metric]) -> dict[str, Metric]:
        for name in value:
            if not name.isidentifier():
                raise ValueError(f"指标名“{short(name)}”不能含空格或符号，也不能以数字开头，例如“工作会议”")
        return value

    @property
    def display_title(self) -> str:
        """The explicit title, or the composed one (§7.3.1, 条例 §9).

        总结 (not a statutory 文种): 发文机关 + 年度 + 事由 + 总结. The others: 发文机关 + 关于 +
        事由 + 的 + 文种. A 纪要 needs no title: its 标志 names it.
        """
        if self.title:
            return self.title
        if self.kind == "纪要":
            return "" if self.letterhead else self.display_masthead  # 白头: the 标志 text is the title
        if self.kind == "讲话稿":
            return self.speech_occasion
        if self.kind == "简报":
            return self.subject  # an article's headline: 新城街道开展安全生产大检查
        subject = self.subject if self.subject.startswith(str(self.year)) else f"{self.period.label}{self.subject}"
        issuers = "、".join(self.issuers)  # 顿号 between joint organs (§7.3.1)
        if self.kind == "总结":
            return f"{issuers}{subject}{self.kind}"
        return f"{issuers}关于{self.subject}的{self.kind}"

    @property
    def speech_occasion(self) -> str:
        """在……上的讲话: the title of a speech, or its subtitle under an explicit title."""
        occasion = self.occasion.removesuffix("的讲话").removesuffix("讲话")
        return f"{occasion}的讲话" if occasion else ""

    @property
    def year(self) -> int:
        """The year the period starts in (a whole 年度 is just that year)."""
        return self.period.year

    @property
    def issuers(self) -> list[str]:
        """The lead organ first, then the co-issuers (§7.2.4 joint issuance)."""
        return [self.issuer, *self.co_issuers]

    @property
    def display_masthead(self) -> str:
        if self.masthead:
            return self.masthead
        if self.kind == "纪要":
            return (
                f"{self.issuer}{self.subject}纪要" if not self.subject.endswith("纪要") else self.issuer + self.subject
            )
        if self.kind == "简报":
            return "工作简报"  # the 刊名; a clerk names it in 发文机关标志 (安全生产工作简报)
        if self.kind == "函":
            return self.issuer  # 信函格式: the lead organ only, without 文件 (§10.1)
        if self.co_issuers:
            return "|".join([*self.issuers, "文件"])  # names stacked, 文件 to their right
        return f"{self.issuer}文件"

    @property
    def display_signature(self) -> str:
        """One line per organ ("|" between them), the lead organ first (§7.3.5)."""
        return self.signature or "|".join(self.issuers)
