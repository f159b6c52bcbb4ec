"""The building blocks of the data model: field limits, text folding, checked number and
text types, and ``key()`` for fields spelt in Chinese and English.

Every limit is a named constant with the reason for it; a value beyond one is never a real
one (pasted text, a typo) and would break the page or the arithmetic.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import AfterValidator, AliasChoices, BaseModel, ConfigDict, Field

from gongwen.model.plugins import skip_plugin_scan
from gongwen.source.punctuation import join_lines
from gongwen.source.texts import TITLE_BREAK

MAX_SECTION_DEPTH = 4  # 一、 → （一） → 1. → （1）

# Lengths. A longer value is never a real one (it is pasted text or a typo) and breaks the page:
# the 标志 shrinks to fit one line, a title wraps over the whole first page, and Word's core
# properties (title, author) hold 255 characters at most. The examples stay far below.
MAX_ORGAN_CHARS = 60  # 中华人民共和国国家发展和改革委员会 has 17; one 署名/主送/抄送 line
MAX_PERSON_CHARS = 20  # a 签发人 name, printed beside the 发文字号 on one line
MAX_TITLE_CHARS = 100  # the explicit or composed 标题 (without its "|"), also an 附件 title
MAX_SUBJECT_CHARS = 80  # 事由 is a phrase inside the title (关于……的通知)
MAX_MASTHEAD_CHARS = 64  # one line of the 发文机关标志: an organ name and 文件 or 纪要
MAX_AGENCY_CHARS = 20  # 机关代字 of the 发文字号, e.g. 新办
MAX_SERIAL = 999_999  # 发文顺序号: a few digits; more cannot stand on the 发文字号 line
MAX_SHORT_CHARS = 20  # 保密期限 (1年, 长期)

# Numbers. A metric prints with at most six decimals (format_number) and is used in changes
# and growth rates; beyond these bounds it prints as 0, in exponent form or as dozens of digits.
MAX_MAGNITUDE = 10**15  # 千万亿: larger than any figure of a year's work
MIN_MAGNITUDE = 1e-6  # a smaller non-zero value would print as 0
MAX_CELL_NUMBER = 10**18  # a number in a table cell (an 18-digit 身份证号 still fits)
MAX_NUMBER_DIGITS = 30  # digits of a number written as text (6次) before it is even parsed

# Every line break Python's str.splitlines() splits on, as the block text form is read with
# it: a data value that kept one could start a line with a forged 【发文机关标志】 or 【日期】.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK = re.compile(f"[{LINE_BREAKS}]")
_BREAK_RUN = re.compile(rf"\s*[{LINE_BREAKS}]\s*")
NAME_SEPARATORS = "|｜"  # "|" separates 签发人, organs and 署名 lines; "｜" table cells and 印发


def fold_lines(text: str) -> str:
    """Line breaks folded as a paragraph's are (no space between Chinese); other texts unchanged."""
    return join_lines(text) if _BREAK.search(text) else text


def _breaks_to_bars(text: str) -> str:
    """标题 and 署名: a line break is an explicit one, written ``|`` in the block text form."""
    return _BREAK_RUN.sub(TITLE_BREAK, text.strip()) if _BREAK.search(text) else text


def _non_empty(text: str) -> str:
    text = fold_lines(text)
    if not text:
        raise ValueError("不能为空（只写了换行）。请填写内容，或删去这一项。")
    return text


def _name(text: str) -> str:
    """An organ or person: one line, no separator of the block text form inside it."""
    text = _non_empty(text)
    bar = next((c for c in NAME_SEPARATORS if c in text), None)
    if bar:
        raise ValueError(
            f"名称“{short(text)}”中有竖线“{bar}”：公文中用它分隔多个名称，会把这个名称拆开。"
            "多个名称请写成列表，每个一行，以“- ”开头；名称本身请删去竖线。"
        )
    return text


def optional_name(text: str) -> str:
    return _name(text) if text else text


def _cell(text: str) -> str:
    text = fold_lines(text)
    if "｜" in text:
        raise ValueError(
            f"单元格“{short(text)}”中有全角竖线“｜”：它用来分隔表格的各列，会把这一格拆成两格。请改用“/”或“、”。"
        )
    return text


