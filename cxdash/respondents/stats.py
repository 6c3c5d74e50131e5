"""Weighted estimates, intervals, tests and significance letters for respondent data.

Statistics are sums until the last step: queries/respondents/crosstab_{shares,means}.sql return,
per group x option, n, Σw, Σw², Σw·y, Σw²·y (and Σw²·y² for means) and the dataset size;
`merge` adds the sums of partitions exactly; `estimates` turns the small result into values.

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

scipy only: the app imports this at request time and never imports statsmodels (cxdash/stats.py,
the build's, does); tests check `wilson` and `holm` against its statsmodels helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.stats import norm, t

from cxdash.paths import QUERIES_DIR

DIMENSIONS = ("year", "country", "tier", "respondent_group")
BASE_SUMS = ("n", "sum_w", "sum_w2")  # over a group's respondents who answered
Y_SUMS = ("sum_wy", "sum_w2y", "sum_w2y2")  # over the same, times the answer y
MEASURES = {"share": "crosstab_shares", "mean": "crosstab_means"}
LOW_BASE = 30  # as cxdash/stats.py
MIN_EFF_BASE = 2.0  # below it: no interval (t has no df), no test
ALPHA = 0.05
Z = float(norm.ppf(1 - ALPHA / 2))
# why a value or a pair is not tested: no other group to compare with; an effective base below
# 2; two groups without spread whose values differ (every answer the same in each)
REASONS = ("no_comparison", "small_base", "no_variance")


@dataclass(frozen=True)
class Slice:
    """Which respondents, grouped how. Empty tuples mean all. `answers` holds (question_id,
    option codes) pairs: a respondent must have chosen one of the options of every question
    listed ("has practice 3", "answered Excellent on visibility"). Hashable, for caches."""

    by: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    countries: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    answers: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def params(self, question_id: str) -> dict:
        unknown = set(self.by) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"cannot group by {sorted(unknown)}: one of {DIMENSIONS}")
        pairs = [(q, o) for q, opts in self.answers for o in opts]
        return {
            "question_id": question_id,
            "by": list(self.by),
            "years": [int(y) for y in self.years],
            "countries": list(self.countries),
            "tiers": list(self.tiers),
            "groups": list(self.groups),
            "filter_questions": [q for q, _ in pairs],
            "filter_options": [o for _, o in pairs],
        }


def sums(con, measure: str, question_id: str, where: Slice = Slice()) -> pd.DataFrame:
    """The sums of a question over a slice, from a connection with views `respondents` and
    `answers` (cxdash/respondents/store.py opens one per dataset)."""
    sql = (QUERIES_DIR / "respondents" / f"{MEASURES[measure]}.sql").read_text(encoding="utf-8")
    with con.cursor() as cur:
        out = cur.execute(sql, where.params(question_id)).df()
    if "option_code" not in out:
        out.insert(len(DIMENSIONS), "option_code", pd.Series([None] * len(out), dtype=object))
    if "sum_w2y2" not in out:  # a share's y is 0/1: y² = y
        out["sum_w2y2"] = out["sum_w2y"]
    return out


def merge(parts: list[pd.DataFrame], design_n: int | None = None) -> pd.DataFrame:
    """The sums of the union of disjoint partitions of respondents. The base of a group is the
    same on every option row of a partition, so bases add per group and answers per option (an
    option missing from one partition adds zero). design_n adds each partition's once; pass it
    when a partition has respondents but none in the slice (its sums are empty)."""
    full = [p for p in parts if not p.empty]
    if not full:
        raise ValueError("no sums to merge")
    dims, keys = list(DIMENSIONS), [*DIMENSIONS, "option_code"]
    null = "\0null"  # pandas drops or retypes null group keys; a sentinel keeps them exact
    full = [p.astype({k: object for k in keys}).fillna({k: null for k in keys}) for p in full]
    base = pd.concat([p.drop_duplicates(dims) for p in full]).groupby(dims)[list(BASE_SUMS)].sum()
    picked = pd.concat(full).groupby(keys)[list(Y_SUMS)].sum().reset_index()
    options = pd.concat(full)[["option_code"]].drop_duplicates()
    out = base.reset_index().merge(options, how="cross").merge(picked, on=keys, how="left")
    out[list(Y_SUMS)] = out[list(Y_SUMS)].fillna(0.0)
    out["design_n"] = design_n or sum(int(p["design_n"].iloc[0]) for p in full)
    for k in keys:
        col = out[k].astype(object)
        out[k] = col.where(col != null, None)
    dtypes = {c: parts[0][c].dtype for c in [*keys, *BASE_SUMS] if parts[0][c].dtype != object}
    return out.astype(dtypes).sort_values(keys, ignore_index=True)


def estimates(s: pd.DataFrame, measure: str) -> pd.DataFrame:
    """One row per group x option: value (percent for a share, the question's unit for a mean),
    se and ci_low/ci_high in the same unit, base_n (unweighted), eff_base, low_base."""
    m = s["sum_wy"] / s["sum_w"]
    spread = (s["sum_w2y2"] - 2 * m * s["sum_w2y"] + m * m * s["sum_w2"]).clip(lower=0.0)
    n_all = s["design_n"].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.sqrt(n_all / (n_all - 1) * spread) / s["sum_w"]
    eff = s["sum_w"] ** 2 / s["sum_w2"]
    if measure == "share":
        low, high = wilson(m.to_numpy(), eff.to_numpy())
        scale = 100.0
    else:
        half = t.ppf(1 - ALPHA / 2, np.maximum(eff - 1, 1.0)) * se
        low, high = m - half, m + half
        scale = 1.0
    ok = eff >= MIN_EFF_BASE
    out = s[[*DIMENSIONS, "option_code"]].copy()
    out["measure"] = measure
    out["value"] = scale * m
    out["se"] = scale * se.where(n_all > 1)
    out["ci_low"] = (scale * pd.Series(low, index=s.index)).where(ok)
    out["ci_high"] = (scale * pd.Series(high, index=s.index)).where(ok)
    out["base_n"] = s["n"].astype("int64")
    out["eff_base"] = eff
    out["sum_w"] = s["sum_w"]
    out["low_base"] = eff < LOW_BASE
    return out


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
    """Every pair of groups of `estimates` (ids: its index) with the same option whose groups
    differ in exactly one dimension of `by`: statistic, p, Holm within that dimension, status."""
    rows = []
    for dim in by:
        held = ["option_code", *(d for d in by if d != dim)]
        for _, family in est.groupby(held, dropna=False, sort=False):
            rows += [(dim, a, b) for a, b in combinations(family.index, 2)]
    pairs = pd.DataFrame(rows, columns=["dimension", "id_a", "id_b"])
    a, b = est.loc[pairs["id_a"]].reset_index(), est.loc[pairs["id_b"]].reset_index()
    pairs["option_code"] = a["option_code"]
    for side, frame in (("a", a), ("b", b)):
        pairs[f"value_{side}"] = frame["value"]
        pairs[f"eff_base_{side}"] = frame["eff_base"]
        pairs[f"letter_{side}"] = _letters(est, by).loc[pairs[f"id_{side}"]].to_numpy()
    stat, p, reason = _tests(est["measure"].iloc[0] if len(est) else "share", a, b)
    pairs["statistic"], pairs["p"] = stat, p
    pairs["test_reason"] = pd.Series(list(reason), index=pairs.index, dtype=object)
    pairs["p_holm"], pairs["family_size"] = np.nan, 0
    for _, idx in pairs[pairs["p"].notna()].groupby("dimension").groups.items():
        pairs.loc[idx, "p_holm"] = holm(pairs.loc[idx, "p"].to_numpy())
        pairs.loc[idx, "family_size"] = len(idx)
    tested = pairs["p_holm"].notna()
    hit = pairs["p_holm"] < ALPHA
    pairs["significant"] = hit.astype(object).where(tested, None)
    pairs["test_status"] = np.where(
        tested, np.where(hit, "significant", "not_significant"), "not_tested"
    )
    return pairs[PAIR_COLUMNS]


def _tests(measure: str, a: pd.DataFrame, b: pd.DataFrame) -> tuple:
    """Statistic, two-sided p and untested reason for each pair (rows of a against b)."""
    e1, e2 = a["eff_base"].to_numpy(float), b["eff_base"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "share":
            p1, p2 = a["value"].to_numpy(float) / 100, b["value"].to_numpy(float) / 100
            pooled = (p1 * e1 + p2 * e2) / (e1 + e2)
            spread = pooled * (1 - pooled) * (1 / e1 + 1 / e2)
            stat = (p1 - p2) / np.sqrt(spread)
            pvalue = 2 * norm.sf(np.abs(stat))
        else:
            v1, v2 = a["se"].to_numpy(float) ** 2, b["se"].to_numpy(float) ** 2
            spread = v1 + v2
            stat = (a["value"].to_numpy(float) - b["value"].to_numpy(float)) / np.sqrt(spread)
            df = spread**2 / (v1**2 / (e1 - 1) + v2**2 / (e2 - 1))
            pvalue = 2 * t.sf(np.abs(stat), df)
    same = a["value"].to_numpy(float) == b["value"].to_numpy(float)
    small = (e1 < MIN_EFF_BASE) | (e2 < MIN_EFF_BASE)
    flat = ~same & ~(spread > 0)
    reason = np.where(small, "small_base", np.where(flat, "no_variance", None))
    pvalue = np.where(same, 1.0, pvalue)
    stat = np.where(same, 0.0, stat)
    untested = reason != None  # noqa: E711 (elementwise)
    return np.where(untested, np.nan, stat), np.where(untested, np.nan, pvalue), reason


def _letters(est: pd.DataFrame, by: tuple[str, ...]) -> pd.Series:
    """Each group its letter (A, B, ..., Z, AA, ...), in the order of the groups' rows."""
    keys = est[list(by)].astype(str).agg("|".join, axis=1) if by else pd.Series("", est.index)
    codes = {k: _letter(i) for i, k in enumerate(dict.fromkeys(keys))}
    return keys.map(codes)


def _letter(i: int) -> str:
    return _letter(i // 26 - 1) + chr(65 + i % 26) if i >= 26 else chr(65 + i)


def with_tests(est: pd.DataFrame, pairs: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """`estimates` plus letter, letters (of the groups each value is significantly higher
    than), significant, test_status and test_reason (as cxdash/stats.py's value_status)."""
    out = est.copy()
    out["letter"] = _letters(est, by)
    wins = pairs[pairs["test_status"] == "significant"]
    higher = pd.concat(
        [
            wins.loc[wins["value_a"] > wins["value_b"], ["id_a", "letter_b"]].set_axis(
                ["id", "letter"], axis=1
            ),
            wins.loc[wins["value_b"] > wins["value_a"], ["id_b", "letter_a"]].set_axis(
                ["id", "letter"], axis=1
            ),
        ]
    )
    order = {v: i for i, v in enumerate(out["letter"].drop_duplicates())}
    joined = higher.groupby("id")["letter"].agg(lambda s: "".join(sorted(s, key=order.get)))
    out["letters"] = joined.reindex(out.index).fillna("")
    status = [_status(i, out.at[i, "eff_base"], pairs) for i in out.index]
    out["test_status"] = [s for s, _ in status]
    out["test_reason"] = pd.Series([r for _, r in status], index=out.index, dtype=object)
    significant = [None if s == "not_tested" else s == "significant" for s, _ in status]
    out["significant"] = pd.Series(significant, index=out.index, dtype=object)
    return out


def _status(i: int, eff: float, pairs: pd.DataFrame) -> tuple[str, str | None]:
    mine = pairs[(pairs["id_a"] == i) | (pairs["id_b"] == i)]
    if eff < MIN_EFF_BASE:
        return "not_tested", "small_base"
    if mine.empty:
        return "not_tested", "no_comparison"
    if (mine["test_status"] == "significant").any():
        return "significant", None
    if (mine["test_status"] == "not_significant").all():
        return "not_significant", None
    return "not_tested", str(mine["test_reason"].dropna().iloc[0])


def crosstab(
    con, measure: str, question_id: str, where: Slice = Slice()
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(values, pairs) of a question over a slice: the whole path from SQL sums to letters."""
    est = estimates(sums(con, measure, question_id, where), measure)
    pairs = pairwise(est, where.by)
    return with_tests(est, pairs, where.by), pairs
