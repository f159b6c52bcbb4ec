"""What each 文种 requires and forbids (条例 §8, GB/T 9704 §7, §10).

Each rule names the field it concerns, so the message points at the right line: a missing
field at the document's start, a forbidden one at its key.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongwen.model.document import Document

# Fields that make no sense for a kind, with the reason given to the clerk.
_MASTHEAD_FIELDS = (
    "份号",
    "密级",
    "保密期限",
    "紧急程度",
    "发文机关标志",
    "发文字号",
    "签发人",
    "抄送",
    "印发机关",
    "印发日期",
)
_MEETING_FIELDS = ("出席", "请假", "列席")
_SPEECH_FIELDS = ("讲话人", "场合", "称呼")
_COLOPHON_FIELDS = ("抄送", "印发机关", "印发日期")
_NOT_SPEECH = {f: "只有讲话稿写讲话人、场合、称呼" for f in _SPEECH_FIELDS}
_BRIEF_FIELDS = ("期数", "总期数", "编印单位", "报", "送", "发")
_NOT_BRIEF = {f: "只有简报写期数、编印单位和报、送、发" for f in _BRIEF_FIELDS}
_NOT_MEETING = {f: "只有纪要写出席、请假、列席" for f in _MEETING_FIELDS}
# 白头 (版头: false): what only a 版头 or a 版记 carries.
PLAIN_FORBIDDEN = {
    **{
        f: "白头公文（版头: false）不印版头；要印发文字号或签发人，请删去“版头: false”"
        for f in ("发文机关标志", "发文字号", "签发人")
    },
    **{
        f: "白头公文（版头: false）不印版头，份号、密级和紧急程度都印在版头中；需要标注时请删去“版头: false”"
        for f in ("份号", "密级", "保密期限", "紧急程度")
    },
    **{f: "白头公文（版头: false）不带版记；要抄送或写印发机关，请删去“版头: false”" for f in _COLOPHON_FIELDS},
}
PLAIN_RELAXED = ("发文字号", "签发人")  # required only with a 版头

FORBIDDEN: dict[str, dict[str, str]] = {
    "总结": {
        **{f: "总结不是法定公文文种，不带版头和版记；上报时请把“文种”改为“报告”" for f in _MASTHEAD_FIELDS},
        "主送机关": "总结没有主送机关；上报时请把“文种”改为“报告”",
        **{f: "只有纪要写出席、请假、列席" for f in _MEETING_FIELDS},
    },
    "报告": {**_NOT_MEETING},
    "请示": {**_NOT_MEETING},
    "通知": {"签发人": "签发人只用于上行文（报告、请示）", **_NOT_MEETING},
    "通报": {"签发人": "通报是下行文，签发人只用于上行文（报告、请示）", **_NOT_MEETING},
    "函": {"签发人": "签发人只用于上行文（报告、请示）", **_NOT_MEETING},
    "讲话稿": {
        **{f: "讲话稿不带版头和版记" for f in _MASTHEAD_FIELDS},
        "主送机关": "讲话稿没有主送机关；开头的称呼请写在“称呼”中，如 称呼: 各位领导、同志们：",
        "联合发文机关": "讲话稿由一人讲，不联合行文",
        "署名": "讲话稿不落款：讲话人写在“讲话人”中，印在标题下方",
        "印章": "讲话稿不落款，不加盖印章",
        "附件": "讲话稿不带附件；需要时另行印发",
        "附注": "讲话稿没有附注",
        **_NOT_MEETING,
    },
    "简报": {
        **{
            f: "简报的刊头只有刊名、期数、编印单位和日期"
            for f in ("份号", "密级", "保密期限", "紧急程度", "发文字号", "签发人")
        },
        "主送机关": "简报不写主送机关；分送范围请写在“报”“送”“发”中",
        "抄送": "简报的分送范围写在“报”“送”“发”中",
        **{f: "简报末页只印报、送、发，不印印发机关和日期" for f in ("印发机关", "印发日期")},
        "署名": "简报不落款：编印单位印在刊头，写在“编印单位”中",
        "印章": "简报不加盖印章",
        "联合发文机关": "简报由一个单位编印",
        **_NOT_MEETING,
    },
    "纪要": {
        "联合发文机关": "纪要由召开会议的机关印发，不联合行文",
        "签发人": "纪要不标注签发人",
        "主送机关": "纪要不写主送机关；分送范围请写在“抄送”中",
        "印章": "纪要不加盖印章（GB/T 9704 §10.3）",
    },
}

REQUIRED: dict[str, dict[str, str]] = {
    "报告": {
        "主送机关": "报告应写主送机关（一般为直接上级机关），例如 主送机关: 市四城同创工作指挥部",
        "发文字号": "报告应有发文字号，例如 发文字号: 新办〔2021〕5号",
        "签发人": "报告是上行文，应写签发人，例如 签发人: 张明",
    },
    "请示": {
        "主送机关": "请示应写一个主送机关，例如 主送机关: 市人民政府",
        "发文字号": "请示应有发文字号，例如 发文字号: 新办〔2021〕6号",
        "签发人": "请示是上行文，应写签发人，例如 签发人: 张明",
    },
    "通知": {
        "主送机关": "通知应写主送机关，例如 主送机关: [各社区居委会, 办事处各科室]",
        "发文字号": "通知应有发文字号，例如 发文字号: 新办〔2021〕7号",
    },
    "通报": {
        "主送机关": "通报应写主送机关，例如 主送机关: [各社区居委会, 办事处各科室]",
        "发文字号": "通报应有发文字号，例如 发文字号: 新办〔2022〕12号（不用版头时写 版头: false）",
    },
    "讲话稿": {"讲话人": "讲话稿应写讲话人，例如 讲话人: 张明"},
    "简报": {"期数": "简报应写期数，例如 期数: 5（印为“第5期”）"},
    "函": {
        "主送机关": "函应写主送机关（收函单位），例如 主送机关: 市自然资源和规划局",
        "发文字号": "函应有发文字号，例如 发文字号: 新办函〔2021〕8号",
    },
    "纪要": {"出席": "纪要应写出席人员，例如 出席: [王刚, 李华]"},
}

# Field name → attribute of Document, for presence checks (and its English key).
_ATTRIBUTES = {
    "份号": "copy_number",
    "密级": "secrecy",
    "保密期限": "secrecy_period",
    "紧急程度": "urgency",
    "发文机关标志": "masthead",
    "发文字号": "number",
    "签发人": "signers",
    "抄送": "copies_to",
    "印发机关": "printer",
    "印发日期": "print_date",
    "主送机关": "recipients",
    "出席": "attendees",
    "请假": "absentees",
    "列席": "observers",
    "印章": "seal",
    "联合发文机关": "co_issuers",
    "期数": "issue",
    "总期数": "total_issue",
    "编印单位": "editor",
    "报": "report_to",
    "送": "send_to",
    "发": "issue_to",
    "讲话人": "speaker",
    "版头": "letterhead",
    "事由": "subject",
    "场合": "occasion",
    "称呼": "salutation",
    "署名": "signature",
    "附件": "attachments",
    "附注": "note",
}


ENGLISH_KEYS = dict(_ATTRIBUTES) | {"正文": "sections"}


@dataclass(frozen=True)
class KindProblem:
    field: str  # the Chinese key the problem is about
    message: str
    present: bool  # the field is in the file (point at it) or missing (point at the start)


def kind_problems(document: Document) -> list[KindProblem]:
    problems = []
    forbidden = FORBIDDEN.get(document.kind, {}) | ({} if document.kind == "讲话稿" else _NOT_SPEECH)
    forbidden = forbidden | ({} if document.kind == "简报" else _NOT_BRIEF)
    if not document.letterhead and document.kind not in ("总结", "讲话稿", "简报"):
        forbidden = forbidden | PLAIN_FORBIDDEN
    for field, reason in forbidden.items():
        if _has(document, field):
            problems.append(KindProblem(field, f"{document.kind}不应有“{field}”：{reason}。", True))
    for field, reason in REQUIRED.get(document.kind, {}).items():
        if not _has(document, field) and (document.letterhead or field not in PLAIN_RELAXED):
            problems.append(KindProblem(field, f"缺少“{field}”：{reason}。", False))
    if document.subject_period_conflict:
        message = (
            f"事由写的是“{document.subject_period_conflict}”，而年度是“{document.period.text}”："
            "请把两处改成同一个期间（事由也可不写期间，标题会自动加上）。"
        )
        problems.append(KindProblem("事由", message, True))
    if document.kind == "简报" and document.issue and document.total_issue and document.total_issue < document.issue:
        message = f"总期数 {document.total_issue} 小于期数 {document.issue}：总期数是创刊以来的期数，应不小于期数。"
        problems.append(KindProblem("总期数", message, True))
    if document.kind == "简报" and not document.letterhead:
        problems.append(KindProblem("版头", "简报不能不要刊头：刊名、期数和红线是简报的刊头，请删去“版头: false”。", True))
    if document.kind == "讲话稿" and not (document.speech_occasion or document.title):
        message = "缺少“场合”：讲话稿的标题是“在……上的讲话”，例如 场合: 在2022年全街道工作总结大会上"
        problems.append(KindProblem("场合", message + "。", False))
    if document.kind == "请示" and len(document.recipients) > 1:
        names = "、".join(document.recipients)
        problems.append(KindProblem("主送机关", f"请示只能主送一个机关（一文一事、不多头请示），现有：{names}。", True))
    if document.secrecy and not document.copy_number and document.letterhead:
        problems.append(KindProblem("密级", "涉密公文应标注份号，请加上 份号: 000001 这样的 6 位数字。", True))
    if document.secrecy_period and not document.secrecy:
        problems.append(KindProblem("保密期限", "写了保密期限，但没有写密级（绝密、机密或秘密）。", True))
    if not (document.sections or document.intro or document.closing):
        problems.append(KindProblem("正文", "正文为空：请至少写“导语”或“正文”中的一项。", False))
    return problems


def _has(document: Document, field: str) -> bool:
    value = getattr(document, _ATTRIBUTES[field])
    return bool(value)
