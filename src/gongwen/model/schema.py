"""The JSON Schema of the YAML format, for editors (yaml-language-server) and CI tools.

Generated from the pydantic models, so it cannot drift from what ``gongwen build`` accepts;
the short forms the models accept (``会议: 6次``, a point as one string, one paragraph as a
string) are added so an editor does not flag them.
"""

from __future__ import annotations

import json
from typing import Any

from gongwen.model.document import Document

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"
DEFINITION_TITLES = {
    "Metric": "指标",
    "Point": "要点",
    "Section": "部分",
    "DocNumber": "发文字号",
    "Attachment": "附件",
    "Table": "表格",
    "HeaderCell": "表头格",
    "LeadParagraph": "有小标题的段落",
}
DEFINITION_DESCRIPTIONS = {
    "Metric": "一个数字：数值、单位，可选说明和去年的数值。",
    "Point": "一个要点：可选的小标题（第一句）和内容。",
    "Section": "正文的一个部分：标题、段落、要点和下一级小节。",
    "DocNumber": "发文字号的三部分；也可直接写成“新办〔2021〕5号”。",
    "Attachment": "一个附件：名称，以及附件页上的段落或表格。",
    "Table": "表格：表头和各行，可选标题、单位、合计和字号。",
    "LeadParagraph": "以小标题开头的段落：小标题（第一句）和内容。",
    "HeaderCell": "合并的表头格：文字，以及横跨的列数（跨列）或纵跨的表头行数（跨行）。",
}
_NAME_LISTS = ("联合发文机关", "签发人", "主送机关", "抄送", "出席", "请假", "列席")
_PARAGRAPHS = ("段落", "导语", "结语")


def document_schema() -> dict[str, Any]:
    schema = Document.model_json_schema(mode="validation")
    schema = {"$schema": SCHEMA_URL, **schema}
    schema["title"] = "gongwen 公文数据文件"
    schema["description"] = "gongwen build 读取的 YAML 数据：发文机关、年度、事由、成文日期、指标和正文各部分。"
    for name, definition in schema["$defs"].items():
        definition["title"] = DEFINITION_TITLES[name]
        definition["description"] = DEFINITION_DESCRIPTIONS[name]
    _allow_short_forms(schema)
    return schema


def _allow_short_forms(schema: dict[str, Any]) -> None:
    properties = schema["properties"]
    properties["指标"]["additionalProperties"] = {
        "anyOf": [
            {"$ref": "#/$defs/Metric"},
            {"type": "number"},
            {"type": "string", "pattern": r"^\s*-?\d+(\.\d+)?\s*\S*\s*$", "description": "简写：数字加单位，如 6次"},
        ]
    }
    properties["指标"]["propertyNames"] = {"pattern": r"^[^\d\W]\w*$"}
    rate = schema["$defs"]["Metric"]["properties"]["同比"]
    rate["anyOf"] = [
        {"type": "number"},
        {"type": "string", "pattern": r"^\s*[+-]?\d+(\.\d+)?\s*[%％]\s*$"},
        {"type": "null"},
    ]
    properties["成文日期"] = {
        key: value for key, value in properties["成文日期"].items() if key not in ("type", "format")
    } | {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "pattern": r"^\d{4}年\d{1,2}月\d{1,2}日$"}]}
    section = schema["$defs"]["Section"]["properties"]
    section["要点"]["items"] = {"anyOf": [{"$ref": "#/$defs/Point"}, {"type": "string", "minLength": 1}]}
    attachment = schema["$defs"]["Attachment"]["properties"]
    for owner in (properties, section, attachment):
        for name in _PARAGRAPHS + _NAME_LISTS:
            if name in owner:
                owner[name] = _string_or_list(owner[name])
    properties["印发日期"] = {k: v for k, v in properties["印发日期"].items() if k != "anyOf"} | {
        "anyOf": properties["成文日期"]["anyOf"] + [{"type": "null"}]
    }
    properties["份号"] = {k: v for k, v in properties["份号"].items() if k != "type"} | {
        "anyOf": [{"type": "string", "pattern": r"^\d{6}$"}, {"type": "integer", "minimum": 1, "maximum": 999999}]
    }
    number = properties["发文字号"]
    number["anyOf"] = [a for a in number["anyOf"] if a.get("type") != "null"] + [
        {"type": "string", "description": "如 新办〔2021〕5号"},
        {"type": "null"},
    ]


def _string_or_list(field: dict[str, Any]) -> dict[str, Any]:
    items = field["items"]
    kept = {k: v for k, v in field.items() if k not in ("type", "items")}
    return kept | {"anyOf": [{"type": "string", "minLength": 1}, {"type": "array", "items": items}]}


def schema_text() -> str:
    return json.dumps(document_schema(), ensure_ascii=False, indent=2) + "\n"
