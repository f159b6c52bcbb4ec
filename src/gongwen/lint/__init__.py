"""Lint: mistakes a schema cannot see, each reported under a stable rule id.

``lint(loaded, document)`` runs every rule on the RAW loaded data (texts exactly as the clerk
typed them, with their marks) plus the validated ``Document`` when there is one, and returns
located ``Problem``s sorted by line. ``gongwen check`` prints them; ``build`` refuses to write
while ``has_errors`` (placeholders left in, a share over 100 %, …) unless ``--draft``.

=====  ========================  ========  =============================================
id     name                      severity  what
=====  ========================  ========  =============================================
GW101  placeholder               error     x次、xx社区、20xx、XX年、××、*、某某、〇〇、____、TODO、？？ left in
GW102  half-width-punctuation    warning   , : ; ( ) between Chinese (fixed in the output)
GW103  straight-quotes           warning   "…" or '…' in Chinese text
GW104  date-leading-zero         warning   成文日期 2021年01月05日
GW105  date-chinese-numerals     error     成文日期 二〇二一年十二月二日
GW106  title-punctuation         warning   a title or heading ending in 。，；：…
GW107  unused-metric             warning   a 指标 declared but never referenced
GW108  share-out-of-range        error     a share (占比, 满意度, …率) in % outside 0–100
GW109  report-asks-approval      error     请批准/请批示 in a 报告 (belongs in a 请示)
GW110  numbered-heading          error     a heading or point that starts with 一、 （一） 1. 一是
GW111  typed-numbering           warning   a paragraph that starts with a typed number
GW112  numbering-sequence        warning   typed numbers of mixed styles, skipped levels, gaps
GW113  parts-sum                 error     a metric's 分项 do not add up to its 数值
GW114  share-sum                 error     metrics of one 总数 add up to more than it (or 100 %)
GW115  stated-rate               warning   a published 同比 that 数值 and 去年 contradict
GW116  typed-figure-conflict     error     召开会议6次 typed in a text while 会议 is 7次
GW117  typed-figure              warning   a figure typed in a text (安装标牌32个), not a metric
GW118  blank-figure              error     a figure left blank: 召开会议  次, 2022年  月  日
GW119  typed-part-label          error     第一部分/第二章/第三节 typed at the start of a heading
GW120  unbalanced-pairs          warning   “ ” ‘ ’ 《 》 （ ） 【 】 unclosed, unopened or crossed
GW121  comma-between-pairs       warning   《A》、《B》 or “A”、“B” (GB/T 15834 4.5.3.5)
GW122  summary-frame             warning   a 总结 without a 存在的问题 or a 下一步打算 part
GW123  umbrella-count            warning   要点引语 says 三方面 over a different number of 要点
=====  ========================  ========  =============================================

Loading and validation problems carry ids too (GW001–GW005 in ``loader``/``yamlerrors``,
GW010–GW016 in ``validate``/``textguard``); all of them are errors.
"""

from __future__ import annotations

from gongwen.lint import (  # noqa: F401 - registers the rules
    draft as lint_draft,
    fields as lint_fields,
    figures as lint_figures,
    frame as lint_frame,
    numbering as lint_numbering,
    pairs as lint_pairs,
    text as lint_text,
)
from pathlib import Path

from gongwen.errors import GongwenError, Problem
from gongwen.lint.core import ERROR, RULES, WARNING, Finding, Rule, Source, has_errors, run_rules
from gongwen.source.loader import Loaded
from gongwen.model.document import Document

__all__ = ["ERROR", "RULES", "WARNING", "Finding", "Rule", "Source", "has_errors", "lint", "lint_with_units"]


def lint(loaded: Loaded, document: Document | None = None) -> list[Problem]:
    """Every lint finding for one loaded file, sorted by line (see the table above)."""
    return run_rules(loaded, document)


def lint_with_units(
    loaded: Loaded, document: Document | None = None, _seen: frozenset[str] = frozenset()
) -> list[Problem]:
    """``lint`` of a file and the lint errors of every 下级单位 it sums (at their own files):
    a 社区 with an unfilled ``xx`` must not disappear into its 街道's totals."""
    from gongwen.figures import document_from
    from gongwen.figures.rollup import MAX_LEVELS
    from gongwen.source.reading import load_file

    problems = lint(loaded, document)
    if document is None or not document.units or len(_seen) >= MAX_LEVELS:
        return problems
    seen = _seen | {str(Path(loaded.file).resolve())}
    for relative in document.units:
        path = Path(loaded.file).parent / relative
        if str(path.resolve()) in seen:
            continue
        try:
            unit = load_file(path)
            unit_document = document_from(unit)
        except GongwenError:
            continue  # its problems are reported by the parent's own validation
        problems += [p for p in lint_with_units(unit, unit_document, seen) if p.severity == ERROR]
    return problems
