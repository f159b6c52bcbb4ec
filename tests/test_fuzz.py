"""Never a traceback for bad input: mutated example files either build or exit 1 with a line number.

Hypothesis mutates the bundled examples at three levels — the data (delete keys, change
types, huge strings, control characters XML cannot hold), the text (truncation, stray
lines, tabs, deep nesting, duplicate keys) and the bytes (random bytes, other encodings) —
and runs the real command in-process. A few hostile inputs also run through the installed
``gongwen`` executable to prove no traceback ever reaches stderr.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, MINIMAL

from gongwen.cli import cli

pytestmark = pytest.mark.slow

TIME_BOUND = 10.0  # seconds per input, generous for a slow CI machine
SOURCES = {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.yaml"))}
LOCATED = re.compile(r"\.yaml:\d+(:\d+)?: ")
FUZZ = settings(
    max_examples=50,
    deadline=None,  # timing is asserted per input below, with a bound that suits CI
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_COUNTER = itertools.count()


def assert_handled(raw: bytes) -> None:
    """Build and check ``raw``: exit 0 with a valid .docx, or exit 1 with a located message."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"fuzz{next(_COUNTER)}.yaml"
        source.write_bytes(raw)
        target = Path(folder) / "out.docx"
        for args in (["build", str(source), "-o", str(target)], ["check", str(source)]):
            start = time.perf_counter()
            result = CliRunner().invoke(cli, args, prog_name="gongwen")
            elapsed = time.perf_counter() - start
            assert result.exception is None or isinstance(result.exception, SystemExit), result.output
            assert "Traceback" not in result.output and elapsed < TIME_BOUND, (elapsed, result.output)
            assert result.exit_code in (0, 1), result.output
            if args[0] == "build" and result.exit_code == 0:
                assert docx.Document(target).paragraphs, "built an empty document"
            elif result.exit_code == 1:
                assert LOCATED.search(result.output), result.output


# ---------------------------------------------------------------- the data

CONTROL = "\x00\x01\x08\x0b\x0c\x1b\x1f\x7f\x85\x9f\ud800\udfff\ufffe\uffff"
# Line breaks the block text form splits on, and its separators: data must never make a block.
BREAKS = "\n\r\u2028\u2029\x85\v\f|｜【】"
HOSTILE_TEXTS = st.one_of(
    st.text(alphabet=st.sampled_from(BREAKS + "甲乙 "), max_size=12),
    st.sampled_from(["张明\n【发文机关标志】伪造机关文件", "东湖\u2028【盖章署名】伪造", "||||", " | ", "a｜b"]),
    st.integers(min_value=50, max_value=400).map(lambda n: "长" * n),  # around every length limit
)
HUGE_NUMBERS = st.one_of(
    st.integers(min_value=-(10**4000), max_value=10**4000),
    st.sampled_from(["NaN", "inf", "-Infinity", "1e400", "1e308", "1e-308", "9" * 5000, "9" * 5000 + "次"]),
    st.floats(min_value=-1e-300, max_value=1e-300),
)
ODD_KEYS = st.sampled_from(["issuer", "title", "年度", "self", "range", "lipsum", "loop", "发文机关", "__class__"])
EXPRESSIONS = st.sampled_from(
    [
        "{{ lipsum }}",
        "{{ range }}",
        "{{ self }}",
        "{{ 发文机关.upper }}",
        "{{ 年度.real }}",
        "{{ 工作会议.__class__ }}",
        "{{ 工作会议.增幅 }}",
        "{{ 工作会议.去年.数值 }}",
        "{{ 工作会议" + ".数值" * 3000 + " }}",
        "{{ 工作会议 ",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.text(max_size=30),
    st.text(alphabet=st.sampled_from(CONTROL + "\t\n 甲x{}%"), max_size=20),
    st.sampled_from(
        [
            "x次",
            "xx社区",
            "{{ 工作会议 }}",
            "{{ 不存在 }}",
            "{{",
            "{% for i in range(9) %}",
            "{{ 年度 * 2 }}",
            "二〇二一年十二月二日",
            "",
            "一、标题",
            "请批示",
            '"',
            "%",
            "-1",
        ]
    ),
    st.integers(min_value=0, max_value=300_000).map(lambda n: "很长的文字" * n),  # up to ~4.5 MB
    HOSTILE_TEXTS,
    HUGE_NUMBERS,
    EXPRESSIONS,
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)


def paths(data, prefix=()):
    """Every path in the data, containers included."""
    found = [prefix] if prefix else []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, value in items:
        found += paths(value, prefix + (key,))
    return found


def parent_of(data, path):
    node = data
    for part in path[:-1]:
        node = node[part]
    return node


@st.composite
def mutated_data(draw) -> bytes:
    data = copy.deepcopy(yaml.safe_load(SOURCES[draw(st.sampled_from(sorted(SOURCES)))]))
    for _ in range(draw(st.integers(1, 4))):
        candidates = paths(data)
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        parent = parent_of(data, path)
        operation = draw(st.sampled_from(["delete", "replace", "rename"]))
        if operation == "delete":
            del parent[path[-1]]
        elif operation == "replace":
            parent[path[-1]] = draw(VALUES)
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=8) | ODD_KEYS)] = parent.pop(path[-1])
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return text.encode("utf-8", errors="surrogatepass")


