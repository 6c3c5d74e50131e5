"""A million FICTIONAL respondents drawn from the report's 2021 figures, imported as a user's
file would be, redraw every tier chart of the report: each value the report prints for a tier
comes back within 0.5 points (shares) from respondents, and the tier each respondent gets from
its seven practice answers is the tier it was drawn in. About a minute and a half."""

from __future__ import annotations

import duckdb
import pytest

from cxdash import data, figures
from cxdash.respondents import importer, store, synth
from cxdash.view import View

ROWS = 1_000_000


@pytest.fixture(scope="module")
def million(tmp_path_factory):
    folder = tmp_path_factory.mktemp("million")
    mp = pytest.MonkeyPatch()
    mp.setenv("CX_RESPONDENTS_DIR", str(folder / "store"))
    path, mapping = synth.write(ROWS, 7, folder / "million.parquet")
    meta = importer.import_file(path, "apac", mapping)
    yield meta, path
    mp.undo()


def test_every_tier_chart_comes_back_within_half_a_point(million):
    meta, _ = million
    view = View(page="tiers", dataset=meta["id"])
    shown = figures.published(data.page_figures("tiers"), view)
    assert len(shown) >= 20  # every tier chart of the report that is a question's answers
    compared = 0
    for figure_id in shown:
        fig = figures.figure(figure_id, view)
        for r in fig.records:
            if r["published_value"] is None:
                continue  # an answer the report does not print
            assert r["tier"] in ("Starter", "Emerging", "Champion")  # the file's cut: 4-5
            limit = 0.5 if r["measure"] == "share" else 0.01 * r["published_value"] + 0.05
            assert abs(r["value"] - r["published_value"]) <= limit, (figure_id, r["value_id"])
            compared += 1
    assert compared >= 150
    # a named one: Champion first-response time is 1.7 hours in the report
    fig = figures.figure("apac_first_response_hours", view)
    champion = next(r for r in fig.records if r["tier"] == "Champion")
    assert champion["published_value"] == 1.7 and abs(champion["value"] - 1.7) < 0.02


def test_the_tier_from_seven_answers_is_the_tier_drawn(million):
    meta, path = million
    folder = store.locate(meta["id"])
    got = duckdb.sql(
        f"""select d.drawn_tier, r.tier, count(*) as n
        from '{path}' as d join '{folder}/respondents.parquet' as r using (respondent_id)
        group by all"""
    ).df()
    assert (got["drawn_tier"] == got["tier"]).all() and got["n"].sum() == ROWS
    # and the report's 2021 mix (50 / 26 / 23, printed rounded: drawn at 50⅓ / 26⅓ / 23⅓)
    mix = got.set_index("tier")["n"] / ROWS * 100
    assert abs(mix["Champion"] - 23) < 0.5 and abs(mix["Starter"] - 50) < 0.5


@pytest.mark.parametrize("page", ["tiers", "countries", "channels", "year_over_year", "overview"])
def test_every_apac_page_draws_a_slice_the_report_cannot_show(million, page):
    """Champions and Emerging in Japan and Australia, from a million respondents: every page
    draws, each figure with bases, intervals, letters and the report's value beside."""
    from streamlit.testing.v1 import AppTest

    from cxdash.paths import ROOT

    meta, _ = million
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    params = {"dataset": [meta["id"]], "tier": ["Champion", "Emerging"]}
    for key, value in (params | {"country": ["Japan", "Australia"]}).items():
        at.query_params[key] = value
    at.switch_page(str(ROOT / "pages" / f"{page}.py")).run()
    assert not at.exception and not at.error, [e.value for e in (*at.exception, *at.error)]
    assert any("1,000,000 respondents" in i.value for i in at.info)
    if page != "overview":  # the overview's figures are in a closed expander
        assert at.get("vega_lite_chart")
        assert any("The report, same question" in c.value for c in at.caption)
