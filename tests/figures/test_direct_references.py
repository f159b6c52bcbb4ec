"""Texts of plain references are filled in without compiling them (figures/direct.py): the result
must be what Jinja prints, string for string and error for error. Compared both ways over
generated texts and over every example."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import EXAMPLES, SEED_EXAMPLE
from gongwen.figures import direct, fill, references
from gongwen.figures.references import explain_failure, render_text
from gongwen.source.loader import load_bytes
from gongwen.source.texts import FIGURE_ATTRIBUTES

EXAMPLE_FILES = sorted(EXAMPLES.rglob("*.yaml"))


def _loaded(path: Path):
    return load_bytes(path.read_bytes(), str(path))


def _seed_context() -> dict:
    """The names the seed example's texts are filled from (figures, 年度, 发文机关…)."""
    seen = {}

    def spy(loaded, context):
        seen.update(context)
        return original(loaded, context)

    original = fill.fill_figures
    fill.fill_figures = spy
    try:
        fill.document_from(_loaded(SEED_EXAMPLE))
    finally:
        fill.fill_figures = original
    return seen


def _outcome(render, text: str, context: dict):
    """What a render gives: the text, or the error's type, message and Chinese explanation."""
    try:
        return "printed", render(text, context)
    except Exception as exc:  # noqa: BLE001 - every error must be the same one
        explained = explain_failure(exc, context) if isinstance(exc, references.jinja2.TemplateError) else None
        return type(exc), str(exc), explained


def _by_jinja(text: str, context: dict) -> str:
    return references._ENV.from_string(text).render(context)


_SPACES = ["", " ", "  ", "\u3000", "\t", "\n", "\r\n", "\xa0"]
_LITERALS = ["召开", "次，", "。", "{", "}", "}}", "{ {", "%", "#", "-", "\n", "\r\n", "\r", " ", "\u3000", "a", "1"]
_ODD = ["{%", "{#", "{{-", "-}}", "{{ 1 }}", '{{ "{{" }}', "{{ a b }}", "{{ x|e }}", "{{}}", "{{ x. y }}", "{{ x .y }}"]
_NAMES = ["年度", "上年", "发文机关", "不存在", "self", "true", "None", "loop", "range", "ﬁ", "fi", "_x", "a1", "x", "\uf90a"]  # U+F90A folds to 金
_ATTRIBUTES = [*FIGURE_ATTRIBUTES, "去年", "upper", "_private", "__class__", "不存在", "if", "ﬁ", "x1"]


def _reference(rng: random.Random, names: list[str]) -> str:
    path = [rng.choice(names)] + [rng.choice(_ATTRIBUTES) for _ in range(rng.choice([0, 0, 1, 1, 2, 3]))]
    return "{{" + rng.choice(_SPACES) + ".".join(path) + rng.choice(_SPACES) + "}}"


def _text(rng: random.Random, names: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.random()
        parts.append(_reference(rng, names) if kind < 0.5 else rng.choice(_ODD if kind > 0.93 else _LITERALS))
    return "".join(parts)


def test_generated_texts_print_and_fail_as_jinja_prints_and_fails_them():
    context = _seed_context()
    names = _NAMES + [name for name in context if name not in _NAMES]
    rng = random.Random(14)
    direct.plain_pieces.cache_clear()
    texts = {_text(rng, names) for _ in range(4000)}
    plain = 0
    for text in sorted(texts):
        assert _outcome(render_text, text, context) == _outcome(_by_jinja, text, context), repr(text)
        plain += direct.plain_pieces(text) is not None
    assert plain > len(texts) / 3  # the direct path was taken, and for all kinds of outcome


@pytest.mark.parametrize(
    "text",
    [
        "召开{{ 工作会议 }}次\n",  # the one final newline Jinja's lexer drops
        "第一行\r\n{{ 年度 }}\r第三行\r\n\r\n",  # every line end printed as "\n"
        "{{ ﬁ }}{{ fi }}",  # one Python variable in Jinja's code: left to Jinja
        "{{\u3000年度\n}}",
        "{ {{ 年度 }} }",
    ],
)
def test_edge_texts_print_as_jinja_prints_them(text):
    context = _seed_context() | {"fi": "甲", "ﬁ": "乙"}
    assert _outcome(render_text, text, context) == _outcome(_by_jinja, text, context)


def test_names_jinja_reads_otherwise_are_left_to_jinja():
    for text in ("{{ self }}", "{{ true }}", "{{ ﬁ }}", "{{ \uf90a }}", "{{ x|e }}", "{{- x }}", "{{ '{{' }}"):
        assert direct.plain_pieces(text) is None, text
    assert direct.plain_pieces("召开{{ 工作会议.同比 }}。") == ("召开", ("工作会议", "同比"), "。")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_fills_the_same_either_way(path, monkeypatch):
    direct.plain_pieces.cache_clear()
    direct_result = fill.fill_texts(_loaded(path))
    assert direct.plain_pieces.cache_info().currsize > 0 or "{{" not in path.read_text("utf-8")
    monkeypatch.setattr(references, "plain_pieces", lambda text: None)
    assert fill.fill_texts(_loaded(path)) == direct_result
