"""Loaded YAML → ``Document``, with every problem of the file reported at once, in Chinese.

pydantic reports errors by path (``('正文', 2, '标题')``); the loader's marks turn each path
into ``file:line:column``. Figures are filled in before the model is built, so the model
holds finished text. Values that must never reach Jinja or the writer (control characters,
computed expressions) are refused first, by ``textguard``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from gongwen.errors import InputError, Problem
from gongwen.source.texts import spelt_key as _key
from gongwen.source.loader import Loaded, Path_, field_label
from gongwen.model.kinds import ENGLISH_KEYS, kind_problems
from gongwen.model.fields import MAX_MASTHEAD_CHARS, MAX_SECTION_DEPTH, MAX_TITLE_CHARS, short
from gongwen.model.period import raw_period
from gongwen.model.tablechecks import table_problems
from gongwen.model.tables import UNION_TAG
from gongwen.model.document import Document, Metric
from gongwen.model.metric import validated_metric
from gongwen.source.texts import TITLE_BREAK
from gongwen.model.dates import parse_date
from gongwen.model.guard import guard, unknown_name_message
from gongwen.model.messages import missing_message, model_at, type_message, unknown_key_message

RULE_SCHEMA = "GW010"  # missing field, unknown key, wrong type
RULE_FIGURE = "GW011"  # a {{ 指标 }} reference that cannot be filled
RULE_CROSS = "GW014"  # fields that contradict each other (成文日期 vs 年度, depth)


Filler = Callable[[Loaded], tuple[Any, list[tuple[Path_, str]]]]


def validate(loaded: Loaded, fill: Filler) -> Document:
    """Build the ``Document`` or raise ``InputError`` listing every problem, sorted by line.

    ``fill`` is the figures stage: it returns the data with every ``{{ }}`` rendered and the
    references it could not fill (path, message), so the model holds finished text.
    """
    if not isinstance(loaded.data, Mapping):
        line, column = loaded.locate(())
        message = "文件内容应为“键: 值”的映射，请参照示例填写（第一行通常是  文种: 总结）。"
        raise InputError([Problem(loaded.file, line, column, "", message, rule=RULE_SCHEMA)])
    loaded, problems = guard(loaded)
    filled, failures = fill(loaded)
    problems += [
        failure if isinstance(failure, Problem) else _problem(loaded, *failure, prefer_value=True, rule=RULE_FIGURE)
        for failure in failures  # a Problem already located elsewhere (a 下级单位's own file)
    ]
    problems += _cross_checks(loaded)  # on the raw data, so they show even when other fields fail
    try:
        document = Document.model_validate(filled)
    except ValidationError as exc:
        problems += _translate(loaded, exc)
        document = None
    if document is not None:
        problems += _kind_checks(loaded, document) + _length_checks(loaded, document)
    if problems:
        raise InputError(_unique(problems))
    return document


def first(data: Mapping, keys: tuple[str, ...]) -> Any:
    return next((data[k] for k in keys if k in data), None)



def _cross_checks(loaded: Loaded) -> list[Problem]:
    """Rules across fields (成文日期 vs 年度, section depth), checked wherever the values are usable."""
    data = loaded.data
    problems = []
    period, date = raw_period(first(data, ("年度", "year"))), _raw_date(first(data, ("成文日期", "date")))
    if period and date and not period.whole_year and date < period.start:
        message = (
            f"成文日期 {date.year}年{date.month}月{date.day}日 在期间“{period.text}”开始之前"
            f"（{period.start.year}年{period.start.month}月1日）：总结和报告写在期间之中或之后，请检查“年度”或“成文日期”。"
        )
        problems.append(
            _problem(loaded, (_key(data, "成文日期", "date"),), message, prefer_value=True, rule=RULE_CROSS)
        )
    elif period and date and not period.year <= date.year <= period.ends + 1:
        if period.text == f"{period.year}年":
            span = f"年度是 {period.year} 年。{_kind(data)}应在年度当年或次年（{period.year}年或{period.year + 1}年）"
        else:
            span = f"期间是{period.text}。{_kind(data)}应在期间之中或结束的次年（{period.year}年至{period.ends + 1}年）"
        message = f"成文日期在 {date.year} 年，而{span}成文，请检查“年度”或“成文日期”。"
        problems.append(
            _problem(loaded, (_key(data, "成文日期", "date"),), message, prefer_value=True, rule=RULE_CROSS)
        )
    problems += _ragged_tables(loaded) + _metric_references(loaded)
    sections_key = _key(data, "正文", "sections")
    sections = data.get(sections_key)
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        if _depth(section) > MAX_SECTION_DEPTH:
            heading = section.get("标题") or section.get("heading") or ""
            message = f"“{short(str(heading), 30)}”下的小节超过四级（一、（一）1.（1）），请合并层级。"
            problems.append(_problem(loaded, (sections_key, index), message, rule=RULE_CROSS))
    return problems


def _kind_checks(loaded: Loaded, document: Document) -> list[Problem]:
    """What the 文种 requires or forbids, at the offending key (or at 文种 when one is missing)."""
    data = loaded.data
    problems = []
    for found in kind_problems(document):
        english = ENGLISH_KEYS.get(found.field, found.field)
        if found.present:
            path: Path_ = (_key(data, found.field, english),)
        else:
            path = (_key(data, "文种", "kind"),) if ("文种" in data or "kind" in data) else ()
        line, column = loaded.locate(path)
        problems.append(Problem(loaded.file, line, column, found.field, found.message, rule=RULE_CROSS))
    return problems


def _ragged_tables(loaded: Loaded) -> list[Problem]:
    """Every table row (附件 and body sections) has as many cells as the 表头, else columns
    shift or vanish; every name in a 指标表 is a declared metric."""
    data = loaded.data
    key = _key(data, "附件", "attachments")
    attachments = data.get(key)
    owners = [((key, i), a) for i, a in enumerate(attachments if isinstance(attachments, list) else [])]
    owners += list(_sections(data))
    metrics = first(data, ("指标", "metrics"))
    declared = list(metrics) if isinstance(metrics, Mapping) else []
    problems = []
    for path, owner in owners:
        if not isinstance(owner, Mapping):
            continue
        table_key = _key(owner, "表格", "table")
        for where, message in table_problems(owner.get(table_key), path + (table_key,)):
            problems.append(_problem(loaded, where, message, prefer_value=True, rule=RULE_CROSS))
        for chinese, english in (("指标表", "metric_table"), ("分项表", "parts_table")):
            names_key = _key(owner, chinese, english)
            names = owner.get(names_key)
            for number, name in enumerate(names if isinstance(names, list) else []):
                if isinstance(name, str) and name not in declared:
                    message = unknown_name_message(name, declared).replace("引用了未定义的指标", f"{chinese}中的指标")
                    where = path + (names_key, number)
                    problems.append(_problem(loaded, where, message, prefer_value=True, rule=RULE_CROSS))
    return problems


def _declared_metrics(data: Mapping) -> dict[str, Metric]:
    metrics = first(data, ("指标", "metrics"))
    declared = {}
    for name, raw in metrics.items() if isinstance(metrics, Mapping) else []:
        try:
            declared[name] = validated_metric(raw)
        except (ValueError, TypeError):
            continue  # reported at its own place
    return declared


def _metric_references(loaded: Loaded) -> list[Problem]:
    """总数 names another plain metric of the same unit; tables list plain metrics, and a 分项表
    only metrics that have parts (or are summed from 下级单位)."""
    data = loaded.data
    declared = _declared_metrics(data)
    key = _key(data, "指标", "metrics")
    problems = []
    for name, metric in declared.items():
        whole = declared.get(metric.whole) if metric.whole else None
        message = None
        if metric.whole and (metric.whole == name or whole is None or whole.respectively or whole.span):
            message = f"“总数”应为另一个已声明的指标（不是本指标，也不是指标组），现在是“{short(metric.whole)}”。"
        elif (
            whole is not None
            and not (whole.rollup or metric.rollup or metric.unit.strip() in ("%", "％"))
            and whole.unit != metric.unit
        ):
            message = f"“总数”{metric.whole} 的单位是“{whole.unit}”，本指标是“{metric.unit}”，单位不同不能算占比。"
        if message:
            problems.append(_problem(loaded, (key, name, "总数"), message, prefer_value=True, rule=RULE_CROSS))
    for path, owner in _table_owners(data):
        for chinese, english in (("指标表", "metric_table"), ("分项表", "parts_table")):
            names_key = _key(owner, chinese, english)
            names = owner.get(names_key)
            for number, name in enumerate(names if isinstance(names, list) else []):
                metric = declared.get(name) if isinstance(name, str) else None
                if metric is None:
                    continue  # undeclared names: reported with the tables
                if metric.respectively:
                    message = f"“{short(name)}”是指标组，不能列入{chinese}；请列出组里的各个指标。"
                elif metric.span:
                    message = f"“{short(name)}”是区间指标，不能列入{chinese}；表中可直接写“{{{{ {short(name)} }}}}”。"
                elif chinese == "分项表" and not (metric.parts or metric.rollup):
                    message = f"指标“{short(name)}”没有分项，不能列入分项表。请写上它的“分项”，或改用指标表。"
                else:
                    continue
                where = path + (names_key, number)
                problems.append(_problem(loaded, where, message, prefer_value=True, rule=RULE_CROSS))
    return problems


def _table_owners(data: Mapping) -> list[tuple[Path_, Any]]:
    key = _key(data, "附件", "attachments")
    attachments = data.get(key)
    owners = [((key, i), a) for i, a in enumerate(attachments if isinstance(attachments, list) else [])]
    return [(p, o) for p, o in owners + list(_sections(data)) if isinstance(o, Mapping)]


def _sections(data: Mapping, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every section of the body, at every level, with its path."""
    key = _key(data, "正文", "sections") if not path else _key(data, "小节", "subsections")
    sections = data.get(key)
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        yield path + (key, index), section
        if isinstance(section, Mapping):
            yield from _sections(section, path + (key, index))


