"""cxdash/respondents/stats.py, sums.py and the queries "crosstab_shares", "crosstab_means"
(queries/respondents/): weighted shares, means and Taylor standard errors checked against `svy`
(an independent survey library, validated against R's `survey`; a test-only dependency) on
FICTIONAL random respondents; exact merging of partitions and roll-ups; Holm and letters on a
hand-computed case; degenerate groups."""

from __future__ import annotations

import math

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pytest
import svy

from cxdash import stats as published
from cxdash.paths import ROOT
from cxdash.respondents import stats, sums
from cxdash.respondents.sums import Slice

COUNTRIES = ["AU", "JP", "SG", "NZ"]  # NZ is rare: a small domain
SINGLE, MULTI, NUMERIC, PRACTICE = "q_single", "q_multi", "q_hours", "q_practice3"


def fictional(seed: int, n: int, dyadic: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """FICTIONAL respondents with uneven weights, and their answers in the contract's shape."""
    rng = np.random.default_rng(seed)
    weights = rng.lognormal(0, 1.0, n) * rng.choice([1, 1, 1, 8], n)
    if dyadic:  # multiples of 1/8: every sum is exact in binary floating point
        weights = np.maximum(np.round(weights * 8), 1) / 8
    resp = pd.DataFrame(
        {
            "respondent_id": [f"r{i:05d}" for i in range(n)],
            "weight": weights,
            "year": rng.choice([2020, 2021], n).astype("int32"),
            "country": rng.choice(COUNTRIES, n, p=[0.45, 0.3, 0.2, 0.05]),
            "respondent_group": rng.choice(["customer", "staff"], n, p=[0.8, 0.2]),
            "practices": rng.integers(0, 8, n),
        }
    )
    resp["tier"] = np.where(resp["practices"] >= 6, "Champion", "Not Champion")
    rows = []
    for i, rid in enumerate(resp["respondent_id"]):
        if rng.random() < 0.9:  # single choice, skewed by tier so groups differ
            p = [0.5, 0.2, 0.15, 0.1, 0.05] if resp["practices"][i] >= 6 else [0.2] * 5
            rows.append((rid, SINGLE, "ABCDE"[rng.choice(5, p=p)], 1.0))
        if rng.random() < 0.8:  # multiple choice: a row per option, 1 chosen / 0 not
            rows += [(rid, MULTI, o, float(rng.random() < q)) for o, q in zip("xyz", [0.6, 0.3, 0])]
        if rng.random() < 0.85:
            rows.append((rid, NUMERIC, None, float(np.round(rng.lognormal(1, 0.7), 2))))
        rows.append((rid, PRACTICE, "yes" if rng.random() < 0.4 else "no", 1.0))
    cols = ["respondent_id", "question_id", "option_code", "value"]
    return resp, pd.DataFrame(rows, columns=cols)


def connect(resp: pd.DataFrame, answers: pd.DataFrame) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create table respondents as select * from resp")
    con.execute("create table answers as select * from answers")
    return con


def svy_sample(resp: pd.DataFrame, answers: pd.DataFrame) -> svy.Sample:
    """One row per respondent: weight, dimensions, an answered_<q> flag and a 0/1 column per
    option (0 where not answered: those rows are outside the domain, kept in the design)."""
    wide = resp.set_index("respondent_id").copy()
    for q, part in answers.groupby("question_id"):
        wide[f"answered_{q}"] = wide.index.isin(part["respondent_id"]).astype(int)
        if q == NUMERIC:
            wide[q] = part.set_index("respondent_id")["value"].reindex(wide.index).fillna(0.0)
            continue
        for o, opt in part.groupby("option_code"):
            chosen = opt.set_index("respondent_id")["value"].reindex(wide.index).fillna(0)
            wide[f"{q}={o}"] = (chosen > 0).astype(float)
    return svy.Sample(pl.from_pandas(wide.reset_index()), svy.Design(wgt="weight"))


def svy_rows(sample, column: str, question: str, by: tuple[str, ...], where) -> pd.DataFrame:
    domain = svy.col(f"answered_{question}") == 1
    if where is not None:
        domain = domain & where
    kw = {"by": list(by)} if by else {}
    return sample.estimation.mean(column, where=domain, **kw).to_polars().to_pandas()


SLICES = [
    Slice(by=("tier",)),
    Slice(by=("country", "tier")),
    Slice(by=("year", "country", "respondent_group")),
    Slice(),
    Slice(by=("tier",), countries=("JP", "NZ"), answers=((PRACTICE, ("yes",)),)),
]


def _svy_where(where: Slice):
    expr = None
    if where.countries:
        expr = svy.col("country").is_in(list(where.countries))
    for q, options in where.answers:
        chose = svy.col(f"{q}={options[0]}") == 1
        expr = chose if expr is None else expr & chose
    return expr


def _match(ours: pd.DataFrame, theirs: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    keyed = ours.dropna(subset=["value"]).copy()
    keyed["key"] = keyed[list(by)].astype(str).agg("|".join, axis=1) if by else ""
    theirs = theirs.copy()
    theirs["key"] = theirs[list(by)].astype(str).agg("|".join, axis=1) if by else ""
    theirs = theirs[["key", "est", "se", "n"]].set_axis(
        ["key", "svy_est", "svy_se", "svy_n"], axis=1
    )
    joined = keyed.merge(theirs, on="key", validate="one_to_one")
    assert len(joined) == len(theirs) > 0
    return joined


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("where", SLICES, ids=lambda s: "+".join(s.by) or "all")
def test_shares_and_standard_errors_equal_svy(seed, where):
    resp, answers = fictional(seed, 600)
    con, sample = connect(resp, answers), svy_sample(resp, answers)
    for kind, question in (("single", SINGLE), ("multi", MULTI)):
        est = stats.estimates(sums.query(con, kind, question, where), kind)
        for option, ours in est.groupby("option_code"):
            theirs = svy_rows(sample, f"{question}={option}", question, where.by, _svy_where(where))
            joined = _match(ours, theirs, where.by)
            assert np.abs(joined["value"] / 100 - joined["svy_est"]).max() < 1e-9
            assert np.abs(joined["se"] / 100 - joined["svy_se"]).max() < 1e-6
            assert (joined["base_n"] == joined["svy_n"]).all()


@pytest.mark.parametrize("seed", [4, 5, 6])
@pytest.mark.parametrize("where", SLICES, ids=lambda s: "+".join(s.by) or "all")
def test_means_and_standard_errors_equal_svy(seed, where):
    resp, answers = fictional(seed, 500)
    con, sample = connect(resp, answers), svy_sample(resp, answers)
    est = stats.estimates(sums.query(con, "numeric", NUMERIC, where), "numeric")
    joined = _match(est, svy_rows(sample, NUMERIC, NUMERIC, where.by, _svy_where(where)), where.by)
    assert np.abs(joined["value"] - joined["svy_est"]).max() < 1e-9
    assert np.abs(joined["se"] - joined["svy_se"]).max() < 1e-6


def test_with_equal_weights_the_t_interval_is_svys():
    """Equal weights make eff_base = n, so the t interval's eff_base - 1 df are svy's domain df
    (n - 1) and the intervals must agree; with uneven weights ours are the wider (fewer df)."""
    resp, answers = fictional(14, 400)
    resp["weight"] = 2.0
    con, sample = connect(resp, answers), svy_sample(resp, answers)
    where = Slice(by=("country",))
    est = stats.estimates(sums.query(con, "numeric", NUMERIC, where), "numeric")
    theirs = (
        sample.estimation.mean(NUMERIC, by="country", where=svy.col(f"answered_{NUMERIC}") == 1)
        .to_polars()
        .to_pandas()
    )
    joined = est.merge(theirs, on="country", validate="one_to_one")
    assert len(joined) == 4 and (joined["eff_base"] == joined["n"]).all()
    assert np.abs(joined["ci_low"] - joined["lci"]).max() < 1e-6
    assert np.abs(joined["ci_high"] - joined["uci"]).max() < 1e-6


def test_a_large_sample_still_equals_svy():
    resp, answers = fictional(7, 5000)
    con, sample = connect(resp, answers), svy_sample(resp, answers)
    where = Slice(by=("country", "tier"))
    est = stats.estimates(sums.query(con, "single", SINGLE, where), "single")
    ours = est[est["option_code"] == "A"]
    joined = _match(ours, svy_rows(sample, f"{SINGLE}=A", SINGLE, where.by, None), where.by)
    assert np.abs(joined["value"] / 100 - joined["svy_est"]).max() < 1e-9
    assert np.abs(joined["se"] / 100 - joined["svy_se"]).max() < 1e-6


def test_the_effective_base_is_kish_and_the_base_is_who_answered():
    resp, answers = fictional(8, 300)
    est = stats.estimates(sums.query(connect(resp, answers), "multi", MULTI), "multi")
    answered = resp[
        resp["respondent_id"].isin(answers.loc[answers["question_id"] == MULTI, "respondent_id"])
    ]
    w = answered["weight"]
    assert set(est["option_code"]) == {"x", "y", "z"}  # an option nobody chose still has a row
    assert (est["base_n"] == len(answered)).all()
    assert est["eff_base"].iloc[0] == pytest.approx(w.sum() ** 2 / (w**2).sum(), rel=1e-12)
    assert est.loc[est["option_code"] == "z", "value"].item() == 0.0


@pytest.mark.parametrize(
    "kind,question", [("single", SINGLE), ("multi", MULTI), ("numeric", NUMERIC)]
)
def test_sums_of_two_halves_merge_exactly(kind, question):
    resp, answers = fictional(9, 800, dyadic=True)
    where = Slice(by=("country", "tier"), answers=((PRACTICE, ("yes",)),))
    whole = sums.query(connect(resp, answers), kind, question, where)
    halves = []
    for half in (resp.index % 2 == 0, resp.index % 2 == 1):
        part = resp[half]
        halves.append(
            sums.query(
                connect(part, answers[answers["respondent_id"].isin(part["respondent_id"])]),
                kind,
                question,
                where,
            )
        )
    merged = sums.merge(halves, kind)
    keys = [*sums.DIMENSIONS, "option_code"]
    cols = [*keys, *sums.BASE_SUMS, *sums.Y_SUMS, "design_n"]
    a = whole[cols].sort_values(keys, ignore_index=True)
    b = merged[cols].sort_values(keys, ignore_index=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)  # exact: dyadic weights
    pd.testing.assert_frame_equal(stats.estimates(a, kind), stats.estimates(b, kind))


ROLLUPS = [
    Slice(by=("tier",)),
    Slice(by=("country", "tier"), countries=("JP", "NZ")),
    Slice(by=("year",), tiers=("Champion",), groups=("staff",)),
    Slice(years=(2021,)),
]


@pytest.mark.parametrize(
    "kind,question", [("single", SINGLE), ("multi", MULTI), ("numeric", NUMERIC)]
)
def test_a_cube_rolls_up_to_the_sums_of_any_slice(kind, question):
    """Slicing the finest-grain sums in pandas gives what the SQL gives for the slice."""
    resp, answers = fictional(13, 900, dyadic=True)
    con = connect(resp, answers)
    has = ((PRACTICE, ("yes",)),)
    cells = sums.cube(con, kind, question, answers=has)
    keys = [*sums.DIMENSIONS, "option_code"]
    for where in ROLLUPS:
        where = Slice(**{**where.__dict__, "answers": has})
        direct = sums.query(con, kind, question, where).sort_values(keys, ignore_index=True)
        rolled = sums.rollup(cells, kind, where)
        pd.testing.assert_frame_equal(direct, rolled[direct.columns], check_dtype=False)
    nobody = Slice(by=("tier",), countries=("XX",))
    assert sums.rollup(cells, kind, nobody).empty and sums.query(con, kind, question, nobody).empty


def test_holm_and_letters_on_a_hand_computed_case():
    """Equal weights, 100 respondents per tier choosing 60, 40, 50. A vs B: pooled 0.5,
    z = 0.2 / sqrt(0.25 · 2/100) = 2√2, p = 0.00468; A vs C and B vs C: pooled 0.55 and 0.45,
    z = 0.1 / sqrt(0.2475 · 0.02) = 1.4213, p = 0.1552. Holm over 3: 3p = 0.0140 (A > B
    significant), then 2p = 0.3104 twice. So A carries "B"; B and C carry nothing."""
    s = pd.DataFrame(
        {
            "year": None,
            "country": None,
            "tier": ["T1", "T2", "T3"],
            "respondent_group": None,
            "option_code": "yes",
            "n": 100,
            "sum_w": 100.0,
            "sum_w2": 100.0,
            "sum_wy": [60.0, 40.0, 50.0],
            "sum_w2y": [60.0, 40.0, 50.0],
            "sum_w2y2": [60.0, 40.0, 50.0],
            "design_n": 300,
        }
    )
    est = stats.estimates(s, "single")
    pairs = stats.pairwise(est, ("tier",))
    ab = pairs.iloc[0]
    assert (ab["letter_a"], ab["letter_b"]) == ("A", "B")
    assert ab["statistic"] == pytest.approx(2 * math.sqrt(2), rel=1e-12)
    assert ab["p"] == pytest.approx(0.0046777, rel=1e-4)
    assert ab["p_holm"] == pytest.approx(3 * ab["p"], rel=1e-12)
    assert list(pairs["statistic"].round(4)) == [2.8284, 1.4213, -1.4213]
    assert list(pairs["p_holm"].round(4)) == [0.0140, 0.3104, 0.3104]
    assert list(pairs["test_status"]) == ["significant", "not_significant", "not_significant"]
    out = stats.with_tests(est, pairs, ("tier",))
    assert list(out["letter"]) == ["A", "B", "C"]
    assert list(out["letters"]) == ["B", "", ""]
    assert list(out["test_status"]) == ["significant", "significant", "not_significant"]
    assert list(out["significant"]) == [True, True, False]
    assert (pairs["family_size"] == 3).all()


def test_letters_only_compare_groups_differing_in_one_dimension():
    resp, answers = fictional(10, 2000)
    values, pairs = stats.crosstab(
        connect(resp, answers), "single", SINGLE, Slice(by=("country", "tier"))
    )
    assert set(pairs["dimension"]) == {"country", "tier"}
    a, b = values.loc[pairs["id_a"]].reset_index(), values.loc[pairs["id_b"]].reset_index()
    differ = (a[["country", "tier"]] != b[["country", "tier"]]).sum(axis=1)
    assert (differ == 1).all() and (a["option_code"] == b["option_code"]).all()
    # 4 countries x 2 tiers: per option 4 tier pairs + 2 x 6 country pairs
    assert len(pairs) == 5 * (4 + 12)
    assert values["letter"].nunique() == 8
    sig = pairs[pairs["test_status"] == "significant"]
    assert not sig.empty  # Champions answer A far more often
    for r in sig.itertuples():
        hi, lo = (r.id_a, r.letter_b) if r.value_a > r.value_b else (r.id_b, r.letter_a)
        assert lo in values.at[hi, "letters"]


def test_the_helpers_agree_with_the_published_statsmodels_ones():
    for pct, n in [(50.0, 100), (3.0, 40), (0.0, 25), (100.0, 12), (37.5, 7.3)]:
        low, high = stats.wilson(np.array(pct / 100), np.array(float(n)))
        assert (100 * low, 100 * high) == pytest.approx(published.wilson(pct, n), abs=1e-9)
    p = [0.01, 0.04, 0.03, 0.2, 0.0001, 0.04]
    assert list(stats.holm(np.array(p))) == pytest.approx(published.adjust(p), abs=1e-15)
    assert stats.LOW_BASE == published.LOW_BASE and stats.ALPHA == published.ALPHA
    est = stats.estimates(_sums([30.0, 45.0], n=80), "single")
    pairs = stats.pairwise(est, ("tier",))
    assert pairs["p"].item() == pytest.approx(published.two_proportion_p(37.5, 80, 56.25, 80))


def _sums(picked, n, weight=1.0, tiers=("T1", "T2")) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": None,
            "country": None,
            "tier": list(tiers),
            "respondent_group": None,
            "option_code": "yes",
            "n": n,
            "sum_w": n * weight,
            "sum_w2": n * weight**2,
            "sum_wy": [p * weight for p in picked],
            "sum_w2y": [p * weight**2 for p in picked],
            "sum_w2y2": [p * weight**2 for p in picked],
            "design_n": 2 * n,
        }
    )