@FUZZ
@given(mutated_data())
def test_mutated_data_never_crashes(raw):
    assert_handled(raw)


# String fields of every kind of document, set to line breaks, separators, over-long text,
# huge numbers and odd {{ }}; metrics get hostile numbers and shadowing names.
FIELDS = [
    "发文机关", "联合发文机关", "事由", "标题", "署名", "签发人", "主送机关", "抄送", "印发机关", "附注",
    "发文机关标志", "出席", "请假", "列席", "份号", "年度", "发文字号", "保密期限",
]  # fmt: skip


@st.composite
def hostile_fields(draw) -> bytes:
    data = copy.deepcopy(yaml.safe_load(SOURCES[draw(st.sampled_from(sorted(SOURCES)))]))
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(["field", "list", "metric", "metric-name", "text", "table"]))
        value = draw(HOSTILE_TEXTS | HUGE_NUMBERS | EXPRESSIONS)
        if target == "field":
            data[draw(st.sampled_from(FIELDS))] = value
        elif target == "list":
            data[draw(st.sampled_from(FIELDS))] = [draw(HOSTILE_TEXTS), value]
        elif target in ("metric", "metric-name"):
            metrics = data.setdefault("指标", {})
            name = draw(ODD_KEYS) if target == "metric-name" else draw(st.sampled_from(sorted(metrics) or ["工作会议"]))
            metrics[name] = draw(st.sampled_from([value, {"数值": value}, {"数值": 6, "去年": value}]))
        elif target == "text":
            data["导语"] = f"全年{value}。"
        else:
            rows = [[draw(HOSTILE_TEXTS), value]] * draw(st.integers(1, 2)) + [[value]]
            data["附件"] = [{"名称": draw(HOSTILE_TEXTS), "表格": {"表头": ["甲", draw(HOSTILE_TEXTS)], "行": rows}}]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return text.encode("utf-8", errors="surrogatepass")


@FUZZ
@given(hostile_fields())
def test_hostile_fields_never_crash(raw):
    assert_handled(raw)


# ---------------------------------------------------------------- the text

TEXT_OPERATIONS = ["truncate", "replace", "insert", "duplicate", "tab", "nest", "control", "indent"]
ENCODINGS = ["gbk", "gb18030", "utf-16-le", "utf-16", "utf-32", "big5"]


