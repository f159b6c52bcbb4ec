"""The lint machinery: findings, the rule registry, and the raw-data view rules read.

Rules read the RAW loaded data (texts exactly as typed, with their marks), plus the
validated ``Document`` when there is one, so they run even on a file that fails validation.
Each rule is a small generator of ``Finding``s registered with ``@rule``; ``run_rules`` turns
them into located ``Problem``s. The rules themselves live in ``lint_*.py``; ``lint.py`` is
the public face.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NamedTuple, TypeVar

from gongwen.errors import Problem
from gongwen.source.texts import METRIC_KEYS, iter_texts
from gongwen.source.loader import Loaded, Path_, field_label, visible
from gongwen.model.document import Document
from gongwen.source.punctuation import CJK, CJK_PUNCT
from gongwen.lint.lazyre import LazyPattern

ERROR, WARNING = "error", "warning"
MAX_PER_RULE = 200  # a 2 MB file of “xx” must not print a million lines
T = TypeVar("T")


# The lint's records are NamedTuples, not frozen dataclasses: as immutable, and defined at
# import in a fifth of the time (a frozen dataclass costs about a millisecond to define).


class Finding(NamedTuple):
    """What a rule found: the value's path and, for texts, where in the text."""

    path: Path_
    message: str
    text: str | None = None  # the string ``offset`` points into
    offset: int = 0
    length: int = 1
    at_key: bool = False  # locate the key (e.g. an unused metric) rather than the value


class Rule(NamedTuple):
    id: str
    name: str
    severity: str
    summary: str  # one line, Chinese: what the rule reports
    check: Callable[[Source], Iterable[Finding]]


RULES: dict[str, Rule] = {}


def rule(id: str, name: str, severity: str, summary: str):
    """Register a rule function ``(Source) -> Iterable[Finding]`` under a stable id."""

    def register(func: Callable[[Source], Iterable[Finding]]):
        RULES[id] = Rule(id, name, severity, summary, func)
        return func

    return register


class Source:
    """The raw data a rule looks at, with helpers for the parts most rules need."""

    def __init__(self, loaded: Loaded, document: Document | None = None):
        self.loaded = loaded
        self.data = loaded.data if isinstance(loaded.data, Mapping) else {}
        self.document = document
        self._derived: dict[Callable, Any] = {}

    def derived(self, compute: Callable[[Source], T]) -> T:
        """``compute(self)``, computed once: several rules read the same view of the data (the
        prose, the declared metrics, the figures typed in the texts), and rules never change
        the data, so the second rule reuses the first one's result."""
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return self._derived[compute]

    def get(self, *keys: str) -> Any:
        return next((self.data[k] for k in keys if k in self.data), None)

    def key(self, *keys: str) -> str:
        return next((k for k in keys if k in self.data), keys[0])

    def prose(self) -> tuple[tuple[Path_, str], ...]:
        """Every text that is printed, as typed (not 文种, 要点写法, 成文日期 or metrics)."""
        return self.derived(_prose)

    def metrics(self) -> Mapping:
        """The declared metrics as typed, except that a 汇总 metric carries the values summed from
        the 下级单位 (数值, 单位, 去年, 分项): the checks see what the document prints."""
        return self.derived(_metrics)

    def metrics_key(self) -> str:
        return self.key(*METRIC_KEYS)


def _prose(source: Source) -> tuple[tuple[Path_, str], ...]:
    return tuple((path, text) for path, text in iter_texts(source.data) if not (path and path[-1] in _NOT_PROSE))


def _metrics(source: Source) -> Mapping:
    metrics = source.get(*METRIC_KEYS)
    if not isinstance(metrics, Mapping):
        return {}
    if source.document is None:
        return metrics
    merged = dict(metrics)
    for name, raw in metrics.items():
        metric = source.document.metrics.get(name)
        if isinstance(raw, Mapping) and any(k in raw for k in ("汇总", "rollup")) and metric is not None:
            summed = {"数值": metric.value, "单位": metric.unit, "分项": dict(metric.parts)}
            own = {k: v for k, v in raw.items() if k not in ("汇总", "rollup")}
            merged[name] = {**own, **summed, **({"去年": metric.last_year} if metric.last_year is not None else {})}
    return merged


_NOT_PROSE = {"文种", "kind", "要点写法", "points_style", "成文日期", "date"}


