"""pydantic's findings in Chinese: what each kind of error means for a clerk, the keys that
may stand where an unknown one was written, and an example of each required field.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from gongwen.model.dates import chinese_date_message
from gongwen.model.document import Document

EXAMPLES = {
    "发文机关": "发文机关: 新城街道办事处",
    "年度": "年度: 2021",
    "事由": "事由: 四城同创工作",
    "成文日期": "成文日期: 2021-12-02",
    "正文": "正文:\n  - 标题: 加强领导，明确责任\n    段落:\n      - 根据……",
    "标题": "标题: 加强领导，明确责任",
    "数值": "数值: 6",
}


def missing_message(name: str) -> str:
    example = EXAMPLES.get(name)
    hint = f"例如：{example}" if example and "\n" not in example else ""
    if example and "\n" in example:
        hint = "例如：\n" + "\n".join("    " + line for line in example.splitlines())
    return f"缺少必填项“{name}”。{hint}"


def unknown_key_message(key: str, model: type[BaseModel] | None) -> str:
    known = known_keys(model) if model else []
    message = f"未知的键“{key}”。"
    # Suggest a key in the clerk's own script: a Chinese key for a Chinese typo, never "seal".
    candidates = [k for k in known if k.isascii() == key.isascii()] or known
    import difflib  # only a file with a mistake needs it

    close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.3)
    if close:
        message += f"您是不是想写“{close[0]}”？"
    if known:
        chinese = [k for k in known if not k.isascii()]
        message += f"此处可用的键：{'、'.join(chinese)}。"
    return message


def known_keys(model: type[BaseModel]) -> list[str]:
    keys = []
    for name, info in model.model_fields.items():
        choices = getattr(info.validation_alias, "choices", None) or [name]
        keys.extend(str(c) for c in choices)
    return keys


def model_at(loc: tuple) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc`` (for key suggestions)."""
    annotation: Any = Document
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            annotation = _field_annotation(annotation, part)
        elif typing.get_origin(annotation) in (list, dict):
            annotation = typing.get_args(annotation)[-1]
        else:
            return None
        if annotation is None:
            return None
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _field_annotation(model: type[BaseModel], key: Any) -> Any:
    for name, info in model.model_fields.items():
        choices = getattr(info.validation_alias, "choices", None) or [name]
        if key in choices or key == name:
            return info.annotation
    return None


_TYPE_MESSAGES = {
    "string_type": '应为文本。如果内容是数字或日期，请用引号括起来，例如 "2021"。',
    "int_type": "应为整数，例如 2021。",
    "int_parsing": "应为整数，例如 2021。",
    "int_from_float": "应为整数，例如 2021（不能有小数）。",
    "float_type": "应为数字，例如 6 或 12.5。",
    "float_parsing": "应为数字，例如 6 或 12.5。",
    "int_parsing_size": "数字位数过多，请检查，例如 2021。",
    "finite_number": "应为实际的数字，不能是 .inf 或 .nan，例如 6。",
    "list_type": "应为列表：每一项单独一行，以“- ”开头，例如\n    段落:\n      - 第一段……\n      - 第二段……",
    "dict_type": "应为映射：每一项写成“键: 值”，例如  工作会议: {数值: 6, 单位: 次}。",
    "model_type": "应为映射：每一项写成“键: 值”，例如  - 标题: 加强领导，明确责任。",
    "model_attributes_type": "应为映射：每一项写成“键: 值”，例如  - 标题: 加强领导，明确责任。",
    "string_unicode": "应为文本，其中有无法识别的字符，请删除后重新输入。",
    "date_type": "应为日期，例如 2021-12-02 或 2021年12月2日。",
    "date_parsing": "应为日期，例如 2021-12-02 或 2021年12月2日。",
    "date_from_datetime_parsing": "应为日期，例如 2021-12-02 或 2021年12月2日。",
    "date_from_datetime_inexact": "只写日期，不要写时间，例如 2021-12-02。",
    "bool_type": "应写 true（是）或 false（否），不加引号，例如  印章: true。",
    "bool_parsing": "应写 true（是）或 false（否）。",
}


def type_message(error: dict) -> str:
    kind = error["type"]
    if error["loc"] and error["loc"][-1] in ("int", "float"):  # a member of an int | float union
        return _TYPE_MESSAGES["float_type"]
    if kind.startswith("date") and isinstance(error.get("input"), str):
        return chinese_date_message(error["input"]) or _TYPE_MESSAGES.get(kind, _TYPE_MESSAGES["date_type"])
    if kind in _TYPE_MESSAGES:
        return _TYPE_MESSAGES[kind]
    ctx = error.get("ctx") or {}
    if kind == "union_tag_invalid":
        expected = str(ctx.get("expected_tags", ""))
        if "表头格" in expected:
            return "表头的一格应为文字，或写成 {文字: 本年, 跨列: 2} 这样的合并格；多层表头每一层写成一个列表。"
        return "段落应为一段文字，或写成 {小标题: 强化组织领导, 内容: ……}。"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", "、").replace(", ", "、").replace("'", "")
        return f"取值应为：{expected}。"
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        length = len(error["input"]) if isinstance(error.get("input"), str) else 0
        return (
            f"共 {length} 字，超过了 {limit} 字的上限，这样长的内容不会是真实的，而且会撑破版面。"
            "请检查是否把其他内容粘贴到了这里，并缩短它。"
        )
    if kind in ("string_too_short", "too_short"):
        return "不能为空。" if kind == "string_too_short" else "至少要写一项。"
    if kind in ("greater_than_equal", "less_than_equal"):
        if isinstance(error.get("input"), bool):
            return "应为整数，例如 2021（不能写 true/false、yes/no）。"
        if error["loc"] and error["loc"][-1] in ("年度", "year", "年份"):
            return "数值超出范围（年度应在 1949—2100 之间），例如 2021。"
        bound = f"应不小于 {ctx['ge']}" if "ge" in ctx else f"应不大于 {ctx.get('le')}"
        return f"数值超出范围（{bound}）。"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
    return f"取值不符合要求（{error['msg']}）。请对照 README 中“字段说明”修改。"