def test_equal_weights_give_the_unweighted_wilson_interval():
    est = stats.estimates(_sums([13.0, 20.0], n=40, weight=2.5), "single")
    assert list(est["eff_base"]) == [40.0, 40.0]
    assert (est.at[0, "ci_low"], est.at[0, "ci_high"]) == pytest.approx(published.wilson(32.5, 40))


def test_shares_of_zero_and_one_have_intervals_and_tests():
    est = stats.estimates(_sums([0.0, 50.0], n=50), "single")
    assert est.at[0, "value"] == 0.0 and est.at[0, "se"] == 0.0 and est.at[0, "ci_low"] == 0.0
    assert 0 < est.at[0, "ci_high"] < 10
    values, pairs = _tested(est)
    assert pairs["test_status"].item() == "significant"
    both_zero = stats.estimates(_sums([0.0, 0.0], n=50), "single")
    _, pairs = _tested(both_zero)
    assert pairs["p"].item() == 1.0 and pairs["test_status"].item() == "not_significant"
    all_chose = stats.estimates(_sums([50.0, 50.0], n=50), "single")
    assert all_chose.at[0, "ci_high"] == pytest.approx(100.0)


def _tested(est: pd.DataFrame, by=("tier",)) -> tuple[pd.DataFrame, pd.DataFrame]:
    pairs = stats.pairwise(est, by)
    return stats.with_tests(est, pairs, by), pairs