def _length_checks(loaded: Loaded, document: Document) -> list[Problem]:
    """The composed title and 标志 are as bounded as explicit ones, located at what makes them long."""
    data = loaded.data
    problems = []
    title = document.display_title
    if not document.title and len(title) > MAX_TITLE_CHARS:
        parts = {"事由": document.subject, "发文机关": document.issuer, "联合发文机关": "、".join(document.co_issuers)}
        field = max(parts, key=lambda name: len(parts[name]))  # the longest part is the one to shorten
        message = (
            f"自动组成的标题“{title[:20]}……”共 {len(title)} 字，超过了 {MAX_TITLE_CHARS} 字的上限。"
            f"请缩短“{field}”，或用“标题”另写一个简短的标题（可用“|”指定换行）。"
        )
        problems.append(_problem(loaded, (_key(data, field, ENGLISH_FIELDS[field]),), message, rule=RULE_CROSS))
    if not document.masthead:
        longest = max(document.display_masthead.split(TITLE_BREAK), key=len)
        if len(longest) > MAX_MASTHEAD_CHARS:
            field = "事由" if document.kind == "纪要" else "发文机关"
            message = (
                f"由“{field}”组成的发文机关标志“{longest[:20]}……”共 {len(longest)} 字，超过了一行 {MAX_MASTHEAD_CHARS} 字的上限。"
                f"请缩短“{field}”，或用“发文机关标志”另写一个简短的标志。"
            )
            problems.append(_problem(loaded, (_key(data, field, ENGLISH_FIELDS[field]),), message, rule=RULE_CROSS))
    return problems


