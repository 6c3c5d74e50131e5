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


def test_pairwise_tests_on_the_report(q):
    none = {"tiers": [], "countries": [], "channels": [], "years": []}
    switching = q("figure_values", figure_ids=["apac_channel_switching"], **none)
    tests = stats.pairwise(switching)
    seamless = tests[tests["option_en"].str.startswith("Yes, agents")]
    row = seamless[(seamless["a"] == "Starter") & (seamless["b"] == "Champion")].iloc[0]
    assert (row["value_a"], row["value_b"], row["base_a"], row["base_b"]) == (15, 89, 123, 62)
    assert row["significant"] and row["p_holm"] < 0.001
    no = tests[(tests["option_en"] == "No") & (tests["a"] == "Emerging")].iloc[0]
    assert not no["significant"]  # 3% vs 2%
    needs = q("figure_values", figure_ids=["hk_digital_needs"], **none)
    assert stats.pairwise(needs)["p"].isna().all()  # HK bases are not printed per chart
    hours = q("figure_values", figure_ids=["apac_first_response_hours"], **none)
    pairs = stats.pairwise(hours)  # 2.4 h vs 1.7 h: averages get no proportion test
    assert len(pairs) == 3 and pairs["p"].isna().all() and pairs["significant"].isna().all()
    assert set(pairs["status"]) == {"not_tested"} and set(pairs["reason"]) == {"mean"}


def test_export_carries_intervals_only_for_shares_with_a_base(q):
    out = q("export").set_index("value_id")  # computed at build, stored beside the values
    seamless = out.loc["apac_channel_switching.champion_yes_seamless"]
    lib = proportion_confint(0.89 * 62, 62, method="wilson")
    assert (seamless["ci_low"], seamless["ci_high"]) == pytest.approx((100 * lib[0], 100 * lib[1]))
    assert pd.isna(out.loc["apac_single_contact_resolution.champion", "ci_low"])  # an average
    assert pd.isna(out.loc["hk_expected_use_3y.live_chat_more", "ci_low"])  # no base printed


def test_tests_hold_other_dimensions_fixed(q):
    none = {"tiers": [], "countries": [], "channels": [], "years": []}
    share = q("figure_values", figure_ids=["apac_country_champion_share"], **none)
    tests = stats.pairwise(share)
    assert tests["dimension"].eq("country").all()
    # 2021: Australia 36 (N=83) vs Japan 6 (N=66) is tested; no pair mixes 2020 with 2021
    assert not tests[
        tests["id_a"].str.endswith("2020") != tests["id_b"].str.endswith("2020")
    ].shape[0]
    marked = share.set_index("value_id")  # the build's marks
    assert marked.loc["apac_country_champion_share.australia_2021", "significant"]
    untested = marked.loc["apac_country_champion_share.australia_2020"]  # no 2020 base
    assert pd.isna(untested["significant"])  # never False: it was not tested
    assert (untested["test_status"], untested["test_reason"]) == ("not_tested", "no_base")


def test_build_stores_the_same_tests_as_the_module(q):
    none = {"tiers": [], "countries": [], "channels": [], "years": []}
    share = q("figure_values", figure_ids=["apac_channel_switching"], **none)
    stored = q("figure_tests", figure_ids=["apac_channel_switching"])
    live = stats.pairwise(share)
    assert len(stored) == len(live) == stored["family_size"].iloc[0]
    merged = stored.merge(live, left_on=["value_id_a", "value_id_b"], right_on=["id_a", "id_b"])
    assert merged["p_holm_x"].tolist() == pytest.approx(merged["p_holm_y"].tolist())
    assert set(share.loc[share["significant"], "value_id"]) == stats.significant_values(share)


def test_a_filter_never_changes_a_test(q):
    """The family is the figure's published groups: a slice keeps every value's mark."""
    none = {"tiers": [], "countries": [], "channels": [], "years": []}
    full = q("figure_values", figure_ids=["apac_channel_switching"], **none)
    champ = q(
        "figure_values", figure_ids=["apac_channel_switching"], **{**none, "tiers": ["Champion"]}
    )
    marks = dict(zip(full["value_id"], full["significant"]))
    assert all(marks[v] == s for v, s in zip(champ["value_id"], champ["significant"]))
    assert champ["significant"].any()


def test_the_app_never_imports_the_statistics_libraries():
    """The pages run on the build's tables: statsmodels and scipy stay out of the server."""
    import subprocess
    import sys

    from cxdash.paths import ROOT

    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        "for page in ('tiers', 'year_over_year', 'executive', 'sources'):\n"
        f"    at = AppTest.from_file({str(ROOT / 'dashboard.py')!r}, default_timeout=300)\n"
        f"    at.switch_page({str(ROOT / 'pages')!r} + f'/{{page}}.py').run()\n"
        "    assert not at.exception, at.exception\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('statsmodels', 'scipy'))\n"
        "print(bad)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
