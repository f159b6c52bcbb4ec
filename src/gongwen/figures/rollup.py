"""Roll-ups: a 街道 summary's figures summed from its 社区' own data files.

The parent lists its ``下级单位`` (data files, relative to its own) and declares a metric as
``会议: {汇总: 会议}``. Each 下级单位 is loaded and validated in full (its problems are
reported at its own file and line); the parent's metric then gets 数值 = the sum, 去年 = the
sum when every unit has one, 单位 from the units (which must agree) and 分项 = each unit's
value under the unit's 发文机关, so ``.其中``, ``.最多``, a 分项表 and the parts-sum check
all work on it.
"""

from __future__ import annotations

import contextvars
import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gongwen.errors import InputError, Problem
from gongwen.source.loader import Loaded, Path_
from gongwen.source.texts import METRIC_KEYS
from gongwen.model.period import raw_period

UNITS_KEYS = ("下级单位", "units")
ROLLUP_KEYS = ("汇总", "rollup")
MAX_UNITS = 200  # a 街道 has dozens of 社区; a 区 a few dozen 街道
MAX_LEVELS = 3  # 区 ← 街道 ← 社区
_LOADING: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar("gongwen_rollup_chain", default=())
# The data files of every 下级单位 the current build read: inputs that no output may replace.
UNITS_READ: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("gongwen_units_read", default=None)

Failure = tuple[Path_, str] | Problem
_COMPUTED_KEYS = ("数值", "value", "去年", "last_year", "分项", "parts", "单位", "unit")


def apply_rollups(loaded: Loaded, document_from) -> tuple[Any, list[Failure]]:
    """The metrics mapping with every 汇总 metric computed, and the problems found."""
    data = loaded.data
    metrics_key = next((k for k in METRIC_KEYS if k in data), METRIC_KEYS[0])
    metrics = data.get(metrics_key)
    wanted = {n: _rollup_name(raw) for n, raw in (metrics.items() if isinstance(metrics, Mapping) else [])}
    wanted = {n: r for n, r in wanted.items() if r}
    units_key = next((k for k in UNITS_KEYS if k in data), None)
    if not wanted and units_key is None:
        return metrics, []
    if units_key is None:
        return metrics, [((metrics_key, n), "写了“汇总”，但没有写“下级单位”（各单位数据文件的路径）。") for n in wanted]
    units, failures = _load_units(loaded, units_key, document_from)
    computed = copy.deepcopy(dict(metrics))
    for name, source_name in wanted.items():
        declared = [k for k in _COMPUTED_KEYS if k in computed[name]]
        if declared:
            message = f"由下级单位汇总的指标不写{'、'.join(declared)}：它们由各下级单位算出，请删去。"
            failures.append(((metrics_key, name, declared[0]), message))
            continue
        value, problems = _sum(name, source_name, units, computed[name])
        failures += problems
        if value is not None:
            computed[name] = value
    return computed, failures


def _rollup_name(raw: Any) -> str:
    value = next((raw[k] for k in ROLLUP_KEYS if k in raw), "") if isinstance(raw, Mapping) else ""
    return value if isinstance(value, str) else ""


