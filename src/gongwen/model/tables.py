"""Statistics tables as data: a header of one or more tiers with merged cells, body rows,
an optional title, unit note, 合计 row and type size.

A multi-tier header is written as rows of cells; a cell spans columns or header rows with
``跨列`` / ``跨行`` (as HTML's colspan/rowspan). The grid it makes is checked here, so a
header that leaves a hole or overhangs is an error at its line, never a shifted column.
The block text form marks merged positions with ``<`` (merged into the cell to the left)
and ``^`` (merged into the cell above); the .docx writer turns them into gridSpan/vMerge.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Tag, field_validator, model_validator

from gongwen.model.fields import CellNumber, CellText, Strict, Text, key

MAX_TABLE_COLUMNS = 20  # beyond this a column of the 156 mm 版心 is narrower than one 字
MAX_HEADER_ROWS = 4  # 表头 tiers: more is a table that should be split
LEFT, ABOVE = "<", "^"  # merge marks of the block text form
TableSize = Literal["三号", "四号", "小四", "五号"]
DEFAULT_TABLE_SIZE = "四号"


class HeaderCell(Strict):
    """A header cell that spans: ``{文字: 本年, 跨列: 2}``."""

    text: CellText = key("文字", "text", "表头格的文字。")
    columns: int = key(
        "跨列", "columns", "这一格横跨几列（可选，默认 1）。", 1, ge=1, le=MAX_TABLE_COLUMNS, strict=True
    )
    rows: int = key("跨行", "rows", "这一格纵跨几行表头（可选，默认 1）。", 1, ge=1, le=MAX_HEADER_ROWS, strict=True)


def _entry_kind(value: Any) -> str:
    if isinstance(value, list):
        return f"{UNION_TAG}表头行"
    return f"{UNION_TAG}表头格" if isinstance(value, (dict, HeaderCell)) else f"{UNION_TAG}文字"


# Tagged unions, so that a wrong 跨列 is reported as that, not as "应为文本" for the cell;
# the tags (marked with UNION_TAG) are dropped from error paths before they are located.
UNION_TAG = "·"
HeaderEntry = Annotated[
    Annotated[CellText, Tag(f"{UNION_TAG}文字")] | Annotated[HeaderCell, Tag(f"{UNION_TAG}表头格")],
    Discriminator(_entry_kind),
]
HeaderItem = Annotated[
    Annotated[CellText, Tag(f"{UNION_TAG}文字")]
    | Annotated[HeaderCell, Tag(f"{UNION_TAG}表头格")]
    | Annotated[list[HeaderEntry], Tag(f"{UNION_TAG}表头行")],
    Discriminator(_entry_kind),
]


class Table(Strict):
    """A statistics table: a header (one row, or several tiers), body rows of cells, an
    optional title, unit note and 合计."""

    header: list[HeaderItem] = key(
        "表头",
        "header",
        "表头各列的名称；多层表头写成几行（每行一个列表），合并的格写 {文字: 本年, 跨列: 2} 或 {文字: 指标, 跨行: 2}。",
        min_length=1,
        max_length=MAX_TABLE_COLUMNS,
    )
    rows: list[list[CellText | CellNumber]] = key(
        "行", "rows", "表格各行，每行是与表头列数相同的列表。", default_factory=list
    )
    title: Text = key("标题", "title", "表的标题（可选），印在表的上方，居中、黑体。", "")
    unit: Text = key("单位", "unit", "表的计量单位（可选），印在表的右上方，如“单位：万元”。", "")
    total: bool = key(
        "合计", "total", "是否在末行加“合计”（可选）：各列都是数字的，由 gongwen 相加。", False, strict=True
    )
    size: TableSize = key(
        "字号", "size", "表中文字的字号（可选）：三号、四号（默认）、小四或五号。", DEFAULT_TABLE_SIZE
    )

    @field_validator("header", mode="after")
    @classmethod
    def _grid(cls, header: list) -> list:
        header_grid(tiers_of(header))  # raises with what is wrong
        return header

    @model_validator(mode="after")
    def _total_has_rows(self) -> Table:
        if self.total and not self.rows:
            raise ValueError("表格没有行，不能加“合计”：请写上各行，或删去“合计: true”")
        return self

    @property
    def header_rows(self) -> list[list[str]]:
        """The header grid in the block text form: texts, ``<`` and ``^``."""
        return header_grid(tiers_of(self.header))

    @property
    def column_names(self) -> list[str]:
        return column_names(self.header_rows)


def tiers_of(header: list) -> list[list]:
    """One row (a list of cells) or several (a list of lists); a mix is an error."""
    nested = [isinstance(entry, list) for entry in header]
    if any(nested) and not all(nested):
        raise ValueError("多层表头的每一行都应写成列表，例如  表头: [[指标, {文字: 数量, 跨列: 2}], [本年, 上年]]")
    tiers = header if all(nested) else [header]
    if len(tiers) > MAX_HEADER_ROWS:
        raise ValueError(f"表头最多 {MAX_HEADER_ROWS} 层，这里有 {len(tiers)} 层：请精简表头或分成两张表")
    return tiers


def _spans(entry: Any) -> tuple[str, int, int]:
    if isinstance(entry, HeaderCell):
        return entry.text, entry.columns, entry.rows
    if isinstance(entry, dict):  # raw data, from header_columns: spans bounded before any loop
        across, down = entry.get("跨列", entry.get("columns", 1)), entry.get("跨行", entry.get("rows", 1))
        if not all(type(n) is int and 1 <= n <= MAX_TABLE_COLUMNS for n in (across, down)):
            raise TypeError("span out of bounds")
        return str(entry.get("文字", entry.get("text", ""))), across, down
    return str(entry), 1, 1


def header_grid(tiers: list[list]) -> list[list[str]]:
    """Place each cell at the first free column of its row, covering its spans; every row
    must come out as wide as the first, with no hole."""
    placed: dict[tuple[int, int], str] = {}
    for r, tier in enumerate(tiers):
        column = 0
        for entry in tier:
            text, across, down = _spans(entry)
            if text.strip() in (LEFT, ABOVE):
                raise ValueError(f"表头格不能只写“{text.strip()}”（它在表格文字中表示合并）：请写上列名")
            while (r, column) in placed:
                column += 1
            if r + down > len(tiers):
                raise ValueError(f"表头第 {r + 1} 行的“{text}”跨 {down} 行，但表头只有 {len(tiers)} 行：请改小“跨行”")
            for dr in range(down):
                for dc in range(across):
                    placed[(r + dr, column + dc)] = text if dr == dc == 0 else (LEFT if dc else ABOVE)
            column += across
    if not any(r == 0 for r, _ in placed):
        raise ValueError("表头的第一行是空的：请写上各列的名称，例如  表头: [项目, 数量]")
    width = 1 + max(c for r, c in placed if r == 0)
    if width > MAX_TABLE_COLUMNS:
        raise ValueError(f"表格最多 {MAX_TABLE_COLUMNS} 列，这里有 {width} 列：请分成两张表")
    for r in range(len(tiers)):
        columns = sorted(c for row, c in placed if row == r)
        if columns != list(range(width)):
            raise ValueError(
                f"表头第 {r + 1} 行占 {len(columns)} 列，而第 1 行共 {width} 列："
                "请补上缺少的表头格，或调整“跨列”“跨行”，使每一层都和表格一样宽"
            )
    return [[placed[(r, c)] for c in range(width)] for r in range(len(tiers))]


def column_names(grid: list[list[str]]) -> list[str]:
    """Each column's name: the text of the lowest header cell over it."""
    names = []
    for c in range(len(grid[0])):
        r, col = len(grid) - 1, c
        while grid[r][col] in (LEFT, ABOVE):
            if grid[r][col] == ABOVE:
                r -= 1
            else:
                col -= 1
        names.append(grid[r][col])
    return names


# Columns a 合计 never adds, whatever their cells hold: ordinals and codes (序号, 电话), dates and
# years, and rates or shares (a sum of percentages is not a percentage).
NOT_ADDED = re.compile(r"序号|编号|代码|号码|电话|手机|证件|年份|年度|日期|时间|月份|率|比例|比重|占比|%|％")
NOT_ADDED_UNITS = frozenset({"%", "％", "年", "月", "日", "号", "届", "期"})


def added_up(column_name: str, unit: str, table_unit: str = "") -> bool:
    """Whether a 合计 adds this column (its cells all numbers of the one ``unit``)."""
    name = re.sub(r"\s", "", column_name)
    return not (NOT_ADDED.search(name) or unit in NOT_ADDED_UNITS or table_unit.strip() in ("%", "％"))


def header_columns(raw: Any) -> int | None:
    """How many columns a 表头 as written in the YAML makes; None when it is malformed
    (the model reports that at its own place)."""
    if not isinstance(raw, list) or not raw:
        return None
    try:
        return len(header_grid(tiers_of(raw))[0])
    except (ValueError, TypeError):
        return None
