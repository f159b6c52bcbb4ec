"""``validated_metric`` keeps metrics that validated; what it returns must be what
``Metric.model_validate`` returns for the same raw data, whatever was kept before."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from gongwen.model.metric import Metric, validated_metric

# Raw values that compare equal (1 == 1.0 == True) but are not the same data.
LOOKALIKES = [
    {"数值": 1, "单位": "次"},
    {"数值": 1.0, "单位": "次"},
    {"数值": True, "单位": "次"},
    {"数值": "1", "单位": "次"},
    {"数值": 1, "单位": "次", "去年": None},
    "1次",
    "1.0次",
    {"数值": 2, "单位": "个", "分项": {"东区": 1, "西区": 1}},
    {"数值": 2, "单位": "个", "分项": {"东区": 1.0, "西区": 1}},
    {"数值": 1, "单位": "次", "说明": dt.date(2021, 1, 1)},
]


def _fresh(raw):
    try:
        return Metric.model_validate(raw)
    except (ValidationError, ValueError, TypeError) as exc:
        return type(exc)


@pytest.mark.parametrize("order", [1, -1], ids=["forward", "backward"])
def test_each_raw_value_gets_its_own_metric_whatever_was_kept_before(order):
    for raw in LOOKALIKES[::order]:
        try:
            kept = validated_metric(raw)
        except (ValidationError, ValueError, TypeError) as exc:
            kept = type(exc)
        assert repr(kept) == repr(_fresh(raw)), raw  # repr: 1 and 1.0 are == but print differently


def test_a_kept_metric_is_the_same_object_the_second_time():
    raw = {"数值": 7, "单位": "件", "去年": 5}
    assert validated_metric(raw) is validated_metric(dict(raw))