ENGLISH_FIELDS = {"事由": "subject", "发文机关": "issuer", "联合发文机关": "co_issuers"}


def _kind(data: Mapping) -> str:
    kind = first(data, ("文种", "kind"))
    return kind if isinstance(kind, str) and kind else "总结"


def _raw_date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        try:
            value = parse_date(value)
        except ValueError:
            return None
    return value if isinstance(value, dt.date) else None


def _depth(section: Any) -> int:
    """Levels of 小节 in a raw section (0 for anything that is not a section)."""
    if not isinstance(section, Mapping):
        return 0
    children = first(section, ("小节", "subsections"))
    return 1 + max((_depth(c) for c in children), default=0) if isinstance(children, list) else 1


def _root_problem(loaded: Loaded, message: str) -> Problem:
    """A model-level (cross-field) error, located at the field it is about."""
    message = message if message.endswith("。") else message + "。"
    data = loaded.data
    if "成文日期" in message:
        return _problem(loaded, (_key(data, "成文日期", "date"),), message, prefer_value=True, rule=RULE_CROSS)
    heading = re.search(r"“(.+?)”下的小节", message)
    path = _section_path(data, heading.group(1)) if heading else None
    return _problem(loaded, path or (), message, rule=RULE_CROSS)


def _section_path(data: Mapping, heading: str) -> Path_ | None:
    key = _key(data, "正文", "sections")
    sections = data.get(key)
    if not isinstance(sections, list):
        return None
    for index, section in enumerate(sections):
        if isinstance(section, Mapping) and heading in (section.get("标题"), section.get("heading")):
            return (key, index)
    return None


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple] = set()
    unique = []
    for problem in problems:
        key = (problem.file, problem.line, problem.column, problem.field)
        if problem.rule == RULE_CROSS:  # distinct rules on one field are all worth saying
            key += (problem.message,)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique


