"""libyaml's C composer gives the loader exactly what PyYAML's composer on the C parser gave:
the same nodes (tags, values, styles, marks, shared alias nodes) for what loads, and the same
refusal (message, line and column) for what does not, at and around every limit."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
import yaml

from gongwen.errors import InputError
from gongwen.source import loader
from gongwen.source.loader import MAX_C_COMPOSED, MAX_DEPTH, MAX_NODES
from gongwen.source.treelimits import within_limits

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "data" / "examples" / "2021-sicheng-tongchuang.yaml").read_text(encoding="utf-8")


def _before(text: str, name: str) -> yaml.Node | None:
    """The loader's composing as it was: PyYAML's composer (with the limits) on libyaml's parser."""
    if "\t" not in text:
        try:
            return loader._FastLoader(text).get_single_node()
        except Exception:  # noqa: BLE001 - as the loader did
            pass
    return loader._compose_python(text, name)


def _mark(mark: yaml.Mark) -> tuple:
    return (mark.name, mark.index, mark.line, mark.column, mark.buffer, mark.pointer)


def _shape(node: yaml.Node | None, seen: dict[int, int]) -> object:
    """Everything the loader reads from a tree, with shared (aliased) nodes numbered."""
    if node is None:
        return None
    if id(node) in seen:
        return ("alias of", seen[id(node)])
    seen[id(node)] = len(seen)
    common = (type(node).__name__, node.tag, _mark(node.start_mark), _mark(node.end_mark))
    if isinstance(node, yaml.ScalarNode):
        return (*common, node.value, node.style)
    if isinstance(node, yaml.SequenceNode):
        return (*common, node.flow_style, [_shape(item, seen) for item in node.value])
    return (*common, node.flow_style, [(_shape(k, seen), _shape(v, seen)) for k, v in node.value])


def _outcome(compose, text: str) -> tuple:
    try:
        return ("tree", _shape(compose(text, "f.yaml"), {}))
    except InputError as error:
        return ("refused", [(p.line, p.column, p.field, p.message, p.rule) for p in error.problems])


def _nested(depth: int) -> list[str]:
    return [
        "[" * depth + "]" * depth,
        "{a: " * depth + "x" + "}" * depth,
        "- " * depth + "x",
        "".join(" " * i + "a:\n" for i in range(depth)) + " " * depth + "b\n",
        "a: &a x\nb: " + "[" * (depth - 1) + "*a" + "]" * (depth - 1) + "\n",
    ]


def _many(count: int) -> list[str]:
    return [
        "[" + ",".join("a" for _ in range(count - 1)) + "]",
        "\n".join("- a" for _ in range(count - 1)),
        "a: &a x\nb: [" + ",".join("*a" for _ in range(count - 4)) + "]\n",
        "{" + ",".join(f"k{i}" for i in range(count // 2)) + "}",
    ]


def _laughs() -> str:
    text, previous = "a: &a [x,x,x,x,x,x,x,x,x]\n", "a"
    for name in "bcdefghi":
        text += f"{name}: &{name} [" + ",".join(f"*{previous}" for _ in range(9)) + "]\n"
        previous = name
    return text


ODD = [
    "", "# only a comment\n", "---\n", "a: 1\n---\nb: 2\n", "a: &a [*a]\n", "&a [*a, *a]", "a: *nope\n",
    "a: &x 1\nb: &x 2\nc: *x\n", "a:\tb\n", "a: 1 \t# c\n", "\ufeffa: 1\n", "\ufeff\ufeffa: 1\n", "a: \x00\n",
    "a: \x85b\n", "a: b\u2028c\n", 'a: "\\ud800"\n', "a: \ud800\n", "<<: {a: 1}\nb: 2\n",
    "a: &m {x: 1}\nb: {<<: *m, x: 2}\n", "a: !!python/object:os.system x\n", "!!map {a: 1}", "a: !foo {b: 1}\n",
    "? [a]\n: b\n", "{{ x }}: 1\n", "a: 1\na: 2\n", "a: '\n", "a: [1,2\n", "a: b: c\n", "a:\n  - b\n   - c\n",
    "%YAML 1.1\n--- a\n", "%TAG ! tag:x,2000:\n--- !y a\n", "a: |\n  x\n   y\nb: >-\n  z\n", "- &a\n- *a\n",
    "&a a: *a\n", "? &k x\n: *k\n", "a: 2021-02-30\n", "a: 0x" + "f" * 5000 + "\n", "a: " + "9" * 5000 + "\n",
]  # fmt: skip
LIMITS = [t for d in (MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 999, 1001) for t in _nested(d)]
LIMITS += [t for n in (MAX_NODES - 1, MAX_NODES, MAX_NODES + 1, MAX_NODES + 2) for t in _many(n)] + [_laughs()]


def _examples() -> list[str]:
    paths = sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "tests").rglob("*.yaml"))
    return [path.read_text(encoding="utf-8", errors="surrogateescape") for path in paths]


def _mutants(count: int) -> list[str]:
    """The seed cut short and sprinkled with YAML's indicators, breaks, tabs and BOMs."""
    rng = random.Random(14)
    alphabet = list("[]{}:-?&*!|>'\"#,%@` \n\t\ufeff\x85a1") + ["\u2028", "\r\n", "\r"]
    texts = []
    for _ in range(count):
        chars = list(SEED[: rng.randint(50, 800)])
        for _ in range(rng.randint(1, 6)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(alphabet))
        texts.append("".join(chars))
    return texts


@pytest.mark.parametrize("text", ODD + LIMITS, ids=range(len(ODD + LIMITS)))
def test_odd_and_limit_texts_compose_or_fail_as_before(text):
    assert _outcome(loader._compose, text) == _outcome(_before, text)


def test_examples_and_mutants_compose_as_before():
    for text in _examples() + _mutants(400):
        assert _outcome(loader._compose, text) == _outcome(_before, text), text[:200]


def test_alias_is_counted_once_where_it_stands():
    node = yaml.compose("a: &a [1, 2, 3]\nb: *a\n", Loader=yaml.CSafeLoader)
    # map, a, [1,2,3] with 3 items, b, *a: 8 nodes; expanded it would be 11
    assert within_limits(node, MAX_DEPTH, 8) and not within_limits(node, MAX_DEPTH, 7)
    assert within_limits(node, 3, 8) and not within_limits(node, 2, 8)  # the items stand at depth 2


def test_a_large_hostile_text_is_refused_quickly():
    """Past MAX_C_COMPOSED the composer that stops at the first node over the limit is used."""
    for text in ("[" + "a," * 1_000_000 + "a]", "{" + "a," * (MAX_C_COMPOSED // 2) + "a}"):
        start = time.perf_counter()
        assert _outcome(loader._compose, text)[0] == "refused"
        assert time.perf_counter() - start < 5
