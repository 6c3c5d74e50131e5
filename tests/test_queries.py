"""The named queries: each documents its row, binds parameters, answers the app's questions."""

from __future__ import annotations

import pytest

from cxdash import db
from cxdash.paths import QUERIES_DIR

NO_FILTER = {"tiers": [], "countries": [], "channels": [], "years": []}


@pytest.mark.parametrize("name", db.query_names())
def test_each_query_says_what_a_row_is_and_its_parameters(name):
    text = (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")
    assert text.startswith("-- One row"), name
    assert "Parameters:" in text.split("\nwith")[0], name
    assert "from final" in text, name


def test_unknown_or_path_like_query_names_are_refused(q):
    for name in ("nope", "../queries/schema", "schema.sql", "export; drop table x"):
        with pytest.raises(db.UnknownQuery):
            q(name)


def test_parameters_must_match(q):
    with pytest.raises(TypeError):
        q("page_figures", page="tiers", extra=1)


def test_parameters_are_bound_not_formatted(q):
    hostile = "apac_first_response_hours' or 1=1 --"
    assert q("page_figures", page=hostile, surveys=[]).empty
    assert q("figure_values", figure_ids=[hostile], **NO_FILTER).empty


def test_figure_values_carry_build_time_statistics(q):
    rows = q("figure_values", figure_ids=["apac_first_response_hours"], **NO_FILTER)
    assert rows["value"].tolist() == [2.4, 2.1, 1.7]  # hours: an average, no interval
    assert rows["ci_low"].isna().all() and rows["significant"].isna().all()
    assert set(rows["test_status"]) == {"not_tested"} and set(rows["test_reason"]) == {"mean"}
    assert set(rows["document"]) == {"000_378fe6fa425a9ad9.txt"}


def test_figure_values_sliced_by_tier(q):
    rows = q(
        "figure_values",
        figure_ids=["apac_first_response_hours"],
        **{**NO_FILTER, "tiers": ["Champion"]},
    )
    assert rows["value"].tolist() == [1.7]
    assert rows["tier_label_zh"].tolist() == ["領航者"]


def test_figure_values_not_published_slice_is_empty(q):
    # tier charts are not broken down by country: Champion x Japan is not published for them
    rows = q(
        "figure_values",
        figure_ids=["apac_first_response_hours"],
        **{**NO_FILTER, "tiers": ["Champion"], "countries": ["Japan"]},
    )
    assert rows.empty
    # …but the one Champion x country figure the report has is there (Japan 0% -> 6%)
    rows = q(
        "figure_values",
        figure_ids=[],
        **{**NO_FILTER, "tiers": ["Champion"], "countries": ["Japan"]},
    )
    assert rows["value"].tolist() == [0.0, 6.0]


SLICES = [
    NO_FILTER,
    {**NO_FILTER, "tiers": ["Champion"]},
    {**NO_FILTER, "tiers": ["Champion"], "countries": ["Japan"]},
    {**NO_FILTER, "tiers": ["Starter", "Emerging"], "years": [2020]},
    {**NO_FILTER, "countries": ["Singapore", "South Korea"], "years": [2021]},
    {**NO_FILTER, "channels": ["phone"]},
]


@pytest.mark.parametrize("figure_ids", [[], ["apac_first_response_hours", "hk_digital_needs"]])
@pytest.mark.parametrize("filters", SLICES)
def test_shown_values_are_the_ids_of_figure_values_in_its_order(q, figure_ids, filters):
    # what a page asks for a never-seen slice: the same values, from one scan of a table
    shown = q("shown_values", figure_ids=figure_ids, **filters)
    full = q("figure_values", figure_ids=figure_ids, **filters)
    assert list(shown.columns) == ["figure_id", "value_id"]
    assert shown.values.tolist() == full[["figure_id", "value_id"]].values.tolist()


@pytest.mark.parametrize("name", ["figure_values", "shown_values"])
def test_the_order_of_values_is_total(q, name):
    # rows that tie on every key of `order by` come in whatever order DuckDB's parallel sort
    # leaves them, so a Table or a figure's report could flip between runs (it did in CI:
    # Hong Kong's customers and staff both name "efficient service" and "solve issues")
    text = (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")
    keys = [k.replace("nulls first", "").strip() for k in text.split("order by")[-1].split(",")]
    rows = q("figure_values", figure_ids=[], **NO_FILTER)
    assert not rows.duplicated(subset=keys).any(), rows[rows.duplicated(subset=keys, keep=False)]


def test_two_groups_answer_in_their_groups_order(q):
    needs = q("figure_values", figure_ids=["hk_digital_needs"], **NO_FILTER)
    assert needs["value"].tolist() == [24, 10, 15, 41, 11, 9]  # customers before staff
    assert needs["respondent_group"].tolist() == ["hk_customers", "hk_staff"] * 3


def test_shown_values_of_champion_first_response(q):
    shown = q(
        "shown_values",
        figure_ids=["apac_first_response_hours"],
        **{**NO_FILTER, "tiers": ["Champion"]},
    )
    full = q("figure_values", figure_ids=["apac_first_response_hours"], **NO_FILTER)
    assert full.set_index("value_id").loc[shown["value_id"], "value"].tolist() == [1.7]


def test_tier_gaps(q):
    gaps = q("tier_gaps")
    assert gaps["figure_id"].is_unique  # one answer per question
    top = gaps.iloc[0]  # Champion 79% vs Starter 4% with excellent cross-channel visibility
    assert (top["figure_id"], top["value"], top["starter_value"]) == (
        "apac_cross_channel_visibility",
        79,
        4,
    )
    assert top["gap_points"] == 75 and top["gap_significant"] and top["testable"]
    assert (gaps["gap_points"].abs().diff().dropna() <= 0).all()


def test_page_figures(q):
    tiers = q("page_figures", page="tiers", surveys=[])
    assert "apac_first_response_hours" in set(tiers["figure_id"]) and len(tiers) == 26
    # the Channels page gathers every channel-specific figure, from any survey
    channels = q("page_figures", page="channels", surveys=["hk"])
    assert "hk_expected_use_3y" in set(channels["figure_id"])
    assert set(channels["survey_id"]) == {"hk"}
    assert q("page_figures", page="claims", surveys=[]).empty


def test_figure_tests(q):
    tests = q("figure_tests", figure_ids=["apac_channel_switching"])
    assert not tests.empty and (tests["family_size"] == tests["p"].notna().sum()).all()
    assert set(tests["dimension"]) == {"tier"}
    hours = q("figure_tests", figure_ids=["apac_first_response_hours"])  # averages: no test
    assert len(hours) == 3 and hours["p"].isna().all() and hours["significant"].isna().all()
    assert set(hours["test_status"]) == {"not_tested"} and set(hours["test_reason"]) == {"mean"}


def test_pages(q):
    pages = q("pages")
    assert pages["page"].tolist()[:4] == ["overview", "executive", "benchmark", "tiers"]
    assert pages.set_index("page").loc["benchmark", "params"] == "answers"
    assert pages.set_index("page").loc["explore", "params"] == "figure q"


def test_yoy_pairs(q):
    pairs = q("yoy_pairs", tiers=["Champion"], countries=["APAC"]).set_index("figure_id")
    champ = pairs.loc["apac_maturity_distribution"]
    assert (champ["year_from"], champ["year_to"], champ["step"]) == (2020, 2021, "consecutive")
    assert (champ["value_from"], champ["value_to"], champ["change_points"]) == (17, 23, 6)
    assert champ["change_relative_pct"] == pytest.approx(35.3, abs=0.1)  # 逐年成長 35%
    assert pairs["p"].isna().all()  # no 2020 base is printed: no year-over-year test


def test_headlines_all_resolve(q):
    heads = q("headlines", **NO_FILTER)
    assert len(heads) == 12
    first = heads.iloc[0]
    assert (first["value"], first["value_prev"], first["year_prev"]) == (23, 17, 2020)
    # sliced like the charts: the APAC-wide Champion share is not a Japan value
    japan = q("headlines", **{**NO_FILTER, "tiers": ["Champion"], "countries": ["Japan"]})
    assert japan.empty


def test_catalog_surveys_dimensions_kpis(q):
    assert len(q("catalog", surveys=["hk"])) >= 9
    surveys = q("surveys").set_index("survey_id")
    assert surveys.loc["apac", "sample_n"] == 265
    assert surveys.loc["apac", "margin_of_error_pts"] == 6
    assert surveys.loc["apac", "moe_recomputed_pts"] == pytest.approx(6.02, abs=0.01)
    assert surveys.loc["hk", "sample_n"] == 858
    dims = q("dimensions")
    assert set(dims["dimension"]) >= {"tier", "country", "channel", "year", "survey"}
    kpis = q("kpis")
    assert len(kpis) == 6 and "apac_first_response_hours" in kpis.iloc[0]["figure_ids"]


def test_country_scorecard(q):
    rows = q("country_scorecard", countries=[]).set_index(["figure_id", "country"])
    switching = rows.loc["apac_country_seamless_channel_switching"]
    assert switching.loc["Japan", "value"] == 13 and switching.loc["Japan", "country_rank"] == 4
    assert switching.loc["Australia", "country_rank"] == 1  # 57%
    # Singapore is not in the 'right CX investment' callout: no invented cell
    assert ("apac_country_right_cx_investment", "Singapore") not in rows.index


def test_benchmark_points_are_published_values(q):
    points = q("benchmark_points")
    # every point is a published value (tier values of the APAC report, the guide's bands)
    values = q("export").set_index("value_id")["value"]
    assert all(values.loc[points["value_id"]].to_numpy() == points["value"].to_numpy())
    frt = points[points["measure_id"] == "first_response_time"]
    assert dict(zip(frt["tier"], frt["base_n"])) == {"Starter": 129, "Emerging": 70, "Champion": 62}
    measures = q("benchmark_measures")
    assert measures["measure_id"].tolist()[:2] == ["first_response_time", "resolution_time"]
    assert set(q("practices")["practice_id"]) >= {"trained_teams", "agent_tools"}
