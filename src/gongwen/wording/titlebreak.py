"""Line breaking for the 公文 title (GB/T 9704 §7.3.1, GBT9704.md §4.1).

The standard asks for titles broken "without splitting words", in a trapezoid (梯形) or
diamond (菱形) shape. Without a word segmenter we work on break positions between
characters:

* hard rules forbid a break: inside a caller-protected name (the issuing organ), inside
  《…》 “…” （…）, inside a number with its unit (``2021年``), between 的/之 and the closing
  文种, before closing or after opening punctuation (禁则);
* soft rules give each allowed break a cost: inside a common two-character word is bad,
  right after 关于 is bad, before 关于 or after 的/和/及/与/、 is good;
* every split into the fewest lines that fit is scored by raggedness plus break costs, and
  a candidate of the wrong shape (equal two lines, hourglass three lines) is taken only when
  no well-shaped one exists. Titles of four lines or more (no shape rule applies) are split
  by dynamic programming on the same measure, so time stays linear in the title's length.

Everything is deterministic: ties fall to the earliest breaks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

EXPLICIT_BREAK = re.compile(r"\|\r?\n?|\r?\n")

CLOSING = set("，。、；：！？）》〉”’」』】〕…—·%％,.;:!?)]}")
OPENING = set("（《〈“‘「『【〔([{")
PAIRS = {"《": "》", "“": "”", "‘": "’", "（": "）", "〈": "〉", "「": "」", "【": "】", "〔": "〕"}
DOCUMENT_KINDS = (
    "决议",
    "决定",
    "命令",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "纪要",
    "函",
    "令",
)
# A number, its decimals and unit, optionally led by 第: 2021年, 第3次, 5.34亿元, 30%.
NUMBER = re.compile(
    r"第?[0-9A-Za-z０-９Ａ-Ｚａ-ｚ][0-9A-Za-z０-９Ａ-Ｚａ-ｚ.．\-/]*[%％]?"
    r"(?:(?:年度|[年月日号时分期届次项个条万亿元家所名件批])(?:[0-9０-９]+[月日号](?:[0-9０-９]+[日号])?)?)?"
)
# Common words of 公文 titles. Breaking inside one is costly, breaking next to one is safe.
WORDS = frozenset(
    """关于 印发 转发 批转 贯彻 落实 实施 推进 加强 加快 做好 开展 进一步 深入 全面 切实
    工作 情况 总结 安排 计划 方案 办法 规定 细则 条例 意见 通知 报告 请示 批复 决定 问题
    有关 事项 申请 同意 建设 管理 发展 改革 创新 服务 保障 安全 生产 环境 整治 治理 提升
    城市 文明 卫生 创建 社区 街道 乡镇 农村 农业 经济 社会 教育 医疗 文化 旅游 交通 住房
    人民 政府 办公室 办公厅 委员会 办事处 领导 小组 年度 上半年 下半年 季度 全年 目标 责任
    考核 检查 督查 评估 监督 执法 专项 行动 活动 疫情 防控 应急 防汛 消防 资金 项目 预算
    规划 设计 标准 体系 机制 制度 能力 水平 质量 效率 党建 党风 廉政 作风 干部 队伍 人才
    群众 企业 市场 营商 公共 基层 基础 设施 信息 数据 平台 系统 网络 科技 生态 绿色 节能
    减排 污染 防治 保护 资源 土地 水利 国家 全国 中华 共和国 城乡 区域 试点 示范 推广
    表彰 通报 奖励 先进 集体 个人 表扬 处理 处分 任免 聘任 成立 调整 撤销 增补 召开 会议
    座谈会 工作会议 商请 提供 资料 用地 辖区 情况的 安全生产 老旧 小区 改造 拨付 资金 专项资金 培训 学习 宣传 教育 部署 要求 若干 措施 政策 实施方案 指导 协调 统筹 推动 促进""".split()
)
_MAX_WORD = max(map(len, WORDS))

# Break costs in units of one full-width character of raggedness.
COST_INSIDE_WORD = 6.0
COST_UNKNOWN = 2.0  # between two characters no rule knows anything about
COST_AFTER_GUANYU = 8.0  # 关于 should start a line, never end one
COST_BEFORE_PARTICLE = 3.0  # a line starting with 的/之/和/及/与/等/并
COST_BEFORE_KIND = 0.5  # “的报告” alone on the last line is allowed but not sought
BONUS_BEFORE_GUANYU = -1.0
BONUS_AFTER_JOINER = -0.5
COST_RELAXED = 20.0  # a hard rule given up because a unit is wider than a line
EQUAL_WIDTH = 1.0  # lines closer than one character look like a rectangle

# Strength of the rule forbidding a break; the weakest are given up first when needed.
FREE, LOCKED, PROTECTED, PUNCTUATION = 0, 1, 2, 3


def char_width(char: str) -> float:
    """Width in 字: full-width characters 1, ASCII, digits and half-width forms 0.5."""
    if ord(char) < 128 or unicodedata.east_asian_width(char) in ("Na", "H"):
        return 0.5
    return 1.0


def text_width(text: str) -> float:
    return sum(map(char_width, text))


def break_title(title: str, max_chars: int = 18, protected: Iterable[str] = ()) -> list[str]:
    """Break a title into centred lines per GB/T 9704 §7.3.1.

    ``|`` or a newline in ``title`` is an explicit break and is honoured as is (the markers
    are removed). Otherwise the title stays on one line if it is at most ``max_chars`` wide,
    else it goes on the fewest lines that fit, never splitting a ``protected`` string (the
    issuing organ's name), a 《…》/“…” quotation or a number with its unit.
    """
    if EXPLICIT_BREAK.search(title):
        return [part for part in EXPLICIT_BREAK.split(title) if part]
    if text_width(title) <= max_chars or len(title) < 2:
        return [title]
    strength = _break_strengths(title, [p for p in protected if p])
    costs = _break_costs(title)
    atoms, atom_costs = _atoms(title, strength, costs, max_chars)
    return _best_split(atoms, atom_costs, max_chars)


def _break_strengths(title: str, protected: list[str]) -> list[int]:
    """strength[i] forbids a break before title[i] (index 0 unused)."""
    strength = [FREE] * len(title)

    def lock(start: int, end: int, level: int) -> None:
        for i in range(start + 1, end):
            strength[i] = max(strength[i], level)

    for start, end in _bracket_spans(title):
        lock(start, end, LOCKED)
    for match in NUMBER.finditer(title):
        lock(match.start(), match.end(), LOCKED)
    ending = _kind_ending(title)
    if ending is not None:
        lock(ending, len(title), LOCKED)
    for name in protected:
        for start in _occurrences(title, name):
            lock(start, start + len(name), PROTECTED)
    for i in range(1, len(title)):
        if title[i] in CLOSING or title[i - 1] in OPENING:
            strength[i] = PUNCTUATION
    return strength


def _bracket_spans(title: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every matched 《…》, “…”, （…） and the like."""
    stack: list[tuple[str, int]] = []
    for i, char in enumerate(title):
        if char in PAIRS:
            stack.append((PAIRS[char], i))
        elif stack and char == stack[-1][0]:
            yield stack.pop()[1], i + 1


def _kind_ending(title: str) -> int | None:
    """Start of a closing “的/之 + 文种” (…的报告), which must stay on one line."""
    for kind in DOCUMENT_KINDS:
        if title.endswith(kind) and len(title) > len(kind):
            start = len(title) - len(kind)
            return start - 1 if title[start - 1] in "的之" else start
    return None


def _occurrences(text: str, needle: str) -> Iterator[int]:
    start = text.find(needle)
    while start >= 0:
        yield start
        start = text.find(needle, start + 1)


def _break_costs(title: str) -> list[float]:
    """cost[i] of a break before title[i], from a greedy longest-match over WORDS."""
    inside, edges = _word_positions(title)
    costs = [0.0] * len(title)
    ending = _kind_ending(title)
    for i in range(1, len(title)):
        before, after = title[i - 1], title[i]
        if i in inside:
            cost = COST_INSIDE_WORD
        elif i in edges or not (_is_han(before) and _is_han(after)):
            cost = 0.0
        else:
            cost = COST_UNKNOWN
        if title.startswith("关于", i - 2):
            cost += COST_AFTER_GUANYU
        if title.startswith("关于", i):
            cost += BONUS_BEFORE_GUANYU
        if before in "的和及与、并":
            cost += BONUS_AFTER_JOINER
        if after in "的之和及与等并":
            cost += COST_BEFORE_KIND if i == ending else COST_BEFORE_PARTICLE
        costs[i] = cost
    return costs


def _word_positions(title: str) -> tuple[set[int], set[int]]:
    """Break positions inside known words, and those at a known word's edge."""
    inside: set[int] = set()
    edges: set[int] = set()
    i = 0
    while i < len(title):
        for size in range(min(_MAX_WORD, len(title) - i), 1, -1):
            if title[i : i + size] in WORDS:
                inside.update(range(i + 1, i + size))
                edges.update((i, i + size))
                i += size
                break
        else:
            i += 1
    return inside, edges


def _is_han(char: str) -> bool:
    return unicodedata.category(char) == "Lo"


@dataclass(frozen=True)
class Atom:
    text: str
    width: float


def _atoms(title: str, strength: list[int], costs: list[float], max_chars: int) -> tuple[list[Atom], list[float]]:
    """Unbreakable units and the cost of breaking after each (all but the last).

    A unit wider than a line gives up its weakest rules first (a long quotation before a
    protected name before punctuation rules), each such break carrying COST_RELAXED.
    """
    breaks = [i for i in range(1, len(title)) if strength[i] == FREE]
    extra: dict[int, float] = {}
    for start, end in zip([0, *breaks], [*breaks, len(title)]):
        if text_width(title[start:end]) > max_chars:
            extra.update(_relax(title, strength, start, end, max_chars))
    cuts = sorted(set(breaks) | set(extra))
    bounds = list(zip([0, *cuts], [*cuts, len(title)]))
    atoms = [Atom(title[s:e], text_width(title[s:e])) for s, e in bounds]
    return atoms, [costs[i] + extra.get(i, 0.0) for i in cuts]


def _relax(title: str, strength: list[int], start: int, end: int, max_chars: int) -> dict[int, float]:
    for level in (LOCKED, PROTECTED, PUNCTUATION):
        inner = [i for i in range(start + 1, end) if strength[i] <= level]
        pieces = zip([start, *inner], [*inner, end])
        if all(text_width(title[s:e]) <= max_chars for s, e in pieces):
            return dict.fromkeys(inner, COST_RELAXED)
    return dict.fromkeys(range(start + 1, end), COST_RELAXED)


# Up to this many lines every split is scored (shape rules matter, and candidates are few:
# at most (atoms per line)^2); longer titles are split by dynamic programming instead.
MAX_ENUMERATED_LINES = 3


def _best_split(atoms: list[Atom], costs: list[float], max_chars: int) -> list[str]:
    """The best split into the fewest lines; every line at most ``max_chars`` wide."""
    count = _fewest_lines(atoms, max_chars)
    if count <= MAX_ENUMERATED_LINES:
        candidates = list(_splits(atoms, count, max_chars))
    else:
        candidates = _dp_candidates(atoms, costs, count, max_chars)
    best = min(candidates, key=lambda cuts: _score(atoms, costs, cuts))
    return ["".join(a.text for a in atoms[s:e]) for s, e in _bounds(best, len(atoms))]


def _fewest_lines(atoms: list[Atom], max_chars: int) -> int:
    """Filling each line greedily gives the fewest lines (every atom fits a line by itself)."""
    lines, width = 1, 0.0
    for atom in atoms:
        if width + atom.width > max_chars:
            lines, width = lines + 1, 0.0
        width += atom.width
    return lines


def _dp_candidates(atoms: list[Atom], costs: list[float], count: int, max_chars: int) -> list[tuple[int, ...]]:
    """Splits into ``count`` lines holding the least raggedness + break cost (``_score``'s
    measure), found in time linear in the title for each pair of line-width bounds.

    With every line's width held in [low, high], the cheapest split is a shortest path over
    atom positions; the best split overall is the best of these over all bound pairs (at most
    (2 * max_chars)² of them, as widths are multiples of half a character). Pairs are tried by
    increasing ``high - low`` and the search stops once no pair can beat the best found.
    """
    reach = _line_ends(atoms, max_chars)
    average = sum(a.width for a in atoms) / count
    widths = sorted({w for ends in reach for _, w in ends})
    pairs = sorted(((lo, hi) for lo in widths if lo <= average for hi in widths if hi >= average), key=_spread)
    least_penalty = sum(sorted(min(c, 0.0) for c in costs)[: count - 1])
    found: list[tuple[int, ...]] = []
    best = float("inf")
    for low, high in pairs:
        if high - low + least_penalty > best:
            break
        cuts = _cheapest_split(reach, costs, count, low, high)
        if cuts is not None:
            found.append(cuts)
            best = min(best, _measure(atoms, costs, cuts))
    return found


def _spread(pair: tuple[float, float]) -> float:
    return pair[1] - pair[0]


def _line_ends(atoms: list[Atom], max_chars: int) -> list[list[tuple[int, float]]]:
    """reach[i]: every (end, width) of a line starting at atom i that fits."""
    reach = []
    for start in range(len(atoms)):
        ends, width = [], 0.0
        for end in range(start + 1, len(atoms) + 1):
            width += atoms[end - 1].width
            if width > max_chars:
                break
            ends.append((end, width))
        reach.append(ends)
    return reach


def _cheapest_split(
    reach: list[list[tuple[int, float]]], costs: list[float], count: int, low: float, high: float
) -> tuple[int, ...] | None:
    """Cut positions of the fewest, then cheapest, lines all between ``low`` and ``high``
    wide, if that is ``count`` lines; else None."""
    size = len(reach)
    best: list[tuple[int, float] | None] = [None] * (size + 1)  # (lines, penalty) of a prefix
    previous = [0] * (size + 1)
    best[0] = (0, 0.0)
    for start in range(size):
        here = best[start]
        if here is None:
            continue
        penalty = here[1] + (costs[start - 1] if start else 0.0)
        for end, width in reach[start]:
            if low <= width <= high:
                option = (here[0] + 1, penalty)
                if best[end] is None or option < best[end]:
                    best[end], previous[end] = option, start
    if best[size] is None or best[size][0] != count:
        return None
    cuts, position = [], previous[size]
    while position:
        cuts.append(position)
        position = previous[position]
    return tuple(reversed(cuts))


def _measure(atoms: list[Atom], costs: list[float], cuts: tuple[int, ...]) -> float:
    return _score(atoms, costs, cuts)[1]


def _splits(atoms: list[Atom], count: int, max_chars: int, start: int = 0) -> Iterator[tuple[int, ...]]:
    """Cut positions (atom indices) giving ``count`` lines that all fit, pruned early."""
    rest = sum(a.width for a in atoms[start:])
    if count == 1:
        if rest <= max_chars:
            yield ()
        return
    if rest > count * max_chars:
        return
    width = 0.0
    for end in range(start + 1, len(atoms) - count + 2):
        width += atoms[end - 1].width
        if width > max_chars:
            return
        for tail in _splits(atoms, count - 1, max_chars, end):
            yield (end, *tail)


def _bounds(cuts: tuple[int, ...], size: int) -> list[tuple[int, int]]:
    return list(zip([0, *cuts], [*cuts, size]))


def _score(atoms: list[Atom], costs: list[float], cuts: tuple[int, ...]) -> tuple:
    widths = [sum(a.width for a in atoms[s:e]) for s, e in _bounds(cuts, len(atoms))]
    ragged = max(widths) - min(widths)
    penalty = sum(costs[cut - 1] for cut in cuts)
    # Shape first, then quality; then upper line longer (倒梯形, the commoner form); then
    # the earliest breaks, so equal scores always resolve the same way.
    return (not well_shaped(widths), round(ragged + penalty, 6), widths[0] < widths[-1], cuts)


def well_shaped(widths: list[float]) -> bool:
    """梯形 or 菱形: two lines of different widths; three without a narrow waist (沙漏)."""
    if len(widths) == 2:
        return abs(widths[0] - widths[1]) >= EQUAL_WIDTH
    if len(widths) == 3:
        top, middle, bottom = widths
        return middle >= min(top, bottom) and max(widths) - min(widths) >= EQUAL_WIDTH
    return True
