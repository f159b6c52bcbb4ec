"""Title line breaking (GB/T 9704 §7.3.1): worked examples and properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen.wording.titlebreak import CLOSING, OPENING, break_title, text_width, well_shaped

ORGAN = "新城街道办事处"


def widths(lines: list[str]) -> list[float]:
    return [text_width(line) for line in lines]


def test_short_title_stays_on_one_line():
    assert break_title("关于2021年工作情况的报告") == ["关于2021年工作情况的报告"]


def test_width_counts_digits_as_half():
    assert text_width("2021年") == 3
    assert break_title("市人民政府关于同意设立新城街道的批复") == ["市人民政府关于同意设立新城街道的批复"]


def test_seed_title_two_lines_organ_whole():
    lines = break_title(f"{ORGAN}关于2021年四城同创工作情况的报告", protected=[ORGAN])
    assert lines == ["新城街道办事处关于2021年", "四城同创工作情况的报告"]
    assert well_shaped(widths(lines))


def test_long_title_three_lines_without_hourglass():
    title = f"中共新城街道工作委员会{ORGAN}关于表彰2021年度四城同创工作先进集体和先进个人的决定"
    lines = break_title(title, protected=["中共新城街道工作委员会", ORGAN])
    assert lines == [
        "中共新城街道工作委员会新城街道办事处",
        "关于表彰2021年度四城同创工作",
        "先进集体和先进个人的决定",
    ]


def test_law_title_is_kept_whole():
    lines = break_title("关于贯彻落实《中华人民共和国城乡规划法》的通知")
    assert lines == ["关于贯彻落实", "《中华人民共和国城乡规划法》的通知"]


def test_law_title_in_three_lines():
    title = f"{ORGAN}关于贯彻落实《中华人民共和国城乡规划法》进一步加强城乡规划管理工作的实施意见"
    lines = break_title(title, protected=[ORGAN])
    assert len(lines) == 3
    assert any("《中华人民共和国城乡规划法》" in line for line in lines)
    assert lines[-1].endswith("的实施意见")


def test_guanyu_starts_a_line_rather_than_ending_one():
    lines = break_title("国务院办公厅关于进一步加强城市管理工作的意见", protected=["国务院办公厅"])
    assert not any(line.endswith("关于") for line in lines)


def test_kind_with_de_stays_together():
    for kind in ("报告", "通知", "请示", "函", "纪要"):
        lines = break_title(f"{ORGAN}关于开展四城同创入户宣传工作情况的{kind}", 10, [ORGAN])
        assert lines[-1].endswith(f"的{kind}")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("新城街道办事处|关于2021年工作情况的报告", ["新城街道办事处", "关于2021年工作情况的报告"]),
        ("关于2021年\n工作情况的报告", ["关于2021年", "工作情况的报告"]),
        ("短|标题", ["短", "标题"]),
    ],
)
def test_explicit_breaks_are_honoured(title, expected):
    assert break_title(title) == expected


def test_unit_wider_than_a_line_is_split_rather_than_overflowing():
    lines = break_title("关于印发《新城街道2022年老旧小区改造实施方案》的通知")
    assert all(text_width(line) <= 18 for line in lines)
    assert "".join(lines) == "关于印发《新城街道2022年老旧小区改造实施方案》的通知"


def test_shapes():
    assert well_shaped([12, 11]) and well_shaped([9, 15])
    assert not well_shaped([12, 12]) and not well_shaped([12, 11.5])
    assert well_shaped([10, 16, 12]) and well_shaped([16, 14, 12])
    assert not well_shaped([16, 10, 15])


# --- properties -------------------------------------------------------------------------

NAMES = ["新城街道办事处", "市人民政府", "市委办公室", "区城市管理局"]
# Filler drawn from characters that occur in no name, so names appear only where placed.
FILLER = "关于进一步加强做好开展工作情况总结报告通知请示的和及与创建文明卫生安全生产"
PIECES = st.one_of(
    st.sampled_from(NAMES),
    st.text(FILLER, min_size=1, max_size=6),
    st.integers(1, 2050).map(lambda n: f"{n}年"),
    st.text(FILLER, min_size=1, max_size=8).map(lambda t: f"《{t}》"),
    st.text(FILLER, min_size=1, max_size=5).map(lambda t: f"“{t}”"),
    st.sampled_from(["，", "、"]),
)
# Titles as clerks write them: no run of punctuation. A name followed by ，，，， is wider
# than a line as one unit, and then a rule must give (by design, at COST_RELAXED).
TITLES = (
    st.lists(PIECES, min_size=1, max_size=12)
    .map("".join)
    .filter(lambda t: t[0] not in CLOSING and not re.search("[，、]{2}", t))
)


def cut_positions(lines: list[str]) -> set[int]:
    positions, offset = set(), 0
    for line in lines[:-1]:
        offset += len(line)
        positions.add(offset)
    return positions


@settings(max_examples=300, deadline=None)
@given(title=TITLES, max_chars=st.integers(10, 20))
def test_properties(title, max_chars):
    protected = [name for name in NAMES if name in title]
    lines = break_title(title, max_chars, protected)
    assert "".join(lines) == title
    assert all(text_width(line) <= max_chars for line in lines)
    cuts = cut_positions(lines)
    for name in protected:
        start = title.find(name)
        while start >= 0:
            assert not cuts & set(range(start + 1, start + len(name)))
            start = title.find(name, start + 1)
    assert not any(line[0] in CLOSING for line in lines[1:])
    assert not any(line[-1] in OPENING for line in lines[:-1])
    if text_width(title) <= max_chars:
        assert len(lines) == 1
    else:
        assert len(lines) >= 2


@settings(max_examples=200, deadline=None)
@given(title=TITLES)
def test_two_lines_whenever_a_valid_two_line_split_exists(title):
    protected = [name for name in NAMES if name in title]
    lines = break_title(title, 18, protected)
    if any(_valid_two_line(title, cut, protected) for cut in range(1, len(title))):
        assert len(lines) <= 2


def _valid_two_line(title: str, cut: int, protected: list[str]) -> bool:
    """A brute-force judge of the hard rules for one cut, independent of the module."""
    head, tail = title[:cut], title[cut:]
    if max(text_width(head), text_width(tail)) > 18:
        return False
    if tail[0] in CLOSING or head[-1] in OPENING:
        return False
    spans = [(i, i + len(name)) for name in protected for i in _find_all(title, name)]
    spans += _quoted_spans(title)
    spans += _kind_span(title)
    return not any(start < cut < end for start, end in spans) and not (
        head[-1].isdigit() and (tail[0].isdigit() or tail[0] == "年")
    )


def _kind_span(title: str) -> list[tuple[int, int]]:
    """The closing 文种 with its 的 (…的报告) stays on one line."""
    for kind in ("报告", "通知", "请示"):
        if title.endswith(kind) and len(title) > len(kind):
            start = len(title) - len(kind)
            return [(start - 1 if title[start - 1] == "的" else start, len(title))]
    return []


def _find_all(text: str, needle: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(needle, i)]


def _quoted_spans(title: str) -> list[tuple[int, int]]:
    spans, stack = [], []
    for i, char in enumerate(title):
        if char in "《“":
            stack.append(i)
        elif char in "》”" and stack:
            spans.append((stack.pop(), i + 1))
    return spans


# --- long titles: linear time, and the same measure as scoring every split --------------

import signal  # noqa: E402
import time  # noqa: E402
from contextlib import contextmanager  # noqa: E402

from gongwen.wording import titlebreak  # noqa: E402


@contextmanager
def time_limit(seconds: float):
    """Fail (rather than hang the suite) when the body runs longer than ``seconds``."""

    def expire(signum, frame):
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


LONG = "新城街道办事处关于印发2021年度四城同创工作情况总结和安全生产专项整治实施方案的通知" * 30


@pytest.mark.parametrize(
    ("title", "protected"),
    [
        (LONG[:150], [ORGAN]),
        (LONG[:300], [ORGAN]),
        (LONG[:1000], [ORGAN]),
        ((ORGAN * 50)[:300] + "关于2021年工作情况的报告", [(ORGAN * 50)[:300]]),  # a protected 300-char organ
        ("a" * 1000, []),
        ("《中》，" * 250, []),
    ],
)
def test_long_titles_break_quickly_and_keep_the_rules(title, protected):
    start = time.perf_counter()
    with time_limit(10):
        lines = break_title(title, 18, protected)
    assert time.perf_counter() - start < 5  # measured: under 0.15 s each; enumerating took minutes
    assert "".join(lines) == title and all(text_width(line) <= 18 for line in lines)
    assert len(lines) == titlebreak._fewest_lines(*_atoms_of(title, protected, 18)) > 3
    assert not any(line[0] in CLOSING for line in lines[1:])


def _atoms_of(title: str, protected: list[str], max_chars: int):
    strength = titlebreak._break_strengths(title, protected)
    atoms, costs = titlebreak._atoms(title, strength, titlebreak._break_costs(title), max_chars)
    return atoms, max_chars


@settings(max_examples=150, deadline=None)
@given(title=TITLES, max_chars=st.integers(8, 12))
def test_many_line_titles_are_as_good_as_the_best_of_every_split(title, max_chars):
    """Four lines or more are found by dynamic programming; scoring every split must not do better."""
    protected = [name for name in NAMES if name in title]
    strength = titlebreak._break_strengths(title, protected)
    atoms, costs = titlebreak._atoms(title, strength, titlebreak._break_costs(title), max_chars)
    count = titlebreak._fewest_lines(atoms, max_chars)
    if count <= titlebreak.MAX_ENUMERATED_LINES or len(atoms) > 40:
        return
    every = list(titlebreak._splits(atoms, count, max_chars))
    assert every and not list(titlebreak._splits(atoms, count - 1, max_chars))
    best = min(titlebreak._score(atoms, costs, cuts)[:2] for cuts in every)
    lines = break_title(title, max_chars, protected)
    cuts, offset, ends = [], 0, {}
    for index, atom in enumerate(atoms):
        offset += len(atom.text)
        ends[offset] = index + 1
    offset = 0
    for line in lines[:-1]:
        offset += len(line)
        cuts.append(ends[offset])
    assert titlebreak._score(atoms, costs, tuple(cuts))[:2] == best
