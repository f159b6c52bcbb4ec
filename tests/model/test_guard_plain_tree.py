"""The guard's own reading of texts of plain references says exactly what Jinja's parser says.

``guard._plain_references`` reads the references of a text like ``召开{{ 会议 }}次`` directly
instead of running Jinja's parser; these tests compare the verdict of ``expression_problem`` both ways.
"""

from __future__ import annotations

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen.model import guard

KNOWN = ["工作会议", "会议", "a", "_x", "self"]


def _by_jinja(text: str, known: list[str] | None) -> str | None:
    """``expression_problem`` with the direct reading switched off."""
    original = guard._plain_references
    guard._plain_references = lambda text: None
    try:
        return guard.expression_problem(text, known)
    finally:
        guard._plain_references = original


def _same_verdict(text: str) -> None:
    for known in (KNOWN, None, []):
        assert guard.expression_problem(text, known) == _by_jinja(text, known), (text, known)


@pytest.mark.parametrize(
    "text",
    [
        "召开{{ 工作会议 }}次",
        "{{工作会议.增幅}}，{{ 会议.去年.数值 }}。",
        "{{ 工作会议.去年.单位.x }}",
        "{{ 未声明 }}",
        "{{ 年度 }}年{{ 年度.x }}",
        "{{ a._private }}",
        "{{ _x }}",
        "{{ self }}",
        "{{ true }}{{ None }}{{ not }}{{ in }}",
        "{{ a.true }}",
        "{{{ a }}",
        "{ {{ a }} }}}",
        "{{ a }}{% if a %}x{% endif %}",
        "{{ a }}{# 注释 #}",
        "{{- a -}}",
        "{{ a . b }}",
        "{{ a.1 }}",
        "{{ 2a }}",
        "{{ ٣ }}",
        "{{ a·b }}",
        "{{ a\u0300 }}",
        "{{ ª }}",
        "{{ a\n}}",
        "{{\u3000a\u3000}}",
        "{{ a",
        "a }} b {{ a }}",
        '{{ "{{" }}',
        "{{ a | upper }}",
        "{{ a() }}",
    ],
)
def test_same_verdict_as_jinja(text: str) -> None:
    _same_verdict(text)


_PIECES = st.sampled_from(
    ["{{", "}}", "{", "}", "{%", "%}", "{#", "#}", " ", "\n", ".", "-", "+", "a", "_x", "工作会议", "会议",
     "true", "2", "·", "\u0300", "年度", "去年", "数值", "增幅", "self", "|", "(", ")", '"', "，"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_same_verdict_on_generated_texts(text: str) -> None:
    try:
        _same_verdict(text)
    except RecursionError:  # pragma: no cover - not reachable with 14 pieces
        pytest.skip("nesting")


def test_plain_texts_skip_jinja(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("Jinja's parser was called")

    monkeypatch.setattr(guard._PARSER, "parse", refuse)
    assert guard.expression_problem("召开{{ 工作会议 }}次，{{ 会议.同比 }}", KNOWN) is None
    assert "未定义" in guard.expression_problem("{{ 未声明 }}", KNOWN)


def test_jinja_syntax_errors_still_come_from_jinja() -> None:
    with pytest.raises(jinja2.TemplateSyntaxError):
        guard._PARSER.parse("{{ a")
    assert guard.expression_problem("{{ a", KNOWN) is None