def run_rules(loaded: Loaded, document: Document | None = None) -> list[Problem]:
    """Run every rule on ``loaded`` (and ``document`` if it validated); sorted by line."""
    source = Source(loaded, document)
    problems: list[Problem] = []
    skipped = set(document.skipped_rules) if document is not None else _raw_skips(source)
    for registered in RULES.values():
        if registered.id in skipped and registered.severity == WARNING:
            continue  # the clerk turned this warning off (不检查); errors cannot be
        findings = list(registered.check(source))
        problems += [_problem(loaded, registered, f) for f in findings[:MAX_PER_RULE]]
        if len(findings) > MAX_PER_RULE:
            problems.append(_overflow(loaded, registered, len(findings) - MAX_PER_RULE))
    problems += _skip_problems(source, skipped)
    return sorted(problems, key=lambda p: (p.line, p.column, p.rule))


def _raw_skips(source: Source) -> set[str]:
    """不检查 as written, when the file did not validate: its warnings stay off even while an
    error elsewhere is being fixed."""
    entries = source.get("不检查", "skip_rules")
    return {e for e in entries if isinstance(e, str)} if isinstance(entries, list) else set()


def _skip_problems(source: Source, skipped: set[str]) -> list[Problem]:
    """An entry of 不检查 that names no rule, or an error (which may not be turned off)."""
    key = source.key("不检查", "skip_rules")
    entries = source.data.get(key)
    problems = []
    for index, rule_id in enumerate(entries if isinstance(entries, list) else []):
        registered = RULES.get(rule_id) if isinstance(rule_id, str) else None
        if registered is None:
            message = (
                f"没有编号为“{visible(str(rule_id))}”的检查。可关闭的是警告级的检查，如 GW117（见 README 的检查表）。"
            )
        elif registered.severity != WARNING:
            message = f"{rule_id}（{registered.summary}）是错误级的检查，不能关闭；请改正它指出的问题。"
        else:
            continue
        line, column = source.loaded.locate_value((key, index))
        problems.append(Problem(source.loaded.file, line, column, field_label((key, index)), message, ERROR, "GW100"))
    return problems


def has_errors(problems: Iterable[Problem]) -> bool:
    """True if any problem has severity "error" (``build`` refuses; ``check`` exits 1)."""
    return any(p.severity == ERROR for p in problems)


def _problem(loaded: Loaded, registered: Rule, finding: Finding) -> Problem:
    if finding.text is not None:
        line, column = loaded.locate_in_text(finding.path, finding.text, finding.offset, finding.length)
    elif finding.at_key:
        line, column = loaded.locate(finding.path)
    else:
        line, column = loaded.locate_value(finding.path)
    message = visible(finding.message)  # messages quote raw text, which may hold control characters
    return Problem(loaded.file, line, column, field_label(finding.path), message, registered.severity, registered.id)


def _overflow(loaded: Loaded, registered: Rule, more: int) -> Problem:
    message = f"同类问题（{registered.id} {registered.name}）还有 {more} 处未逐一列出，请先改正上面列出的。"
    return Problem(loaded.file, 1, 1, "", message, registered.severity, registered.id)


# ---------------------------------------------------------------- text helpers

_OPENING = LazyPattern(r"\{[{%#]")
_CLOSING = {"{{": "}}", "{%": "%}", "{#": "#}"}
CJK_CHAR = LazyPattern(f"[{CJK}]")
CJK_OR_PUNCT = LazyPattern(f"[{CJK}{CJK_PUNCT}]")


def expressions(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each ``{{ }}``, ``{% %}`` and ``{# #}`` in ``text``, in linear time.

    A lazy regex (``{{.*?}}``) rescans to the end from every unclosed ``{{``, which
    takes minutes on a hostile text of 100,000 of them.
    """
    if "{" not in text:
        return  # most texts: asked by several rules, and there is nothing to find
    position = 0
    while (opening := _OPENING.search(text, position)) is not None:
        end = text.find(_CLOSING[opening.group()], opening.end())
        if end < 0:
            return
        position = end + 2
        yield opening.start(), position


def blank_expressions(text: str) -> str:
    """``{{ 工作会议 }}`` → spaces of the same length, so offsets still point into ``text``."""
    if "{" not in text:
        return text  # most texts: every rule asks, and there is nothing to blank
    parts, position = [], 0
    for start, end in expressions(text):
        parts += [text[position:start], " " * (end - start)]
        position = end
    return "".join(parts) + text[position:]


def snippet(text: str, start: int, end: int, width: int = 6) -> str:
    """A short excerpt around ``text[start:end]`` for a message, safe to print."""
    before = "…" if start > width else ""
    after = "…" if end + width < len(text) else ""
    part = " ".join(text[max(0, start - width) : end + width].split())
    return before + visible(part) + after


def neighbour(text: str, index: int, step: int, reach: int = 3) -> str:
    """The nearest non-space character from ``index`` in direction ``step`` (±1), or ""."""
    for _ in range(reach):
        if not 0 <= index < len(text):
            return ""
        if not text[index].isspace():
            return text[index]
        index += step
    return ""
