"""Weighted estimates, intervals, tests and significance letters for respondent data.

Statistics are sums until the last step: cxdash/respondents/sums.py gives, per group x option,
n, Σw, Σw², Σw·y, Σw²·y (and Σw²·y² for means) and the dataset size; `estimates` turns that small
result into values, `pairwise` and `with_tests` into tests and letters.

The estimator (chosen to equal R's `survey` and `svy` with weights only: no strata, no PSU,
each respondent its own PSU, sampled with replacement, Taylor linearisation):
  value   m = Σw·y / Σw                                   (a share: y = 1 chose / 0 not)
  se      sqrt(N/(N-1) · Σw²(y-m)²) / Σw, where Σw²(y-m)² = Σw²y² - 2mΣw²y + m²Σw² and N is
          every respondent of the dataset: a slice is a domain of the whole sample, not a new
          sample (as `svy` `by=`/`where=`, R's `svyby`/`subset`)
  eff_base  (Σw)² / Σw² (Kish); low_base when < 30; below 2 no interval and no test
  shares  95% Wilson interval on eff_base; pairs by the pooled two-proportion z on eff_bases
  means   t interval, m ± t(eff_base-1) · se; pairs by Welch's t on the Taylor SEs with
          Satterthwaite df from eff_base-1 per group
Pairs: same option, groups differing in exactly one dimension; Holm within the question x
that dimension (as cxdash/stats.py does for published figures). Letters, Displayr style:
each group a letter; a value carries the letters of the groups it is significantly higher than.

scipy.special only: the app imports this at request time and never imports statsmodels
(cxdash/stats.py, the build's, does); tests check `wilson` and `holm` against its statsmodels
helpers. The normal and t quantiles and tails are the special functions scipy.stats's `norm`
and `t` call (ndtri, ndtr, stdtrit, stdtr: the same values, nan where the df is not positive),
without importing scipy.stats, 0.4 s of a server's first figure from respondents.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri, stdtr, stdtrit

from cxdash.respondents import sums
from cxdash.respondents.sums import DIMENSIONS, MEASURES, Slice

LOW_BASE = 30  # as cxdash/stats.py
MIN_EFF_BASE = 2.0  # below it: no interval (t has no df), no test
ALPHA = 0.05
Z = float(ndtri(1 - ALPHA / 2))
# why a value or a pair is not tested: no other group to compare with; an effective base below
# 2; two groups without spread whose values differ (every answer the same in each)
REASONS = ("no_comparison", "small_base", "no_variance")


def estimates(s: pd.DataFrame, kind: str) -> pd.DataFrame:
    """One row per group x option: value (percent for a share, the question's unit for a mean),
    se and ci_low/ci_high in the same unit, base_n (unweighted), eff_base, low_base."""
    measure = MEASURES[kind]
    w, w2, wy, w2y, w2y2, n_all = (
        s[c].to_numpy(float)
        for c in ("sum_w", "sum_w2", "sum_wy", "sum_w2y", "sum_w2y2", "design_n")
    )
    m = wy / w
    spread = np.maximum(w2y2 - 2 * m * w2y + m * m * w2, 0.0)
    eff = w**2 / w2
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.where(n_all > 1, np.sqrt(n_all / (n_all - 1) * spread) / w, np.nan)
        if measure == "share":
            low, high = wilson(m, eff)
        else:
            half = stdtrit(np.maximum(eff - 1, 1.0), 1 - ALPHA / 2) * se
            low, high = m - half, m + half
    scale = 100.0 if measure == "share" else 1.0
    ok = eff >= MIN_EFF_BASE
    return pd.DataFrame(  # one frame made at once: a few rows, where each column's step costs
        {c: s[c].array for c in (*DIMENSIONS, "option_code")}
        | {
            "measure": measure,
            "value": scale * m,
            "se": scale * se,
            "ci_low": np.where(ok, scale * low, np.nan),
            "ci_high": np.where(ok, scale * high, np.nan),
            "base_n": s["n"].to_numpy("int64"),
            "eff_base": eff,
            "sum_w": w,
            "low_base": eff < LOW_BASE,
        }
    )


def wilson(p: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """95% Wilson score interval of proportion p on a (possibly fractional) base n."""
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = 1 + Z * Z / n
        centre = (p + Z * Z / (2 * n)) / denom
        half = Z / denom * np.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return centre - half, centre + half


def holm(p: np.ndarray) -> np.ndarray:
    """Holm-adjusted p-values of one family."""
    p = np.asarray(p, dtype=float)
    order = np.argsort(p, kind="stable")
    steps = (len(p) - np.arange(len(p))) * p[order]
    adjusted = np.empty_like(p)
    adjusted[order] = np.minimum(np.maximum.accumulate(steps), 1.0)
    return adjusted


PAIR_COLUMNS = [
    "dimension", "option_code", "id_a", "id_b", "letter_a", "letter_b", "value_a", "value_b",
    "eff_base_a", "eff_base_b", "statistic", "p", "p_holm", "family_size", "significant",
    "test_status", "test_reason",
]  # fmt: skip


def pairwise(est: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """Every pair of rows of `estimates` (ids: row positions) with the same option whose groups
    differ in exactly one dimension of `by`: statistic, p, Holm within that dimension, status."""
    groups = _groups(est, by)
    options = est["option_code"].tolist()
    dims, ids_a, ids_b = [], [], []
    for k, dim in enumerate(by):
        families: dict[tuple, list[int]] = {}
        for i, g in enumerate(groups):
            families.setdefault((options[i], g[:k] + g[k + 1 :]), []).append(i)
        for a, b in (pair for ids in families.values() for pair in combinations(ids, 2)):
            dims.append(dim), ids_a.append(a), ids_b.append(b)
    a, b = np.array(ids_a, dtype=int), np.array(ids_b, dtype=int)
    value, eff, se = (est[c].to_numpy(float) for c in ("value", "eff_base", "se"))
    measure = est["measure"].iloc[0] if len(est) else "share"
    stat, p, reason = _tests(measure, value[a], value[b], eff[a], eff[b], se[a], se[b])
    p_holm, family = np.full(len(a), np.nan), np.zeros(len(a), dtype=int)
    for dim in by:
        idx = np.flatnonzero((np.array(dims, dtype=object) == dim) & ~np.isnan(p))
        p_holm[idx], family[idx] = holm(p[idx]), len(idx)
    tested, letters = ~np.isnan(p_holm), _letters(groups)
    hit = tested & (p_holm < ALPHA)
    columns = {
        "dimension": dims,
        "option_code": pd.Series([options[i] for i in ids_a], dtype=object),
        "id_a": a,
        "id_b": b,
        "letter_a": [letters[i] for i in ids_a],
        "letter_b": [letters[i] for i in ids_b],
        "value_a": value[a],
        "value_b": value[b],
        "eff_base_a": eff[a],
        "eff_base_b": eff[b],
        "statistic": stat,
        "p": p,
        "p_holm": p_holm,
        "family_size": family,
        "significant": pd.Series(
            [bool(h) if x else None for h, x in zip(hit, tested)], dtype=object
        ),
        "test_status": np.where(
            tested, np.where(hit, "significant", "not_significant"), "not_tested"
        ),
        "test_reason": pd.Series(reason, dtype=object),
    }
    return pd.DataFrame(columns, columns=PAIR_COLUMNS)


def _tests(measure: str, x1, x2, e1, e2, se1, se2) -> tuple:
    """Statistic, two-sided p and untested reason (None when tested) of each pair: values x,
    effective bases e and standard errors se of its two sides (numpy arrays)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "share":
            pooled = (x1 * e1 + x2 * e2) / (e1 + e2) / 100
            spread = pooled * (1 - pooled) * (1 / e1 + 1 / e2)
            stat = (x1 - x2) / 100 / np.sqrt(spread)
            pvalue = 2 * ndtr(-np.abs(stat))
        else:
            v1, v2 = se1**2, se2**2
            spread = v1 + v2
            stat = (x1 - x2) / np.sqrt(spread)
            df = spread**2 / (v1**2 / (e1 - 1) + v2**2 / (e2 - 1))
            pvalue = 2 * stdtr(df, -np.abs(stat))
    same = x1 == x2  # equal values (two shares of 0): not significantly different, p = 1
    small = (e1 < MIN_EFF_BASE) | (e2 < MIN_EFF_BASE)
    flat = ~same & ~(spread > 0)
    reason = ["small_base" if s else "no_variance" if f else None for s, f in zip(small, flat)]
    untested = small | flat
    stat = np.where(untested, np.nan, np.where(same, 0.0, stat))
    return stat, np.where(untested, np.nan, np.where(same, 1.0, pvalue)), reason


def _groups(est: pd.DataFrame, by: tuple[str, ...]) -> list[tuple]:
    return list(zip(*(est[d].tolist() for d in by))) if by else [()] * len(est)


def _letters(groups: list[tuple]) -> list[str]:
    """Each group its letter (A, B, ..., Z, AA, ...) in the order the groups first appear."""
    codes: dict[tuple, str] = {}
    for g in groups:
        codes.setdefault(g, _letter(len(codes)))
    return [codes[g] for g in groups]


def _letter(i: int) -> str:
    return _letter(i // 26 - 1) + chr(65 + i % 26) if i >= 26 else chr(65 + i)


def with_tests(est: pd.DataFrame, pairs: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """`estimates` plus letter, letters (of the groups each value is significantly higher
    than), significant, test_status and test_reason (as cxdash/stats.py's value_status)."""
    higher: list[list[str]] = [[] for _ in range(len(est))]
    mine: list[list[tuple]] = [[] for _ in range(len(est))]
    columns = ("test_status", "test_reason", "id_a", "id_b", "letter_a", "letter_b")
    for status, reason, a, b, letter_a, letter_b, value_a, value_b in zip(
        *(pairs[c].tolist() for c in (*columns, "value_a", "value_b"))
    ):
        if status == "significant":
            hi, lo = (a, letter_b) if value_a > value_b else (b, letter_a)
            higher[hi].append(lo)
        mine[a].append((status, reason))
        mine[b].append((status, reason))
    status = [_status(m, e) for m, e in zip(mine, est["eff_base"].tolist())]
    significant = [None if s == "not_tested" else s == "significant" for s, _ in status]
    return pd.DataFrame(  # one frame made at once (see `estimates`)
        {c: est[c].array for c in est.columns}
        | {
            "letter": _letters(_groups(est, by)),
            "letters": ["".join(sorted(x, key=lambda c: (len(c), c))) for x in higher],
            "test_status": [s for s, _ in status],
            "test_reason": pd.Series([r for _, r in status], dtype=object),
            "significant": pd.Series(significant, dtype=object),
        }
    )


def _status(mine: list[tuple], eff: float) -> tuple[str, str | None]:
    if eff < MIN_EFF_BASE:
        return "not_tested", "small_base"
    if not mine:
        return "not_tested", "no_comparison"
    if any(s == "significant" for s, _ in mine):
        return "significant", None
    if all(s == "not_significant" for s, _ in mine):
        return "not_significant", None
    return "not_tested", next(r for s, r in mine if s == "not_tested")


def crosstab(
    con, kind: str, question_id: str, where: Slice | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(values, pairs) of a question over a slice: the whole path from SQL sums to letters."""
    where = where or Slice()
    return table(sums.query(con, kind, question_id, where), kind, where.by)


def table(s: pd.DataFrame, kind: str, by: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(values, pairs) from sums grouped by `by` (cxdash/respondents/sums.py)."""
    est = estimates(s, kind)
    pairs = pairwise(est, by)
    return with_tests(est, pairs, by), pairs