def test_a_group_of_one_respondent_is_shown_but_not_tested():
    resp, answers = fictional(11, 200)
    resp.loc[0, "country"] = "HK"  # the only respondent from HK
    values, pairs = stats.crosstab(
        connect(resp, answers), "numeric", NUMERIC, Slice(by=("country",))
    )
    if "HK" not in set(values["country"]):  # respondent 0 skipped the question: give an answer
        answers.loc[len(answers)] = ["r00000", NUMERIC, None, 3.5]
        values, pairs = stats.crosstab(
            connect(resp, answers), "numeric", NUMERIC, Slice(by=("country",))
        )
    hk = values[values["country"] == "HK"].iloc[0]
    assert hk["base_n"] == 1 and hk["eff_base"] == 1.0 and hk["low_base"]
    assert pd.isna(hk["ci_low"]) and pd.isna(hk["ci_high"]) and hk["se"] == 0.0
    assert (hk["test_status"], hk["test_reason"], hk["significant"]) == (
        "not_tested",
        "small_base",
        None,
    )
    assert set(
        pairs.loc[
            pairs["letter_a"].eq(hk["letter"]) | pairs["letter_b"].eq(hk["letter"]), "test_reason"
        ]
    ) == {"small_base"}
    # as cxdash/stats.py's value_status: "not significant" only when every comparison was made
    others = values[values["country"] != "HK"]
    untested = others[others["test_status"] == "not_tested"]
    assert (untested["test_reason"] == "small_base").all()
    assert pairs.loc[pairs["test_reason"].isna(), "p"].notna().sum() == 6  # 4 countries: 6 pairs


