"""Intervals and tests against textbook values and the report's stated margin."""

from __future__ import annotations

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from cxdash import stats


def test_margin_of_error_reproduces_the_report():
    # 在 95% 信賴水準的情況下，樣本數 265 的誤差範圍為 + 或 - 6 個百分點。
    assert round(stats.margin_of_error(265)) == 6
    assert stats.margin_of_error(265) == pytest.approx(6.02, abs=0.01)
    assert stats.margin_of_error(1000) == pytest.approx(3.10, abs=0.01)  # the classic ±3


def test_wilson_textbook_example():
    # Newcombe (1998), example: 81 of 263 -> 0.2553 to 0.3662 (Wilson score interval)
    low, high = stats.wilson(100 * 81 / 263, 263)
    assert low == pytest.approx(25.53, abs=0.01)
    assert high == pytest.approx(36.62, abs=0.01)


def test_wilson_is_the_library_value_for_80_of_62():
    low, high = stats.wilson(80, 62)
    lib = proportion_confint(0.8 * 62, 62, alpha=0.05, method="wilson")
    assert (low, high) == pytest.approx((100 * lib[0], 100 * lib[1]))
    assert (round(low, 1), round(high, 1)) == (68.4, 88.1)


def test_two_proportion_test_known_value():
    # 60/100 vs 40/100: pooled z = 2.83, p = 0.0047
    assert stats.two_proportion_p(60, 100, 40, 100) == pytest.approx(0.0047, abs=0.0001)
    assert stats.two_proportion_p(50, 80, 50, 90) == 1.0


def test_holm_adjustment():
    assert stats.adjust([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])


def test_intervals_only_for_shares_with_a_base():
    df = pd.DataFrame(
        {
            "measure": ["share", "share", "mean"],
            "value": [44.0, 15.0, 80.0],
            "base_n": pd.array([62, None, 62], dtype="Int64"),
        }
    )
    out = stats.with_intervals(df)
    assert out["ci_low"].notna().tolist() == [True, False, False]
    assert out["low_base"].tolist() == [False, False, False]
    assert stats.with_intervals(df.assign(base_n=pd.array([29, 30, 5], dtype="Int64")))[
        "low_base"
    ].tolist() == [True, False, True]
