"""What a test mark says, everywhere one can appear: a comparison that was not tested (an
average, or a share without a printed base) is said to be not tested, with its reason — in
the table, the Table tab's tests, the chart's key and tooltip, the CSV and the Parquet —
never shown or stored as "not significant". Values are the documents' (data/apac/*.csv)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from cxdash import data, export, figures, i18n, tables, view
from tests.conftest import value

JAPAN_AUSTRALIA = "countries?country=Japan&country=Australia"
SWITCHING_BY_COUNTRY = "apac_country_seamless_channel_switching"


def fig(figure_id: str, text: str) -> figures.Figure:
    return figures.figure(figure_id, view.parse_text(text, data.vocabulary()))


def by_id(f: figures.Figure) -> dict[str, dict]:
    return {r["value_id"]: r for r in f.records}


def csv_rows(f: figures.Figure) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(export.figure_csv(f.values)), encoding="utf-8-sig")


# --- a share without a published base: Japan 13% vs Australia 57% ---------------------------


def test_switching_channels_by_country_is_not_tested_for_lack_of_a_base(export):
    f = fig(SWITCHING_BY_COUNTRY, JAPAN_AUSTRALIA)
    rows = by_id(f)
    japan, australia = (
        rows[f"{SWITCHING_BY_COUNTRY}.japan"],
        rows[f"{SWITCHING_BY_COUNTRY}.australia"],
    )
    assert (japan["value"], australia["value"]) == (13, 57)  # as printed
    assert value(export, f"{SWITCHING_BY_COUNTRY}.japan") == 13
    for r in (japan, australia):
        assert (r["test_status"], r["test_reason"], r["significant"]) == (
            "not_tested",
            "no_base",
            None,
        )
    drawn = {r["value_id"]: r for r in f.spec["datasets"]["values"]}
    assert drawn[f"{SWITCHING_BY_COUNTRY}.australia"]["value_text"] == "57%"  # no mark either way
    assert (
        drawn[f"{SWITCHING_BY_COUNTRY}.australia"]["test_text"] == "not tested: base not published"
    )
    assert f.marks_key == [
        "Not tested, so no mark either way — comparisons of shares whose base is not published."
    ]


def test_its_tables_say_not_tested_and_why_never_over_0_comparisons():
    f = fig(SWITCHING_BY_COUNTRY, JAPAN_AUSTRALIA)
    table = f.table()
    assert table["Test"].tolist() == ["not tested: base not published"] * 2
    assert table["95% interval"].tolist() == ["no interval: base not published"] * 2
    tests, note = f.tests()
    assert note == (
        "No comparison in this chart could be tested — comparisons of shares whose base is "
        "not published."
    )
    assert "0 comparisons" not in note
    assert tests[["A", "B", "Value A", "Value B", "N A / N B", "Test"]].values.tolist() == [
        ["Japan", "Australia", "13%", "57%", "– / –", "not tested: base not published"]
    ]
    zh = fig(SWITCHING_BY_COUNTRY, JAPAN_AUSTRALIA + "&lang=zh")
    assert zh.tests()[1] == "本圖沒有任何比較可以檢定 — 未公布樣本數的比例之間的比較。"
    assert zh.table()["檢定"].tolist() == ["未檢定：未公布樣本數"] * 2


# --- averages: Champion 1.7 h vs Starter 2.4 h -----------------------------------------------


def test_first_response_champion_vs_starter_is_not_tested_because_it_is_a_mean():
    f = fig("apac_first_response_hours", "tiers?tier=Champion&tier=Starter")
    rows = by_id(f)
    assert (
        rows["apac_first_response_hours.starter"]["value"],
        rows["apac_first_response_hours.champion"]["value"],
    ) == (2.4, 1.7)
    tests, note = f.tests()
    assert tests[["A", "B", "Value A", "Value B", "N A / N B", "Test"]].values.tolist() == [
        [
            "Starter",
            "Champion",
            "2.4 h",
            "1.7 h",
            "129 / 62",
            "not tested: averages, spread not published",
        ]
    ]
    assert "Answer" not in tests  # one question: no empty answer column
    assert note.startswith(
        "No comparison in this chart could be tested — comparisons between averages"
    )
    # the interval cell says why it is empty (the string that was defined and never used)
    assert f.table()["95% interval"].tolist() == [i18n.t("not_testable_mean", "en")] * 2


def test_the_csv_of_an_average_stores_not_tested_never_false():
    f = fig("apac_first_response_hours", "tiers?tier=Champion&tier=Starter")
    csv = csv_rows(f)
    assert csv["test_status"].tolist() == ["not_tested", "not_tested"]
    assert csv["test_reason"].tolist() == ["mean", "mean"]
    assert csv["significant"].isna().all()  # an empty cell, not False
    raw = export.figure_csv(f.values).decode("utf-8-sig")
    assert "False" not in raw and "not_significant" not in raw


# --- shares with printed bases: tested, with their p ----------------------------------------


def test_a_share_comparison_with_printed_bases_is_tested_with_its_p():
    f = fig("apac_channel_switching", "tiers")
    tests = f.tests()[0].set_index(["Answer", "A", "B"])["Test"]
    # Starter 15% (N=123) vs Champion 89% (N=62): significant
    assert tests[("Yes, agents can switch channels seamlessly", "Starter", "Champion")] == (
        "significant (p < 0.001)"
    )
    # Emerging 3% (N=70) vs Champion 2% (N=62): tested, not significant, with its p
    verdict = tests[("No", "Emerging", "Champion")]
    assert verdict.startswith("not significant (p = ") and verdict != "not significant (p = 0.000)"
    assert f.tests()[1].startswith("Pairwise two-proportion z-tests at 95%")
    assert "over all 9 tested comparisons" in f.tests()[1]
    champion = by_id(f)["apac_channel_switching.champion_yes_seamless"]
    assert (champion["test_status"], champion["significant"]) == ("significant", True)


def test_a_champion_only_view_keys_its_star_to_groups_not_shown():
    f = fig("apac_channel_switching", "tiers?tier=Champion")
    assert any(r["value_text"] == "89%*" for r in f.spec["datasets"]["values"])
    assert f.marks_key[0].startswith(
        "* differs significantly from another group of this chart, shown or not"
    )


# --- everywhere: no untested value is ever called "not significant" ------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_untested_value_or_pair_reads_not_significant(lang):
    v = view.parse_text(f"explore?lang={lang}", data.vocabulary())
    cat = data.catalog()
    shown, _, _ = figures.figures_of(cat, v)
    assert len(shown) > 100
    said_untested = 0
    for f in shown:
        table = f.table()
        test = i18n.t("col_test_result", lang)
        if test in table:
            for r, text in zip(f.records, table[test]):
                if r["test_status"] == "not_tested":
                    assert text == i18n.t(f"not_tested_{r['test_reason']}", lang), r["value_id"]
                    said_untested += 1
        for r in f.records:
            assert (r["significant"] is None) == (r["test_status"] == "not_tested"), r["value_id"]
    assert said_untested >= 75  # 44 averages + 31 shares without a base are compared


def test_every_tested_pair_and_value_in_the_dataset_has_a_p_and_no_untested_one_a_verdict(q):
    export_rows = q("export")
    untested = export_rows[export_rows["test_status"] == "not_tested"]
    assert untested["significant"].isna().all() and untested["test_reason"].notna().all()
    tested = export_rows[export_rows["test_status"] != "not_tested"]
    assert tested["significant"].notna().all()
    assert (tested["significant"] == (tested["test_status"] == "significant")).all()
    switching = export_rows.set_index("value_id").loc[f"{SWITCHING_BY_COUNTRY}.japan"]
    assert (switching["test_status"], switching["test_reason"]) == ("not_tested", "no_base")


def test_parquet_keeps_significant_empty_for_untested_values(q):
    frame = q("export")
    back = pd.read_parquet(io.BytesIO(export.to_bytes(frame, "parquet"))).set_index("value_id")
    hours = back.loc["apac_first_response_hours.champion"]
    assert pd.isna(hours["significant"]) and hours["test_status"] == "not_tested"
    assert hours["test_reason"] == "mean"
    seamless = back.loc["apac_channel_switching.champion_yes_seamless"]
    assert bool(seamless["significant"]) and seamless["test_status"] == "significant"


# --- flags of the values shown -----------------------------------------------------------


def test_a_flag_of_starters_sums_is_not_a_champion_values():
    """apac_cross_channel_visibility: 'The Starter answers add up to 97%' (the Starter values'
    note in values_charts.csv)."""
    champion = fig("apac_cross_channel_visibility", "tiers?tier=Champion")
    assert champion.flags == []
    assert i18n.t("flag_sum_off", "en") not in champion.table()["Flag"].tolist()
    starter = fig("apac_cross_channel_visibility", "tiers?tier=Starter")
    assert starter.flags == [
        ("sum_off", "The Starter answers add up to 97% (4 + 16 + 77), outside 100 ± 2.")
    ]
    # a figure-wide flag (which chart is which) stays on every tier's values
    team = fig("apac_time_to_scale_team", "tiers?tier=Champion")
    assert [flag for flag, _ in team.flags] == ["order_ambiguous"]
    team_starter = fig("apac_time_to_scale_team", "tiers?tier=Starter")
    assert [flag for flag, _ in team_starter.flags] == ["sum_off", "order_ambiguous"]
    # the Starter values' own note explains their sum; the figure's note only the order
    why = dict(team_starter.flags)
    assert why["sum_off"] == "The Starter answers add up to 86% (10 + 26 + 50), outside 100 ± 2."
    assert "Starter" not in why["order_ambiguous"]
    assert dict(team.flags) == {"order_ambiguous": why["order_ambiguous"]}


def test_marks_key_is_empty_where_nothing_is_compared():
    # one standalone statistic: no comparison, no key, no test column
    records = [{"test_status": "not_tested", "test_reason": "no_comparison"}]
    assert tables.marks_key(records, "en") == []
