"""A metric: one figure of the year, with what summaries say about it (target, parts,
published rate, share, places, scale, groups and roll-ups). See ``figures/`` for the
phrases computed from it.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import field_validator, model_validator

from gongwen.model.fields import MAX_NUMBER_DIGITS, Number, Strict, Text, key, short


class Metric(Strict):
    """One figure of the year: ``会议: {数值: 6, 单位: 次}``, or the short form ``会议: 6次``."""

    value: Number | None = key("数值", "value", "本年度的数字，如 6 或 12.5（指标组不写）。", None)
    unit: Text = key("单位", "unit", "数字后面的单位，如 次、个、%、亿元。", "")
    label: Text = key("说明", "label", "这个指标是什么（不印在公文中，供核对）。", "")
    last_year: Number | None = key("去年", "last_year", "上一年度的数字（可选），文中用 {{ 名称.去年 }} 引用。", None)
    target: Number | None = key(
        "目标", "target", "年度目标（可选，与数值同单位），文中用 {{ 名称.完成目标 }}、{{ 名称.目标完成 }}。", None
    )
    parts: dict[Text, Number] = key(
        "分项",
        "parts",
        "分项（可选）：各部分的名称和数值，合计应等于数值；文中用 {{ 名称.其中 }}。",
        default_factory=dict,
    )
    published_rate: Number | None = key(
        "同比", "published_rate", "公布的同比增幅（可选），如 -19.3%；文中 {{ 名称.同比 }} 照录这个数。", None
    )
    whole: Text = key("总数", "whole", "占比的分母：另一个指标的名称（可选），文中用 {{ 名称.占比 }}。", "")
    decimals: int | None = key(
        "小数位", "decimals", "印出的小数位数（可选，0—4），如 2 把 2.5 印为 2.50。", None, ge=0, le=4, strict=True
    )
    scale: Literal["万", "亿"] | None = key(
        "换算", "scale", "以万或亿印出（可选）：数值 53400、单位 元、换算 万，印为 5.34万元。", None
    )

    respectively: list[Text] = key(
        "分别",
        "respectively",
        "指标组（可选）：几个指标的名称，文中 {{ 组名.同比 }} 印为“同比分别增长12%、下降3%”；指标组不写数值。",
        default_factory=list,
    )

    span: list[Number] = key(
        "区间",
        "span",
        "区间（可选）：两个数，如 [30, 40]，文中 {{ 名称 }} 印为“30%～40%”；区间指标不写数值，只写单位（可选小数位、换算）。",
        default_factory=list,
    )

    rollup: Text = key(
        "汇总", "rollup", "由下级单位汇总（可选）：下级单位数据文件中指标的名称；数值、去年、分项由 gongwen 算出。", ""
    )

    @model_validator(mode="after")
    def _value_or_group(self) -> Metric:
        if self.rollup:
            given = [name for name, v in (("数值", self.value), ("去年", self.last_year), ("单位", self.unit)) if v]
            if given or self.parts:
                what = "、".join(given + (["分项"] if self.parts else []))
                raise ValueError(f"由下级单位汇总的指标不写{what}：它们由各下级单位算出")
            return self
        if self.span:
            return self._span_only()
        if self.value is None and not self.respectively:
            raise ValueError("缺少“数值”，例如  数值: 6（几个指标合说“分别”时写  分别: [指标甲, 指标乙]）")
        if self.value is not None and self.respectively:
            raise ValueError("指标组（写了“分别”）不写“数值”：组里各指标的数值写在它们自己那里")
        if self.respectively and (len(self.respectively) < 2 or len(set(self.respectively)) < len(self.respectively)):
            raise ValueError("指标组的“分别”应列出至少两个不同的指标，例如  分别: [宣传活动, 整治]")
        self._check_scale()
        if self.published_rate is not None and self.published_rate <= -100:
            raise ValueError("同比下降不会达到或超过 100%，请核对“同比”")
        return self

    def _check_scale(self) -> None:
        if self.scale and (
            self.scale in self.unit or "万" in self.unit or "亿" in self.unit or self.unit.strip() in "%％"
        ):
            raise ValueError(f"单位“{self.unit}”不能再“换算”为{self.scale}：换算用于以 元、人、次 等计的大数")

    def _span_only(self) -> Metric:
        if len(self.span) != 2 or not self.span[0] < self.span[1]:
            raise ValueError("“区间”应写两个数、前小后大，例如  区间: [30, 40]")
        self._check_scale()
        size = {"万": 10_000, "亿": 100_000_000}.get(self.scale or "", 1)
        places = self.decimals if self.decimals is not None else 6
        if round(self.span[0] / size, places) == round(self.span[1] / size, places):
            raise ValueError("“区间”两端印出来相同（换算或小数位舍入后）：请加“小数位”，或改用“数值”")
        given = [
            name
            for name, v in (
                ("数值", self.value is not None),
                ("去年", self.last_year is not None),
                ("目标", self.target is not None),
                ("分项", bool(self.parts)),
                ("同比", self.published_rate is not None),
                ("总数", bool(self.whole)),
                ("分别", bool(self.respectively)),
            )
            if v
        ]
        if given:
            raise ValueError(f"区间指标只写“区间”和“单位”（可选“小数位”“换算”），不写{'、'.join(given)}")
        return self

    @field_validator("span", mode="before")
    @classmethod
    def _span_numbers(cls, value: Any) -> Any:
        if isinstance(value, list) and any(isinstance(v, bool) for v in value):
            raise ValueError("“区间”应写两个数，例如  区间: [30, 40]（不能写 true/false）")
        return value

    @field_validator("published_rate", mode="before")
    @classmethod
    def _rate(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = re.fullmatch(r"\s*([+-]?\d{1,6}(?:\.\d{1,4})?)\s*[%％]\s*", value)
            if not match:
                raise ValueError(f"同比“{short(value)}”应写成百分数，例如 -19.3% 或 12%")
            return float(match.group(1))
        return value

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, bool):
            raise ValueError("应为数字或“数字+单位”，例如 6 或 6次")
        if isinstance(data, (int, float)):
            return {"数值": data}
        if isinstance(data, str):
            match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(\S*)\s*", data)
            if not match:
                raise ValueError(f"“{short(data)}”不是数字。应写成数字或“数字+单位”，例如 6 或 6次")
            number = match.group(1)
            if len(number) > MAX_NUMBER_DIGITS:
                raise ValueError(
                    "数值过大（位数过多），请检查是否多写了位数；很大的数可换用“万”“亿”作单位，例如 3.2亿元"
                )
            value = float(number) if "." in number else int(number)
            return {"数值": value, "单位": match.group(2)}
        return data


# Each declared metric is validated on its own up to four times per build (the cross checks,
# the figures stage and two lint views) and a batch's files repeat most of theirs: a metric
# that validated is kept by the repr of its raw data (exact for what YAML loads: str, int,
# float, bool, None, dates, lists and mappings). Metric is frozen, so sharing it is safe.
_validated: dict[str, Metric] = {}
_MAX_VALIDATED = 1024


def validated_metric(raw: Any) -> Metric:
    """``Metric.model_validate(raw)``; raises as it does (``ValidationError`` is a ``ValueError``)."""
    key = f"{type(raw).__name__}:{raw!r}"
    metric = _validated.get(key)
    if metric is None:
        metric = Metric.model_validate(raw)
        if len(_validated) >= _MAX_VALIDATED:
            _validated.clear()
        _validated[key] = metric
    return metric