def test_an_effective_base_below_two_gets_no_interval_whatever_its_n():
    s = _sums([1.0, 30.0], n=60)
    s.loc[0, ["n", "sum_w", "sum_w2", "sum_wy", "sum_w2y", "sum_w2y2"]] = [
        2,
        101.0,
        10001.0,
        100.0,
        10000.0,
        10000.0,
    ]
    est = stats.estimates(s, "single")
    assert est.at[0, "eff_base"] == pytest.approx(101**2 / 10001)
    assert pd.isna(est.at[0, "ci_low"]) and est.at[1, "ci_low"] > 0
    values, pairs = _tested(est)
    assert pairs["test_reason"].item() == "small_base" and pd.isna(pairs["p"].item())
    assert list(values["test_reason"]) == ["small_base", "small_base"]


def test_means_without_spread_are_not_tested_unless_equal():
    flat = pd.DataFrame(
        {
            "year": None, "country": None, "tier": ["T1", "T2", "T3"], "respondent_group": None,
            "option_code": None, "n": 10, "sum_w": 10.0, "sum_w2": 10.0,
            "sum_wy": [20.0, 30.0, 30.0], "sum_w2y": [20.0, 30.0, 30.0],
            "sum_w2y2": [40.0, 90.0, 90.0], "design_n": 30,
        }
    )  # fmt: skip
    est = stats.estimates(flat, "numeric")
    assert list(est["value"]) == [2.0, 3.0, 3.0] and (est["se"] == 0).all()
    values, pairs = _tested(est)
    assert list(pairs["test_reason"]) == ["no_variance", "no_variance", None]
    assert pairs["test_status"].iloc[2] == "not_significant"
    assert list(values["test_reason"]) == ["no_variance", "no_variance", "no_variance"]


def test_a_slice_without_grouping_has_one_letter_and_no_comparison():
    resp, answers = fictional(12, 100)
    values, pairs = stats.crosstab(connect(resp, answers), "single", SINGLE)
    assert pairs.empty and set(values["letter"]) == {"A"}
    assert set(values["test_reason"]) == {"no_comparison"}
    assert values["value"].sum() == pytest.approx(100.0)  # single choice: shares add to 100


def test_a_bad_grouping_or_kind_is_refused_in_words():
    with pytest.raises(ValueError, match="cannot group by"):
        Slice(by=("channel",)).params(SINGLE)
    with pytest.raises(ValueError, match="unknown question kind 'ranking'"):
        sums.query(duckdb.connect(), "ranking", SINGLE)


def test_the_app_side_imports_neither_statsmodels_nor_svy():
    """The statistics run at request time: scipy only (statsmodels is the build's, svy the
    tests')."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import cxdash.respondents.stats\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'statsmodels', 'svy', 'polars'}))"
    )
    run = [sys.executable, "-c", code]
    out = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
