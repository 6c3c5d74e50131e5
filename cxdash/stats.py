"""Intervals and tests for published percentages, from statsmodels (no hand-written formulas),
computed once at build time into the database (`build_tables`); the app never imports this.

A percentage only gets an interval or a test when the document prints its base N; where it
does not, the answer is "not tested: base not published" — a base is never assumed.
Averages (hours, minutes, "% of issues resolved", budget shares, counts) get neither.

Every comparison and every value carries a three-valued test status (`STATUSES`):
significant, not_significant, or not_tested with its reason (`REASONS`). An untested
comparison is never stored as "not significant": its `significant` is NULL.
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


COMPARE_DIMS = ("tier", "country", "respondent_group", "year")
STATUSES = ("significant", "not_significant", "not_tested")
# why a comparison (or a value) was not tested: between averages, whose spread no document
# prints; a share whose base is not printed; a value of another kind (a difference, a
# count, a benchmark band); a value with no other group to compare with in its figure
REASONS = ("mean", "no_base", "not_share", "no_comparison")


def compared_dimension(df: pd.DataFrame) -> str | None:
    """The dimension a figure compares groups along (tiers, countries, HK groups, years)."""
    for dim in COMPARE_DIMS:
        if df[dim].nunique(dropna=True) > 1:
            return dim
    return None


PAIR_COLUMNS = [
    "dimension", "option_en", "a", "b", "value_a", "value_b", "base_a", "base_b", "p",
    "p_holm", "significant", "status", "reason", "id_a", "id_b",
]  # fmt: skip


def pairwise(df: pd.DataFrame) -> pd.DataFrame:
    """Every pair of groups along the compared dimension, holding every other dimension
    (answer, year, ...) fixed: a two-proportion z-test where both are shares with a printed
    base, Holm-adjusted within the figure; otherwise not tested, with the reason (p and
    significant empty). One row per pair."""
    dim = compared_dimension(df)
    if dim is None:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    held = [d for d in ("year", "tier", "country", "channel", "respondent_group") if d != dim]
    # str() of each cell: pandas 3 keeps NA through astype(str), which "|".join refuses
    keys = ["|".join(map(str, row)) for row in df[[*held, "option_en"]].itertuples(index=False)]
    rows = []
    for _, group in df.groupby(keys, sort=False):
        items = group.to_dict("records")
        for i, x in enumerate(items):
            for y in items[i + 1 :]:
                rows.append(_pair(dim, x, y))
    out = pd.DataFrame(rows, columns=PAIR_COLUMNS).astype({"significant": object})
    tested = out["p"].notna()
    if tested.any():
        out.loc[tested, "p_holm"] = adjust(out.loc[tested, "p"].tolist())
        hits = out.loc[tested, "p_holm"] < ALPHA
        out.loc[tested, "significant"] = hits.astype(object)
        out.loc[tested, "status"] = hits.map({True: "significant", False: "not_significant"})
    return out


def untested_reason(x: dict, y: dict) -> str | None:
    """Why two values cannot be compared by a proportion test, or None when they can."""
    measures = {x["measure"], y["measure"]}
    if "mean" in measures:
        return "mean"
    if measures != {"share"}:
        return "not_share"
    if not (testable(x["measure"], x["base_n"]) and testable(y["measure"], y["base_n"])):
        return "no_base"
    return None


def _pair(dim: str, x: dict, y: dict) -> list:
    reason = untested_reason(x, y)
    p = (
        np.nan
        if reason
        else two_proportion_p(x["value"], int(x["base_n"]), y["value"], int(y["base_n"]))
    )
    option = x["option_en"] if isinstance(x["option_en"], str) else ""
    return [
        dim, option, x[dim], y[dim], x["value"], y["value"], x["base_n"], y["base_n"], p,
        np.nan, None, "not_tested" if reason else None, reason, x["value_id"], y["value_id"],
    ]  # fmt: skip


def value_status(value_ids: list[str], tests: pd.DataFrame) -> dict[str, tuple[str, str | None]]:
    """value_id -> (status, reason): significant when it differs significantly from at least
    one other group; not significant when every comparison it is in was tested and none
    was; otherwise not tested, with the reason of its first untested comparison (or
    no_comparison when its figure has no other group to compare it with)."""
    out = {}
    for vid in value_ids:
        mine = tests[(tests["id_a"] == vid) | (tests["id_b"] == vid)]
        if mine.empty:
            out[vid] = ("not_tested", "no_comparison")
        elif (mine["status"] == "significant").any():
            out[vid] = ("significant", None)
        elif (mine["status"] == "not_significant").all():
            out[vid] = ("not_significant", None)
        else:
            out[vid] = ("not_tested", str(mine["reason"].dropna().iloc[0]))
    return out


def significant_values(df: pd.DataFrame) -> set[str]:
    """value_ids that differ significantly from at least one other group's value."""
    tests = pairwise(df)
    hits = tests[tests["status"] == "significant"]
    return set(hits["id_a"]) | set(hits["id_b"])