def _load_units(loaded: Loaded, units_key: str, document_from) -> tuple[list, list[Failure]]:
    from gongwen.source.reading import load_file  # the same bounded, regular-file read as the input

    paths = loaded.data.get(units_key)
    paths = [paths] if isinstance(paths, str) else paths if isinstance(paths, list) else []
    chain = _LOADING.get() + (str(Path(loaded.file).resolve()),)
    if len(chain) > MAX_LEVELS:
        return [], [((units_key,), f"下级单位层层汇总超过 {MAX_LEVELS} 级，请检查是否选错了文件。")]
    if len(paths) > MAX_UNITS:
        return [], [((units_key,), f"下级单位超过 {MAX_UNITS} 个，请检查列表。")]
    units, failures = [], []
    seen: set[str] = set()
    token = _LOADING.set(chain)
    try:
        for index, relative in enumerate(paths):
            if not isinstance(relative, str):
                continue
            path = Path(loaded.file).parent / relative
            if str(path.resolve()) in chain:
                failures.append(((units_key, index), f"“{relative}”就是本文件或它的上级，不能汇总自己。"))
                continue
            if str(path.resolve()) in seen:
                failures.append(
                    ((units_key, index), f"“{relative}”与前面列出的下级单位是同一个文件，会重复计算。请删去一个。")
                )
                continue
            seen.add(str(path.resolve()))
            read = UNITS_READ.get()
            if read is not None:
                read.add(str(path))
            try:
                unit_loaded = load_file(path)
                document = document_from(unit_loaded)
                failures += _unit_fits(loaded, unit_loaded, document, units, (units_key, index), relative)
                units.append((unit_loaded, document))
            except InputError as exc:
                for problem in exc.problems:
                    if problem.severity != "error":
                        continue
                    if problem.line:  # inside the unit's own file: reported there
                        failures.append(problem)
                    else:  # the file itself (missing, a folder, a pipe): at this list's entry
                        failures.append(((units_key, index), f"下级单位“{relative}”：{problem.message}"))
    finally:
        _LOADING.reset(token)
    return units, failures


def _unit_fits(
    loaded: Loaded, unit_loaded: Loaded, document, units: list, where: Path_, relative: str
) -> list[Failure]:
    """A unit of another 年度, or one named like an earlier unit, would be summed wrongly."""
    problems: list[Failure] = []
    period = raw_period(loaded.data.get("年度", loaded.data.get("year")))
    if period is not None and not document.period.same_span(period):
        message = f"下级单位“{relative}”是 {document.period.text}的数据，本文件是 {period.text}，不能合计。"
        problems.append((where, message))
    if any(other.issuer == document.issuer for _, other in units):
        message = f"下级单位“{relative}”的发文机关“{document.issuer}”与前面的下级单位相同，合计时分不清。请检查文件。"
        problems.append((where, message))
    return problems


def _sum(name: str, source_name: str, units: list, declared: Mapping) -> tuple[dict | None, list[Failure]]:
    problems: list[Failure] = []
    parts: dict[str, Any] = {}
    last: list = []
    unit_text = None
    for unit_loaded, document in units:
        metric = document.metrics.get(source_name)
        if metric is None or metric.value is None:
            key = next((k for k in METRIC_KEYS if k in unit_loaded.data), METRIC_KEYS[0])
            line, column = unit_loaded.locate((key,))
            message = f"缺少指标“{source_name}”：上级的“{name}”由各下级单位汇总，请在这里的“指标”中写上它。"
            problems.append(Problem(unit_loaded.file, line, column, key, message, rule="GW011"))
            continue
        if unit_text is not None and metric.unit != unit_text:
            line, column = unit_loaded.locate((next(k for k in METRIC_KEYS if k in unit_loaded.data), source_name))
            message = f"指标“{source_name}”的单位是“{metric.unit}”，其他下级单位是“{unit_text}”，无法合计。请统一单位。"
            problems.append(Problem(unit_loaded.file, line, column, source_name, message, rule="GW011"))
            continue
        if metric.unit.strip() in ("%", "％"):
            line, column = unit_loaded.locate((next(k for k in METRIC_KEYS if k in unit_loaded.data), source_name))
            message = f"指标“{source_name}”是百分数，各单位的百分数不能相加汇总。请在上级直接写全街道的数值。"
            problems.append(Problem(unit_loaded.file, line, column, source_name, message, rule="GW011"))
            continue
        unit_text = metric.unit
        parts[document.issuer] = metric.value
        last.append(metric.last_year)
    if problems or not parts:
        return None, problems
    computed = {k: v for k, v in declared.items() if k not in _COMPUTED_KEYS + ROLLUP_KEYS}
    computed.update(数值=_total(parts.values()), 单位=unit_text, 分项=parts)
    if all(v is not None for v in last):
        computed["去年"] = _total(last)
    return computed, []


def _total(values) -> int | float:
    total = sum(values)
    return round(total, 6) if isinstance(total, float) else total
