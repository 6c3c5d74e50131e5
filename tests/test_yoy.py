"""The year-over-year page's pure core: the dumbbell sorted by change with whole labels and
equal dots apart, the table without a per-row test column when nothing is testable, and the
one note that says why."""

from __future__ import annotations

from cxdash import data, i18n, yoy


def _pairs():
    return data.run("yoy_pairs", tiers=[], countries=[])


def _chart_rows(chart) -> list[dict]:
    spec = chart.to_dict()
    return [r for table in spec["datasets"].values() for r in table]


def _sort(chart) -> list[str]:
    """The row order of the chart's y encoding (every layer shares it)."""
    spec = chart.to_dict()
    return spec["layer"][0]["encoding"]["y"]["sort"]


def test_dumbbell_rows_run_from_the_largest_rise_to_the_largest_fall():
    rows = _chart_rows(yoy.dumbbell(_pairs(), "en"))
    order = _sort(yoy.dumbbell(_pairs(), "en"))
    change = {r["row"]: r["change"] for r in rows}
    assert [change[r] for r in order] == sorted(change.values(), reverse=True)
    # differentiator 18% -> 41% (+23) first; Starters 57% -> 50% (-7) last
    assert order[0].startswith("Service seen as a competitive differentiator")
    assert order[-1].startswith("Starter")


def test_dumbbell_labels_are_wrapped_whole_never_cut():
    chart = yoy.dumbbell(_pairs(), "en")
    axis = chart.to_dict()["layer"][0]["encoding"]["y"]["axis"]
    assert axis["labelLimit"] == 0  # nothing cut to "…"
    labels = {r["row"] for r in _chart_rows(chart)}
    whole = "Singapore · Champion · Share of SMBs that are Champions (maturity ranking)"
    assert whole in {label.replace("\n", " ") for label in labels}
    assert all(len(line) <= yoy.LABEL_COLUMNS for label in labels for line in label.split("\n"))


def test_equal_dots_of_a_row_are_moved_apart():
    """Emerging 26% in 2020 and in 2021 (apac_maturity_distribution): one dot above the line,
    one below; a row whose dots are apart keeps them on the line."""
    rows = _chart_rows(yoy.dumbbell(_pairs(), "en"))
    emerging = {r["year"]: r["dodge"] for r in rows if r["row"].startswith("Emerging")}
    assert emerging == {"2020": -1, "2021": 1}
    champion = {r["year"]: r["dodge"] for r in rows if r["row"].startswith("Champion · Mat")}
    assert champion == {"2020": 0, "2021": 0}  # 17% vs 23%


def test_untestable_is_said_once_and_names_the_wave_without_a_base():
    pairs = _pairs()
    assert pairs["p"].isna().all()  # the 2020 wave prints no base: nothing is testable
    assert yoy.untestable_note(pairs, "en") == (
        "No change on this page can be tested for significance: the report prints no base "
        "(number of respondents) for 2020, so each change is shown as published, untested."
    )
    assert "2020 年" in yoy.untestable_note(pairs, "zh")
    table = yoy.table(pairs, "en")
    assert i18n.t("col_test_waves", "en") not in table.columns  # not repeated on every row
    assert i18n.t("col_comparability", "en") not in table.columns  # said once, beneath
    assert "2020: APAC survey, previous year's wave" in yoy.wave_notes(pairs, "en")


def test_a_tested_change_keeps_the_test_column():
    """FICTIONAL: one pair given a p value (as if both bases were printed)."""
    pairs = _pairs().copy()
    pairs.loc[pairs.index[0], "p"] = 0.012
    note = yoy.untestable_note(pairs, "en")
    assert note.startswith("Changes involving 2020 cannot be tested")
    test = yoy.table(pairs, "en")[i18n.t("col_test_waves", "en")]
    assert test.iloc[0] == "p = 0.012"
    assert test.iloc[1] == i18n.t("not_testable_base", "en")