@st.composite
def mutated_text(draw) -> bytes:
    lines = SOURCES[draw(st.sampled_from(sorted(SOURCES)))].split("\n")
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(TEXT_OPERATIONS))
        line = lines[index]
        if operation == "truncate":
            lines = lines[:index] + [line[: draw(st.integers(0, len(line)))]]
        elif operation == "replace":
            lines[index] = draw(st.text(max_size=40))
        elif operation == "insert":
            lines.insert(index, draw(st.text(alphabet=st.sampled_from(" -:#{}[]&*!|>'\"\t甲x0"), max_size=30)))
        elif operation == "duplicate":
            lines.insert(index, line)
        elif operation == "tab":
            lines[index] = "\t" + line.lstrip(" ")
        elif operation == "nest":
            depth = draw(st.integers(10, 5000))
            lines[index] = line.split(":")[0] + ": " + "[" * depth + "]" * draw(st.integers(0, depth))
        elif operation == "control":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.sampled_from(CONTROL)) + line[at:]
        else:
            lines[index] = " " * draw(st.integers(0, 9)) + line.lstrip(" ")
    return "\n".join(lines).encode("utf-8", errors="surrogatepass")


@FUZZ
@given(mutated_text())
def test_mutated_text_never_crashes(raw):
    assert_handled(raw)


# ---------------------------------------------------------------- the bytes


@st.composite
def mutated_bytes(draw) -> bytes:
    raw = SOURCES[draw(st.sampled_from(sorted(SOURCES)))].encode("utf-8")
    operation = draw(st.sampled_from(["random", "splice", "truncate", "encoding"]))
    if operation == "random":
        return draw(st.binary(max_size=2000))
    if operation == "encoding":
        return raw.decode("utf-8").encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    at = draw(st.integers(0, len(raw)))
    if operation == "truncate":
        return raw[:at]
    return raw[:at] + draw(st.binary(min_size=1, max_size=20)) + raw[at:]


@FUZZ
@given(mutated_bytes())
def test_mutated_bytes_never_crash(raw):
    assert_handled(raw)


# ---------------------------------------------------------------- the real executable

GONGWEN = Path(sys.executable).with_name("gongwen")
HOSTILE = {
    "deep-flow-nesting": ("a: " + "[" * 20000 + "\n").encode(),
    "billion-laughs": "\n".join(
        [f"l0: &l0 [{', '.join(['哈'] * 9)}]"]
        + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    ).encode(),
    "python-tag": (MINIMAL + "结语: !!python/object/apply:os.system ['echo pwned']\n").encode(),
    "control-escape": (MINIMAL + '结语: "甲\\x01乙"\n').encode(),
    "gbk": MINIMAL.encode("gbk"),
    "truncated": (MINIMAL[: MINIMAL.index("正文")] + '正文:\n  - 标题: "加强领导').encode(),
    "computed-expression": MINIMAL.replace("{{ 工作会议 }}", "{{ 工作会议 * 2 }}").encode(),
    "huge-file": b"a: " + b"x" * (3 * 1024 * 1024),
    "attribute-chain": MINIMAL.replace("{{ 工作会议 }}", "{{ 工作会议" + ".数值" * 3000 + " }}").encode(),
    "huge-growth": MINIMAL.replace("6次", "{数值: 1.0e+308, 去年: 1.0e-308}")
    .replace("{{ 工作会议 }}", "{{ 工作会议.增幅 }}")
    .encode(),
    "5000-digit-year": MINIMAL.replace("年度: 2021", "年度: " + "9" * 5000).encode(),
    "nan-string": MINIMAL.replace("6次", '{数值: "NaN"}').encode(),
    "ragged-table": (
        MINIMAL + "附件:\n  - 名称: 表\n    表格:\n      表头: [甲, 乙]\n      行:\n        - [一]\n"
    ).encode(),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_installed_command_prints_no_traceback(tmp_path, name):
    if not GONGWEN.exists():
        pytest.skip(f"没有找到 {GONGWEN}（未以 pip install -e 安装）")
    source = tmp_path / f"{name}.yaml"
    source.write_bytes(HOSTILE[name])
    for command in ("build", "check"):
        done = subprocess.run([str(GONGWEN), command, str(source)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
        assert LOCATED.search(done.stderr + done.stdout), done.stderr + done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]  # nothing written
