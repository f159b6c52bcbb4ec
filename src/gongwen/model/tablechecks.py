"""Checks of a written table against its own header, on the data as typed (so each is located
at its row or key): rows as wide as the header grid, and a place for the word 合计."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gongwen.model.tables import added_up, column_names, header_columns, header_grid, tiers_of
from gongwen.source.texts import spelt_key as _key
from gongwen.source.loader import Path_

_NUMERIC_TEXT = re.compile(r"\s*[+-]?\d+(?:\.\d+)?\D{0,4}\s*|\s*\{\{.*\}\}\s*")



def table_problems(table: Any, path: Path_) -> list[tuple[Path_, str]]:
    """(path, message) for each row whose width differs from the header's, and for a 合计
    with no column to hold its label."""
    if not isinstance(table, Mapping):
        return []
    header_key, rows_key = _key(table, "表头", "header"), _key(table, "行", "rows")
    header, rows = table.get(header_key), table.get(rows_key)
    columns = header_columns(header)
    if columns is None or not isinstance(rows, list):
        return []
    problems = []
    for number, row in enumerate(rows):
        if isinstance(row, list) and len(row) != columns:
            fix = '补上缺少的格（空格写 ""）' if len(row) < columns else "删去多出的格，或在表头中加上这一列"
            problems.append(
                (path + (rows_key, number), f"表格第 {number + 1} 行有 {len(row)} 格，而表头有 {columns} 列。请{fix}。")
            )
    total_key = _key(table, "合计", "total")
    if table.get(total_key) is True and rows and not _label_column(header, rows):
        message = (
            "各列都是要相加的数字，末行的“合计”二字没有地方写：请在最前面加一列写项目名称（如“月份”“单位”），"
            "或删去“合计: true”。"
        )
        problems.append((path + (total_key,), message))
    return problems


def _label_column(header: list, rows: list) -> bool:
    """Some column can hold the word 合计: one of text cells, or one a 合计 never adds (序号, 年份…)."""
    try:
        names = column_names(header_grid(tiers_of(header)))
    except (ValueError, TypeError):
        return True  # reported at the header
    for column, name in enumerate(names):
        cells = [row[column] for row in rows if isinstance(row, list) and column < len(row)]
        textual = any(isinstance(c, str) and not _NUMERIC_TEXT.fullmatch(c) for c in cells)
        if textual or not added_up(str(name), ""):
            return True
    return False
