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
    Field,
    PlainValidator,
    WithJsonSchema,
    field_validator,
)

from gongwen.model.dates import parse_date
from gongwen.model.docnumber import DocNumber
from gongwen.model.metric import Metric
from gongwen.model.period import PERIOD_PREFIX, PERIOD_SCHEMA, Period, parse_period, raw_period
from gongwen.model.sections import (  # noqa: F401 - the body's models, re-exported
    Attachment,
    LeadParagraph,
    LeadStyle,
    Paragraph,
    Paragraphs,
    Point,
    PointsStyle,
    Section,
)
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


Kind = Literal["总结", "报告", "请示", "通知", "通报", "函", "纪要", "讲话稿", "简报"]
Secrecy = Literal["绝密", "机密", "秘密"]
Urgency = Literal["特急", "加急"]


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
        "印章", "seal", "是否加盖印章：是则署名居中于成文日期之上、日期右空四字，并为印章留出位置。", False, strict=True
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

    @property
    def subject_period_conflict(self) -> str:
        """A 事由 that names another period than 年度 (2022年下半年… under 2022年上半年)."""
        _, named = self._subject_period()
        if named is None or named.whole_year or named == self.period:
            return ""
        return named.text

    def _subject_period(self) -> tuple[re.Match[str] | None, Period | None]:
        """Where the 事由 starts with a period, and which period that is."""
        match = PERIOD_PREFIX.match(self.subject)
        return match, raw_period(match.group()) if match else None

    @field_validator("speaker", mode="before")
    @classmethod
    def _one_speaker(cls, value: Any) -> Any:
        if isinstance(value, list) or (isinstance(value, str) and ("|" in value or "｜" in value)):
            raise ValueError("讲话稿只写一位讲话人，例如 讲话人: 张明（几位领导分别讲话时请各写一份讲话稿）")
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
        subject = self.subject_with_period
        issuers = "、".join(self.issuers)  # 顿号 between joint organs (§7.3.1)
        if self.kind == "总结":
            return f"{issuers}{subject}{self.kind}"
        return f"{issuers}关于{self.subject}的{self.kind}"

    @property
    def subject_with_period(self) -> str:
        """The 事由 as the title of a 总结 says it: led by the period (2022年上半年综合治理工作).
        A 事由 that names the period already keeps it; one that names only its year takes the
        period in the year's place (validation refuses a 事由 naming another period)."""
        match, named = self._subject_period()
        if match is None:
            return f"{self.period.label}{self.subject}"
        if self.period.whole_year or named == self.period:
            return self.subject
        return self.period.label + self.subject[match.end() :]

    @property
    def speech_occasion(self) -> str:
        """在……上的讲话: the title of a speech, or its subtitle under an explicit title. An
        occasion that already says what is delivered (……上的致辞, ……的发言) stays as it is."""
        occasion = self.occasion.strip()
        if re.search(r"[上中]的(?:讲话|致辞|发言|报告|讲话提纲|主持词)$", occasion):
            return occasion
        occasion = re.sub(r"(?:的?讲话)+$", "", occasion)
        return f"{occasion}的讲话" if len(occasion) > 1 else ""

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