_VALUES = """
    select v.value_id, v.figure_id, f.measure, v.value, v.base_n, v.year, v.tier, v.country,
        v.channel, v.respondent_group, v.option_en
    from published_values as v
    join figures as f using (figure_id)
    order by v.rowid
"""


def build_tables(con, yoy_sql: str) -> None:
    """Fill value_stats, pairwise_tests, yoy_tests and margins from the loaded values.

    A test family is a figure × the dimension it compares, decided on all its values, so a
    result never changes with what a filter happens to show."""
    values = con.execute(_VALUES).df()
    stats_rows, test_frames = [], []
    for figure_id, fig in values.groupby("figure_id", sort=False):
        tests = pairwise(fig)
        if not tests.empty:
            test_frames.append(
                tests.assign(figure_id=figure_id, family=int(tests["p"].notna().sum()))
            )
        status = value_status(list(fig["value_id"]), tests)
        for row in with_intervals(fig).itertuples(index=False):
            state, reason = status[row.value_id]
            stats_rows.append(
                (
                    row.value_id,
                    _num(row.ci_low),
                    _num(row.ci_high),
                    bool(row.low_base),
                    None if state == "not_tested" else state == "significant",
                    state,
                    reason,
                )
            )
    _insert(con, "value_stats", stats_rows)
    if test_frames:
        tests = pd.concat(test_frames, ignore_index=True)
        _insert(
            con,
            "pairwise_tests",
            [
                (
                    r.figure_id,
                    r.dimension,
                    r.option_en or None,
                    r.id_a,
                    r.id_b,
                    _num(r.p),
                    _num(r.p_holm),
                    None if r.status == "not_tested" else r.status == "significant",
                    int(r.family),
                    r.status,
                    r.reason if isinstance(r.reason, str) else None,
                )
                for r in tests.itertuples(index=False)
            ],
        )
    pairs = con.execute(yoy_sql, {"tiers": [], "countries": []}).df()
    _insert(
        con,
        "yoy_tests",
        [
            (
                r.value_id_from,
                r.value_id_to,
                two_proportion_p(r.value_from, int(r.base_n_from), r.value_to, int(r.base_n_to)),
            )
            for r in pairs.itertuples(index=False)
            if testable(r.measure, r.base_n_from) and testable(r.measure, r.base_n_to)
        ],
    )
    sizes = con.execute(
        "select sample_n from surveys where sample_n is not null union "
        "select base_n from respondent_groups where base_n is not null union "
        "select base_n from published_values where base_n is not null"
    ).fetchall()
    _insert(con, "margins", [(int(n), margin_of_error(int(n))) for (n,) in sizes])


def _insert(con, table: str, rows: list[tuple]) -> None:
    if rows:  # the table names are this module's constants, never input
        marks = ", ".join("?" * len(rows[0]))
        con.executemany(f"insert into {table} values ({marks})", rows)


def _num(x: object) -> float | None:
    return None if x is None or pd.isna(x) else float(x)