def checked_lines(what: str, limit: int):
    """标题, 署名 and 发文机关标志: "|" (or a line break) between lines, no empty line, a length limit."""

    def check(text: str) -> str:
        text = _breaks_to_bars(text)
        if not text:
            return text
        lines = text.split(TITLE_BREAK)
        if not "".join(lines).strip():
            raise ValueError(f"{what}只写了“|”或空格，没有文字。请写出{what}，或删去这一行（不写时自动生成）。")
        if any(not line.strip() for line in lines):
            raise ValueError(
                f"{what}中的“|”（或换行）表示另起一行，不能写在开头、结尾或连写两个，否则会多出空行。请删去多余的“|”。"
            )
        longest = max(lines, key=len) if what != "标题" else "".join(lines)
        if len(longest) > limit:
            where = "" if what == "标题" else "一行"
            raise ValueError(
                f"{what}{where}共 {len(longest)} 字，超过了 {limit} 字的上限，这样长的{what}不会是真实的。"
                f"请检查是否把正文粘贴了进来，并缩短{what}。"
            )
        return text

    return AfterValidator(check)


def short(text: str, limit: int = 16) -> str:
    """A value quoted in a message: long ones are cut, so a pasted page does not fill the terminal."""
    return text if len(text) <= limit else text[:limit] + "…"


def number_problem(value: Any) -> str | None:
    """Why a metric's number cannot be printed or computed with, or ``None``."""
    if isinstance(value, bool):
        return f"数值应为实际的数字，例如 6 或 12.5；现在是“{value}”（不能写 true/false）。"
    if isinstance(value, float) and not math.isfinite(value):
        return (
            "数值应为实际的数字，例如 6 或 12.5；现在是“无穷大”或“非数字”"
            "（NaN、inf、Infinity，或 1e400 这样超出范围的写法都不行）。"
        )
    if isinstance(value, (int, float)) and abs(value) > MAX_MAGNITUDE:
        return (
            "数值过大（超过千万亿），请检查是否多写了位数；很大的数可换用“万”“亿”作单位，例如  数值: 3.2, 单位: 亿元。"
        )
    if isinstance(value, (int, float)) and 0 < abs(value) < MIN_MAGNITUDE:
        return "数值过小（小数超过 6 位，会印成 0）。请检查，或换用更小的单位，例如把 0.0000012 吨写成 1.2 克。"
    return None


def _finite_number(value: int | float | None) -> int | float | None:
    message = None if value is None else number_problem(value)
    if message:
        raise ValueError(message)
    return value


def _cell_number(value: int | float) -> int | float:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("单元格中的数字应为实际的数字，不能是 .inf 或 .nan。如需原样显示，请加引号。")
    if abs(value) >= MAX_CELL_NUMBER:
        raise ValueError('单元格中的数字位数过多。如果这是编号或证件号，请加引号作为文本，例如 "110101199001011234"。')
    return value


Text = Annotated[str, AfterValidator(fold_lines)]
NonEmptyText = Annotated[str, Field(min_length=1), AfterValidator(_non_empty)]
Organ = Annotated[str, Field(min_length=1, max_length=MAX_ORGAN_CHARS), AfterValidator(_name)]
Person = Annotated[str, Field(min_length=1, max_length=MAX_PERSON_CHARS), AfterValidator(_name)]
Number = Annotated[int | float, AfterValidator(_finite_number)]
CellText = Annotated[str, AfterValidator(_cell)]
CellNumber = Annotated[int | float, AfterValidator(_cell_number)]


def _new_list() -> list:
    return []


def _new_dict() -> dict:
    return {}


# pydantic reads a default factory's signature when it builds a model. For the builtins ``list``
# and ``dict`` that means tokenizing their text signature, which compiles tokenize's large
# regular expression (about 10 ms at import); a Python function's signature is read directly.
_PLAIN_FACTORIES = {list: _new_list, dict: _new_dict}


def key(chinese: str, english: str, description: str, default: Any = ..., **constraints: Any) -> Any:
    """A field under both spellings of its key; the Chinese one is what messages and the schema show."""
    extra = {}
    if "default_factory" in constraints:
        factory = constraints.pop("default_factory")
        extra["default_factory"] = _PLAIN_FACTORIES.get(factory, factory)
    if not extra:
        extra["default"] = default
    return Field(
        validation_alias=AliasChoices(chinese, english), title=chinese, description=description, **extra, **constraints
    )


skip_plugin_scan()  # before any of the models below builds a validator


class Strict(BaseModel):
    # defer_build: a model's validator is built when it is first used, not when its class is
    # defined. A build validates only ``Document`` and ``Metric``; building a validator for each
    # of the nine models at import (the nested ones compiled again inside their parents) cost
    # more than the two that are used. The schema and every error are the same either way.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)
