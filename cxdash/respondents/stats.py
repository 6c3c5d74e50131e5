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
# a question's kind (data/instruments/questions.csv) -> what its values are
MEASURES = {"single": "share", "likert": "share", "multi": "share", "numeric": "mean"}
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


def sums(con, kind: str, question_id: str, where: Slice = Slice()) -> pd.DataFrame:
    """The sums of a question of `kind` over a slice, from a connection with views
    `respondents` and `answers` (cxdash/respondents/store.py opens one per dataset)."""
    params = where.params(question_id)
    if MEASURES[kind] == "share":
        name, params["multiple"] = "crosstab_shares", kind == "multi"
    else:
        name = "crosstab_means"
    sql = (QUERIES_DIR / "respondents" / f"{name}.sql").read_text(encoding="utf-8")
    with con.cursor() as cur:
        out = cur.execute(sql, params).df()
    if "option_code" not in out:
        out.insert(len(DIMENSIONS), "option_code", pd.Series([None] * len(out), dtype=object))
    if "sum_w2y2" not in out:  # a share's y is 0/1: y² = y
        out["sum_w2y2"] = out["sum_w2y"]
    return out


def merge(parts: list[pd.DataFrame], kind: str, design_n: int | None = None) -> pd.DataFrame:
    """The sums of the union of disjoint partitions of respondents, grouped as they are.
    design_n adds each partition's once; pass it when a partition has respondents but none
    in the slice (its sums are empty)."""
    full = [p for p in parts if not p.empty]
    if not full:
        raise ValueError("no sums to merge")
    total = design_n or sum(int(p["design_n"].iloc[0]) for p in full)
    return _combine(full, kind, DIMENSIONS, total)


def cube(con, kind: str, question_id: str, answers: tuple = ()) -> pd.DataFrame:
    """The sums at the finest grain (every dimension), for `rollup` to slice without SQL:
    worth caching per dataset, question and answer filter (`Slice.answers`)."""
    return sums(con, kind, question_id, Slice(by=DIMENSIONS, answers=answers))


def rollup(cells: pd.DataFrame, kind: str, where: Slice) -> pd.DataFrame:
    """The sums of a slice (its dimension filters and grouping; its answer filter is the
    cube's) from a `cube`: equal to `sums` with that slice, since sums add."""
    keep = pd.Series(True, index=cells.index)
    for dim, chosen in zip(DIMENSIONS, (where.years, where.countries, where.tiers, where.groups)):
        if chosen:
            keep &= cells[dim].isin(chosen)
    if not keep.any():
        return cells.iloc[:0]
    return _combine([cells[keep]], kind, where.by, int(cells["design_n"].iloc[0]))


def _combine(parts: list[pd.DataFrame], kind: str, by: tuple, design_n: int) -> pd.DataFrame:
    """Add sums of disjoint respondents into groups of `by`. A single choice's base is its
    cell's answerers, the same on each option row of a part, so it adds once per cell and the
    choices per option (an option missing from a cell adds zero); a multiple choice's base is
    per option."""
    keys = [*DIMENSIONS, "option_code"]
    null = "\0null"  # pandas drops or retypes null group keys; a sentinel keeps them exact
    cell = keys if kind == "multi" else list(DIMENSIONS)
    full = [p.astype({k: object for k in keys}).fillna({k: null for k in keys}) for p in parts]
    base = pd.concat([p.drop_duplicates(cell) for p in full])
    picked = pd.concat(full)
    for frame in (base, picked):  # a dimension not grouped by is null, as in the SQL
        frame[[d for d in DIMENSIONS if d not in by]] = null
    base = base.groupby(cell)[list(BASE_SUMS)].sum().reset_index()
    picked = picked.groupby(keys)[list(Y_SUMS)].sum().reset_index()
    if kind != "multi":
        base = base.merge(picked[["option_code"]].drop_duplicates(), how="cross")
    out = base.merge(picked, on=keys, how="left")
    out[list(Y_SUMS)] = out[list(Y_SUMS)].fillna(0.0)
    out["design_n"] = design_n
    for k in keys:
        col = out[k].astype(object)
        out[k] = col.where(col != null, None)
    kept = [*by, "option_code", *BASE_SUMS]  # the dtypes DuckDB gave (an all-null one: object)
    dtypes = {c: parts[0][c].dtype for c in kept if parts[0][c].dtype != object}
    return out.astype(dtypes).sort_values(keys, ignore_index=True)