def _problem(loaded: Loaded, path: Path_, message: str, prefer_value: bool = False, rule: str = RULE_SCHEMA) -> Problem:
    line, column = loaded.locate_value(path) if prefer_value else loaded.locate(path)
    return Problem(loaded.file, line, column, field_label(path), message, rule=rule)


def _data_path(loaded: Loaded, loc: tuple) -> tuple[Path_, bool]:
    """The longest prefix of a pydantic loc that exists in the data, and whether it is all of it."""
    node: Any = loaded.data
    path: list = []
    for part in loc:
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return tuple(path), False
        path.append(part)
    return tuple(path), True


def _translate(loaded: Loaded, exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = _without_tags(loaded.data, error["loc"])
        path, complete = _data_path(loaded, loc)
        kind = error["type"]
        if kind == "missing":
            name = str(loc[len(path)]) if len(loc) > len(path) else ""
            line, column = loaded.locate(path)
            label = field_label(path + (name,))
            problems.append(Problem(loaded.file, line, column, label, missing_message(name), rule=RULE_SCHEMA))
            continue
        if not loc and kind == "value_error":
            problems.append(_root_problem(loaded, type_message(error)))
            continue
        if kind == "extra_forbidden":
            model = model_at(loc[:-1])
            twin = _twin_key(loaded, loc, model)
            if twin is not None:
                problems.append(twin)
                continue
            message = unknown_key_message(str(loc[-1]), model)
            problems.append(_problem(loaded, path, message))
            continue
        problems.append(_problem(loaded, path, type_message(error), prefer_value=True))
    return problems


def _without_tags(data: Any, loc: tuple) -> tuple:
    """``loc`` without the union tags pydantic puts in it (they start with UNION_TAG). A part is
    a tag only where it is not a key of the data at that point: a clerk may write ``·`` as a key."""
    kept, node, known = [], data, True
    for part in loc:
        if known and isinstance(node, Mapping) and part in node:
            node = node[part]
        elif known and isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(part, str) and part.startswith(UNION_TAG):
            continue
        else:
            known = False  # past the data (a missing field): only tags are told apart from here
        kept.append(part)
    return tuple(kept)


def _twin_key(loaded: Loaded, loc: tuple, model: type[BaseModel] | None) -> Problem | None:
    """The Chinese key and its English alias both written: one field twice, said at the later key."""
    if model is None:
        return None
    rejected = loc[-1]
    parent, _ = _data_path(loaded, loc[:-1])
    for info in model.model_fields.values():
        choices = [str(c) for c in (getattr(info.validation_alias, "choices", None) or [])]
        if rejected not in choices:
            continue
        mapping = _at(loaded.data, parent)
        others = [c for c in choices if c != rejected and isinstance(mapping, Mapping) and c in mapping]
        if not others:
            return None
        paths = sorted([parent + (rejected,), parent + (others[0],)], key=loaded.locate)
        first, second = paths
        line, column = loaded.locate(second)
        message = (
            f"“{second[-1]}”和第 {loaded.locate(first)[0]} 行的“{first[-1]}”是同一个字段（中文和英文两种写法），"
            "同时写会让其中一个被忽略。请只保留一个（建议保留中文的）。"
        )
        return Problem(loaded.file, line, column, field_label(second), message, rule=RULE_SCHEMA)
    return None


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data
