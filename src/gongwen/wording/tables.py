"""Tables for the templates: written ones (with their header grid, 合计 and settings) and
ones generated from metrics (指标表, 分项表), every cell computed from the data."""

from __future__ import annotations

import re
from typing import Any

from gongwen.figures import phrases
from gongwen.figures.references import Figure, format_number
from gongwen.model.document import Attachment, Section
from gongwen.model.tables import DEFAULT_TABLE_SIZE, Table, added_up


def any_table(owner: Section | Attachment, figures: dict[str, Figure]) -> dict[str, Any] | None:
    """The one table of a section or an 附件: written, or generated from metrics."""
    if owner.metric_table:
        return metric_table([figures[name] for name in owner.metric_table])
    if owner.parts_table:
        return parts_table([figures[name] for name in owner.parts_table])
    return _table(owner.table) if owner.table else None


def _table(table: Table) -> dict[str, Any]:
    """A written table for the templates: 表头 is one name per column (what a template that
    prints a single header row wants), 表头行 the tiers with their merge marks."""
    rows = [[format_cell(c) for c in row] for row in table.rows]
    names = table.column_names
    if table.total:
        rows.append(total_row(names, table.rows, table.unit))
    return {"表头": names, "表头行": table.header_rows, "行": rows} | _table_settings(
        table.unit, table.title, table.size
    )


def _table_settings(unit: str = "", title: str = "", size: str = DEFAULT_TABLE_SIZE) -> dict[str, str]:
    return {"单位": unit, "标题": title, "字号": size}


_NUMBER_CELL = re.compile(r"\s*([+-]?\d+(?:\.\d+)?)(\D*)\s*")


def total_row(header: list[str], rows: list[list], table_unit: str = "") -> list[str]:
    """合计: each column whose cells are all numbers of one unit (as ``{{ 指标 }}`` prints
    them) is added up, unless it holds ordinals, dates, years or rates (``added_up``); the
    label goes in the first column not added up (validation makes sure there is one)."""
    totals = []
    for column in range(len(header)):
        cells = [_number_cell(row[column]) for row in rows if column < len(row)]
        numeric = bool(cells) and None not in cells
        units = {unit for _, unit, _ in cells} if numeric else set()
        if numeric and len(units) == 1 and added_up(header[column], next(iter(units)), table_unit):
            places = max(decimals for _, _, decimals in cells)
            totals.append(phrases.number_text(round(sum(v for v, _, _ in cells), places), places or None) + units.pop())
        else:
            totals.append("")
    label = next((i for i, name in enumerate(header) if added_up(name, "") and not totals[i]), None)  # not 序号
    if label is None:
        label = next((i for i, total in enumerate(totals) if not total), 0)
    totals[label] = "合计"
    return totals


def _number_cell(cell) -> tuple[float, str, int] | None:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        text = phrases.number_text(cell)
        return float(cell), "", len(text.split(".")[1]) if "." in text else 0
    match = _NUMBER_CELL.fullmatch(cell) if isinstance(cell, str) else None
    if not match:
        return None
    number = match.group(1)
    return float(number), match.group(2), len(number.split(".")[1]) if "." in number else 0


def format_cell(value: str | int | float) -> str:
    return value if isinstance(value, str) else format_number(value)


METRIC_TABLE_HEADER = ["序号", "指标", "单位", "上年", "本年", "增减", "同比"]
CURRENT = {"上年同期": "本期", "上学年": "本学年"}  # the 本年 column of a period that is not a year


def metric_table(figures: list[Figure]) -> dict[str, Any]:
    """指标｜单位｜上年｜本年｜增减｜同比, one row a metric, every cell computed from it. In a
    table the change is signed (+8, -2; a rate's in 百分点), as statistical tables write it."""
    rows = []
    for number, figure in enumerate(figures, start=1):
        metric = figure.metric
        last = metric.last_year
        rows.append(
            [
                str(number),
                metric.label or figure.name,
                metric.unit,
                "—" if last is None else _plain(last, metric),
                _plain(metric.value, metric),
                "—"
                if last is None
                else _signed(metric.value - last, metric) + ("个百分点" if _is_rate(metric) else ""),
                "—" if last is None or _is_rate(metric) or last == 0 else _signed_percent(metric.value, last),
            ]
        )
    baseline = figures[0].baseline if figures else "上年"
    header = [{"上年": baseline, "本年": CURRENT.get(baseline, "本年")}.get(name, name) for name in METRIC_TABLE_HEADER]
    return {"表头": header, "表头行": [header], "行": rows} | _table_settings()


def parts_table(figures: list[Figure]) -> dict[str, Any]:
    """One row a part (a 下级单位 when rolled up), one column a metric, then the 合计 row,
    which is each metric's own 数值 (GW113 has checked that its parts add up to it)."""
    names = list(dict.fromkeys(part for figure in figures for part in figure.metric.parts))
    header = ["序号", "单位"] + [_column(f) for f in figures]
    rows = []
    for number, part in enumerate(names, start=1):
        cells = [f.metric.parts.get(part) for f in figures]
        rows.append([str(number), part] + ["—" if v is None else _plain(v, f.metric) for v, f in zip(cells, figures)])
    rows.append(["", "合计"] + [_plain(f.metric.value, f.metric) for f in figures])
    return {"表头": header, "表头行": [header], "行": rows} | _table_settings()  # units: in the heads


def _column(figure: Figure) -> str:
    name = figure.metric.label or figure.name
    return f"{name}（{figure.单位}）" if figure.单位 else name


def _plain(value: float, metric) -> str:
    return phrases.number_text(value, metric.decimals)


def _signed(difference: float, metric) -> str:
    difference = round(difference, 6)
    return "0" if difference == 0 else ("+" if difference > 0 else "-") + _plain(abs(difference), metric)


def _signed_percent(now: float, last: float) -> str:
    percent = (now - last) / abs(last) * 100
    text = phrases.percent_text(abs(percent))
    return "0" if text in ("0", "0.0") else ("+" if percent > 0 else "-") + text + "%"


def _is_rate(metric) -> bool:
    return phrases.is_rate(metric.unit)