def estimates(s: pd.DataFrame, kind: str) -> pd.DataFrame:
    """One row per group x option: value (percent for a share, the question's unit for a mean),
    se and ci_low/ci_high in the same unit, base_n (unweighted), eff_base, low_base."""
    measure = MEASURES[kind]
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
    """Every pair of rows of `estimates` (ids: row positions) with the same option whose groups
    differ in exactly one dimension of `by`: statistic, p, Holm within that dimension, status."""
    groups = list(zip(*(est[d] for d in by))) if by else [()] * len(est)
    options = list(est["option_code"])
    rows = []
    for k, dim in enumerate(by):
        families: dict[tuple, list[int]] = {}
        for i, g in enumerate(groups):
            families.setdefault((options[i], g[:k] + g[k + 1 :]), []).append(i)
        rows += [(dim, a, b) for ids in families.values() for a, b in combinations(ids, 2)]
    pairs = pd.DataFrame(rows, columns=["dimension", "id_a", "id_b"]).astype({"id_a": int})
    a, b = pairs["id_a"].to_numpy(int), pairs["id_b"].to_numpy(int)
    letters = _letters(groups)
    pairs["option_code"] = pd.Series([options[i] for i in a], dtype=object)
    for side, ids in (("a", a), ("b", b)):
        pairs[f"letter_{side}"] = [letters[i] for i in ids]
        pairs[f"value_{side}"] = est["value"].to_numpy(float)[ids]
        pairs[f"eff_base_{side}"] = est["eff_base"].to_numpy(float)[ids]
    measure = est["measure"].iloc[0] if len(est) else "share"
    se = est["se"].to_numpy(float)
    stat, p, reason = _tests(measure, pairs, se[a], se[b])
    pairs["statistic"], pairs["p"] = stat, p
    pairs["test_reason"] = pd.Series(reason, dtype=object)
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


def _tests(measure: str, pairs: pd.DataFrame, se1: np.ndarray, se2: np.ndarray) -> tuple:
    """Statistic, two-sided p and untested reason (None when tested) of each pair."""
    x1, x2 = pairs["value_a"].to_numpy(float), pairs["value_b"].to_numpy(float)
    e1, e2 = pairs["eff_base_a"].to_numpy(float), pairs["eff_base_b"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "share":
            pooled = (x1 * e1 + x2 * e2) / (e1 + e2) / 100
            spread = pooled * (1 - pooled) * (1 / e1 + 1 / e2)
            stat = (x1 - x2) / 100 / np.sqrt(spread)
            pvalue = 2 * norm.sf(np.abs(stat))
        else:
            v1, v2 = se1**2, se2**2
            spread = v1 + v2
            stat = (x1 - x2) / np.sqrt(spread)
            df = spread**2 / (v1**2 / (e1 - 1) + v2**2 / (e2 - 1))
            pvalue = 2 * t.sf(np.abs(stat), df)
    same = x1 == x2  # equal values (two shares of 0): not significantly different, p = 1
    small = (e1 < MIN_EFF_BASE) | (e2 < MIN_EFF_BASE)
    flat = ~same & ~(spread > 0)
    reason = ["small_base" if s else "no_variance" if f else None for s, f in zip(small, flat)]
    untested = small | flat
    stat = np.where(untested, np.nan, np.where(same, 0.0, stat))
    return stat, np.where(untested, np.nan, np.where(same, 1.0, pvalue)), reason


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
    out = est.reset_index(drop=True)
    out["letter"] = _letters(list(zip(*(out[d] for d in by))) if by else [()] * len(out))
    higher: list[list[str]] = [[] for _ in range(len(out))]
    mine: list[list[tuple]] = [[] for _ in range(len(out))]
    for r in pairs.itertuples(index=False):
        if r.test_status == "significant":
            hi, lo = (r.id_a, r.letter_b) if r.value_a > r.value_b else (r.id_b, r.letter_a)
            higher[hi].append(lo)
        mine[r.id_a].append((r.test_status, r.test_reason))
        mine[r.id_b].append((r.test_status, r.test_reason))
    out["letters"] = ["".join(sorted(x, key=lambda c: (len(c), c))) for x in higher]
    status = [_status(m, e) for m, e in zip(mine, out["eff_base"])]
    out["test_status"] = [s for s, _ in status]
    out["test_reason"] = pd.Series([r for _, r in status], dtype=object)
    significant = [None if s == "not_tested" else s == "significant" for s, _ in status]
    out["significant"] = pd.Series(significant, dtype=object)
    return out


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
    con, kind: str, question_id: str, where: Slice = Slice()
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(values, pairs) of a question over a slice: the whole path from SQL sums to letters."""
    return table(sums(con, kind, question_id, where), kind, where.by)


def table(s: pd.DataFrame, kind: str, by: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(values, pairs) from sums grouped by `by` (of `sums`, `merge` or `rollup`)."""
    est = estimates(s, kind)
    pairs = pairwise(est, by)
    return with_tests(est, pairs, by), pairs
