"""Intervals and tests for published percentages, from statsmodels (no hand-written formulas).

A percentage only gets an interval or a test when the document prints its base N; where it
does not, the answer is "not testable: base not published" — a base is never assumed.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy.stats import norm
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

LOW_BASE = 30
ALPHA = 0.05
CORRECTION = "holm"  # Holm–Bonferroni, named in every legend that marks significance


def wilson(pct: float, n: int, alpha: float = ALPHA) -> tuple[float, float]:
    """95% Wilson score interval of a percentage on base n, in percent."""
    low, high = proportion_confint(pct / 100 * n, n, alpha=alpha, method="wilson")
    return 100 * float(low), 100 * float(high)


def margin_of_error(n: int, p: float = 0.5, confidence: float = 0.95) -> float:
    """Half-width in points of the normal-approximation interval at proportion p (the
    "±6 points at n=265" surveys print uses the worst case p = 0.5)."""
    z = float(norm.ppf(0.5 + confidence / 2))
    return 100 * z * math.sqrt(p * (1 - p) / n)


def two_proportion_p(pct1: float, n1: int, pct2: float, n2: int) -> float:
    """Two-sided p-value of the pooled two-proportion z-test."""
    if pct1 == pct2:
        return 1.0
    _, p = proportions_ztest([pct1 / 100 * n1, pct2 / 100 * n2], [n1, n2])
    return float(p)


def adjust(pvalues: list[float]) -> list[float]:
    """Holm-adjusted p-values for a family of comparisons."""
    if not pvalues:
        return []
    return [float(p) for p in multipletests(pvalues, alpha=ALPHA, method=CORRECTION)[1]]


def testable(measure: str, base_n: object) -> bool:
    """A proportion test or interval applies: a share of respondents with a printed base.

    Means (hours, or average percentages such as "80% of issues resolved in one contact")
    need a standard deviation the documents do not publish, so they get none.
    """
    return measure == "share" and base_n is not None and not pd.isna(base_n) and int(base_n) > 0


def with_intervals(df: pd.DataFrame) -> pd.DataFrame:
    """Add ci_low / ci_high (percent rows with a printed base) and low_base (N < 30)."""
    out = df.copy()
    lows, highs = [], []
    for measure, value, base in zip(out["measure"], out["value"], out["base_n"]):
        if testable(measure, base):
            lo, hi = wilson(float(value), int(base))
        else:
            lo, hi = np.nan, np.nan
        lows.append(lo)
        highs.append(hi)
    out["ci_low"], out["ci_high"] = lows, highs
    out["low_base"] = out["base_n"].map(lambda n: bool(pd.notna(n) and int(n) < LOW_BASE))
    return out
