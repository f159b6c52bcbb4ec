"""Sentences about figures, as official writing states them (shared/FIGURES.md, GB/T 15835).

Pure functions from numbers to Chinese phrases: a change against last year in words
(同比增长20.4%, 同比下降6.2%, 与上年持平, 增加8个, 提高2.3个百分点, 增长1.2倍), a multiple
(是上年的2.2倍), a target (完成年度目标的105%, 超额完成年度目标), a share (占总数的72.9%), a
breakdown (其中，A12个、B8个) and several figures at once (同比分别增长12%、下降3%).

Rules, each tested in tests/figures/test_phrases.py:

* direction in words, magnitude without sign: never 增长-6.2% or 下降-6.2%;
* rates and shares (unit %) change by 百分点, never by %;
* percentages to one decimal, a trailing .0 dropped; computed from the unrounded inputs;
  a change that rounds to 0 is 持平;
* from +100% up a growth is stated in 倍 (增长1.2倍 means 2.2 times the base); a decrease
  is never stated in 倍;
* Arabic numerals, no thousands separators; 万/亿 scaling keeps one unit per figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PERCENT_DECIMALS = 1  # 14.3%: one decimal, stated once and applied to every computed rate
MULTIPLE_FROM = 100.0  # growth of +100% and more is said in 倍 (增长1.2倍), below it in %
RATE_UNITS = ("%", "％")
SCALES = {"万": 10_000, "亿": 100_000_000}


def half_up(value: float, places: int) -> float:
    """四舍五入 as clerks and statistical bulletins round (0.25 → 0.3, 2.5 → 3), not Python's
    round-half-to-even; the decimal string of the value is rounded, so 2.675 → 2.68."""
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def number_text(value: float, decimals: int | None = None) -> str:
    """GB/T 15835 digits: no separators, no exponent; ``decimals`` keeps its zeros (2.50)."""
    if decimals is not None:
        return f"{half_up(value, decimals):.{decimals}f}"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{half_up(value, 6):.6f}".rstrip("0").rstrip(".")


def percent_text(percent: float, decimals: int = PERCENT_DECIMALS) -> str:
    """``20.41`` → ``20.4``; ``50.0`` → ``50`` (a trailing .0 is dropped)."""
    return number_text(half_up(percent, decimals))


def scaled(value: float, unit: str, scale: str | None, decimals: int | None) -> str:
    """``53400`` 元 at 万 → ``5.34万元``: the value in the scale, the scale before the unit."""
    if scale is None:
        return f"{number_text(value, decimals)}{unit}"
    return f"{number_text(value / SCALES[scale], decimals)}{scale}{unit}"


def is_rate(unit: str) -> bool:
    return unit.strip() in RATE_UNITS


@dataclass(frozen=True)
class Change:
    """One figure against its baseline: enough to say the change in words."""

    now: float
    last: float
    unit: str = ""
    published: float | None = None  # the rate as the source states it, in %, quoted as given
    decimals: int | None = None  # places of the figure itself (for 增加 / 提高 amounts)
    scale: str | None = None  # 万 / 亿, as the figure itself prints (增加1.2万元)

    @property
    def percent(self) -> float | None:
        """The rate of change in %, from the unrounded values (or the published one)."""
        if self.published is not None:
            return self.published
        if self.last <= 0 or self.now < 0:
            raise ValueError("数值或去年为零或负数，增长率没有意义；请改用 .比上年（增加或减少多少）")
        return (self.now - self.last) / self.last * 100


def growth(change: Change) -> str:
    """The change as a rate in words: ``增长20.4%``, ``下降6.2%``, ``增长1.2倍``, ``持平``;
    for a rate or share itself ``提高2.3个百分点`` / ``下降1.5个百分点``."""
    if is_rate(change.unit):
        return _points(change.now - change.last)
    percent = change.percent
    if percent_text(abs(percent)) in ("0", "0.0"):
        return "持平" if percent == 0 or change.now == change.last else "基本持平"  # 214 vs 214.04
    if percent > 0 and percent >= MULTIPLE_FROM and change.published is None:
        return f"增长{number_text(half_up(percent / 100, PERCENT_DECIMALS))}倍"
    return f"{'增长' if percent > 0 else '下降'}{percent_text(abs(percent))}%"


def amount(change: Change) -> str:
    """The change as an amount: ``增加8个``, ``减少2个``, ``持平`` (rates: 百分点)."""
    if is_rate(change.unit):
        return _points(change.now - change.last)
    difference = round(change.now - change.last, 6)
    if difference == 0:
        return "持平"
    size = scaled(abs(difference), change.unit, change.scale, change.decimals)
    return f"{'增加' if difference > 0 else '减少'}{size}"


def _points(difference: float) -> str:
    text = percent_text(abs(difference))
    if text in ("0", "0.0"):
        return "持平" if round(difference, 6) == 0 else "基本持平"
    return f"{'提高' if difference > 0 else '下降'}{text}个百分点"


def year_on_year(change: Change, baseline: str = "上年") -> str:
    """``同比增长20.4%`` / ``同比下降6.2%`` / ``与上年持平`` / ``同比提高2.3个百分点``;
    ``baseline`` names the period compared with (上年, 上年同期, 上学年)."""
    words = growth(change)
    return f"与{baseline}{words}" if words.endswith("持平") else f"同比{words}"


def than_last_year(change: Change, baseline: str = "上年") -> str:
    """``比上年增加8个`` / ``比上年减少2个`` / ``与上年持平`` (``比上年同期增加8个``)."""
    words = amount(change)
    return f"与{baseline}持平" if words == "持平" else f"比{baseline}{words}"


def multiple(change: Change, baseline: str = "上年") -> str:
    """``是上年的2.2倍`` (never for a decrease, which is stated in %)."""
    if change.last <= 0 or change.now < change.last:
        raise ValueError("只有增长时才说“是上年的几倍”；减少请用 .同比")
    return f"是{baseline}的{number_text(half_up(change.now / change.last, PERCENT_DECIMALS))}倍"


def _target_share(now: float, target: float) -> float:
    if target <= 0 or now < 0:
        raise ValueError("目标应为正数、数值不能为负数，才能说完成比例")
    return now / target * 100


def _shown_share(share: float) -> str:
    """A missed target never prints as 100% (99.95% → 99.9%), nor a reached one below it."""
    text = percent_text(share)
    if share < 100 and float(text) >= 100:
        return "99.9"
    return text


def of_target(now: float, target: float, what: str = "年度目标") -> str:
    """``完成年度目标的105%``."""
    return f"完成{what}的{_shown_share(_target_share(now, target))}%"


def target_result(now: float, target: float, what: str = "年度目标") -> str:
    """``超额完成年度目标`` when beyond it, ``完成年度目标`` when exactly, else the share done."""
    share = _target_share(now, target)
    if share == 100:
        return f"完成{what}"
    return f"超额完成{what}" if share > 100 else of_target(now, target, what)


def share_of(part: float, whole: float, what: str = "总数") -> str:
    """``占总数的72.9%``."""
    if whole <= 0 or part < 0 or part > whole:
        raise ValueError("占比要求总数为正数、部分在 0 和总数之间")
    return f"占{what}的{percent_text(part / whole * 100)}%"


def breakdown(parts: Sequence[tuple[str, float]], unit: str, decimals: int | None = None) -> str:
    """``其中，流动摊位52个、店外经营33个``."""
    return "其中，" + "、".join(f"{name}{number_text(value, decimals)}{unit}" for name, value in parts)


def respectively(changes: Sequence[Change], baseline: str = "上年") -> str:
    """Several figures at once: ``同比分别下降50%、14.3%、57.1%`` when all go one way,
    ``同比分别增长12%、下降3%`` when they differ (each figure takes its word)."""
    words = [growth(change) for change in changes]
    if all(w == "持平" for w in words):
        return f"均与{baseline}持平"
    verbs = {_verb(w) for w in words}
    if len(verbs) == 1 and "" not in verbs:
        verb = verbs.pop()
        return f"同比分别{verb}" + "、".join(w.removeprefix(verb) for w in words)
    return "同比分别" + "、".join(words)


def _verb(words: str) -> str:
    return next((v for v in ("增长", "下降", "提高") if words.startswith(v)), "")


def value_range(low: float, high: float, unit: str, scale: str | None = None, decimals: int | None = None) -> str:
    """``30%～40%``, ``10万～12万元``, ``3～5个``: % and 万/亿 on both ends, other units once."""
    if is_rate(unit):
        return f"{number_text(low, decimals)}{unit}～{number_text(high, decimals)}{unit}"
    if scale is not None:
        size = SCALES[scale]
        return f"{number_text(low / size, decimals)}{scale}～{number_text(high / size, decimals)}{scale}{unit}"
    return f"{number_text(low, decimals)}～{number_text(high, decimals)}{unit}"
