"""Intervals and tests for published percentages, from statsmodels (no hand-written formulas),
computed once at build time into the database (`build_tables`); the app never imports this.

A percentage only gets an interval or a test when the document prints its base N; where it
does not, the answer is "not testable: base not published" — a base is never assumed.
Averages (hours, minutes, "% of issues resolved", budget shares, counts) get neither.
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


def compared_dimension(df: pd.DataFrame) -> str | None:
    """The dimension a figure compares groups along (tiers, countries, HK groups, years)."""
    for dim in COMPARE_DIMS:
        if df[dim].nunique(dropna=True) > 1:
            return dim
    return None


def pairwise(df: pd.DataFrame) -> pd.DataFrame:
    """Two-proportion z-tests between every pair of groups along the compared dimension,
    holding every other dimension (answer, year, ...) fixed, where both bases are printed;
    Holm-adjusted within the figure. One row per pair; untestable pairs have p = NaN."""
    dim = compared_dimension(df)
    columns = [
        "dimension",
        "option_en",
        "a",
        "b",
        "value_a",
        "value_b",
        "base_a",
        "base_b",
        "p",
        "p_holm",
        "significant",
        "id_a",
        "id_b",
    ]
    if dim is None:
        return pd.DataFrame(columns=columns)
    df = df[df["measure"] == "share"]  # averages get no proportion test
    held = [d for d in ("year", "tier", "country", "channel", "respondent_group") if d != dim]
    # str() of each cell: pandas 3 keeps NA through astype(str), which "|".join refuses
    keys = ["|".join(map(str, row)) for row in df[[*held, "option_en"]].itertuples(index=False)]
    rows = []
    for _, group in df.groupby(keys, sort=False):
        items = group.to_dict("records")
        for i, x in enumerate(items):
            for y in items[i + 1 :]:
                rows.append(_pair(dim, x, y))
    out = pd.DataFrame(rows, columns=columns)
    tested = out["p"].notna()
    if tested.any():
        out.loc[tested, "p_holm"] = adjust(out.loc[tested, "p"].tolist())
        out.loc[tested, "significant"] = out.loc[tested, "p_holm"] < ALPHA
    return out


def _pair(dim: str, x: dict, y: dict) -> list:
    ok = testable(x["measure"], x["base_n"]) and testable(y["measure"], y["base_n"])
    p = (
        two_proportion_p(x["value"], int(x["base_n"]), y["value"], int(y["base_n"]))
        if ok
        else np.nan
    )
    option = x["option_en"] if isinstance(x["option_en"], str) else ""
    return [
        dim,
        option,
        x[dim],
        y[dim],
        x["value"],
        y["value"],
        x["base_n"],
        y["base_n"],
        p,
        np.nan,
        False,
        x["value_id"],
        y["value_id"],
    ]


def significant_values(df: pd.DataFrame) -> set[str]:
    """value_ids that differ significantly from at least one other group's value."""
    tests = pairwise(df)
    hits = tests[tests["significant"].astype(bool)]
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
        hits = tests[tests["significant"].astype(bool)]
        significant = set(hits["id_a"]) | set(hits["id_b"])
        for row in with_intervals(fig).itertuples(index=False):
            stats_rows.append(
                (
                    row.value_id,
                    _num(row.ci_low),
                    _num(row.ci_high),
                    bool(row.low_base),
                    row.value_id in significant,
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
                    bool(r.significant),
                    int(r.family),
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
