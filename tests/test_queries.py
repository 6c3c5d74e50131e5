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
        q("figure", figure_id="x", extra=1)


def test_parameters_are_bound_not_formatted(q):
    hostile = "apac_first_response_hours' or 1=1 --"
    assert q("figure", figure_id=hostile).empty
    assert q("figure_values", figure_ids=[hostile], **NO_FILTER).empty


def test_figure(q):
    fig = q("figure", figure_id="apac_first_response_hours").iloc[0]
    assert fig["unit"] == "hours" and fig["document"] == "000_378fe6fa425a9ad9.txt"


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


def test_tier_comparison(q):
    rows = q("tier_comparison", tiers=["Champion"], years=[2021])
    assert set(rows["tier"]) == {"Champion"}
    assert "apac_first_response_hours" in set(rows["figure_id"])


def test_country_comparison(q):
    rows = q("country_comparison", countries=["Japan"], years=[])
    switching = rows[rows["figure_id"] == "apac_country_seamless_channel_switching"]
    assert switching["value"].tolist() == [13.0]


def test_channel_comparison(q):
    rows = q("channel_comparison", surveys=["hk"], channels=["live_chat"])
    more = rows[(rows["figure_id"] == "hk_expected_use_3y") & (rows["option_en"] == "More")]
    assert more["value"].tolist() == [56.0]


def test_yoy_pairs(q):
    pairs = q("yoy_pairs", tiers=["Champion"], countries=["APAC"]).set_index("figure_id")
    champ = pairs.loc["apac_maturity_distribution"]
    assert (champ["value_2020"], champ["value_2021"], champ["change_points"]) == (17, 23, 6)
    assert champ["change_relative_pct"] == pytest.approx(35.3, abs=0.1)  # 逐年成長 35%


def test_headlines_all_resolve(q):
    heads = q("headlines")
    assert len(heads) == 12
    first = heads.iloc[0]
    assert (first["value"], first["value_2020"]) == (23, 17)


def test_catalog_surveys_dimensions_kpis(q):
    assert len(q("catalog", surveys=["hk"])) >= 9
    surveys = q("surveys").set_index("survey_id")
    assert surveys.loc["apac", "sample_n"] == 265
    assert surveys.loc["apac", "margin_of_error_pts"] == 6
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
