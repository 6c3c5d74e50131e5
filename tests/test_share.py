"""Presenter tools: view strings, slide decks, PDF reports, presentation and embed modes."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow as pa
import pytest

from cxdash import data, view
from cxdash.paths import ROOT
from cxdash.ui import slides
from tests.test_app import chart_rows, open_page

VIEW = "tiers?tier=Champion&tier=Starter&lang=zh"


def parse(text: str) -> view.View:
    return view.parse_text(text, data.vocabulary())


def test_view_round_trip():
    v = parse(VIEW)
    assert (v.page, v.filters.tiers, v.lang) == ("tiers", ("Champion", "Starter"), "zh")
    assert parse(v.url("http://h")) == v
    assert parse("page=countries&country=Japan").filters.countries == ("Japan",)
    assert parse("http://host:8501/hong_kong?ci=0").show_ci is False


@pytest.mark.parametrize(
    "bad",
    [
        "nowhere?tier=Champion",
        "tiers?tier=Platinum",
        "tiers?lang=fr",
        "tiers?x=1",
        "tiers?year=20x1",
        "explore?figure=' or 1=1 --",
    ],
)
def test_hostile_view_strings_are_clear_errors(bad):
    with pytest.raises(view.ViewError):
        parse(bad)


def test_cli_hostile_view_is_an_error_not_a_traceback(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "cxdash",
            "deck",
            "--view",
            "tiers?tier=Platinum",
            "--out",
            str(tmp_path / "d.pptx"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 2
    assert "unknown tier 'Platinum'" in out.stderr and "Traceback" not in out.stderr


# The deck and the PDF themselves: tests/test_documents.py.


def test_presentation_mode_shows_one_chart_and_hides_the_sidebar():
    at = open_page("tiers.py", present="1", slide="2")
    assert len(at.get("vega_lite_chart")) == 1
    assert any("2 / " in m.value for m in at.markdown)
    at.button(key="slide_next").click().run()
    assert any("3 / " in m.value for m in at.markdown)


def test_presentation_mode_is_large_type_and_fits_the_screen():
    at = open_page("tiers.py", present="1", slide="3")
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    assert spec["config"]["axis"]["labelFontSize"] >= 18
    texts = [layer["mark"] for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert texts and all(mark["fontSize"] >= 18 for mark in texts)
    # three tiers grow to fill the screen, within the plot height one screen allows
    assert 3 * spec["height"]["step"] <= slides.PLOT_PX
    rows = [(r["tier_label"], r["value"]) for r in chart_rows(at, "apac_first_response_hours")]
    assert ("Champion", 1.7) in rows


def test_executive_summary_presents_the_scorecard_and_the_gaps():
    at = open_page("executive.py", present="1")
    assert any("1 / 2" in m.value for m in at.markdown)
    assert any("Country scorecard" in m.value for m in at.markdown)
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["config"]["axis"]["labelFontSize"] >= 18
    at.button(key="slide_next").click().run()
    assert any("Champions vs Starters" in m.value for m in at.markdown)
    (chart,) = at.get("vega_lite_chart")
    rows = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all().to_pylist()
    switching = [r for r in rows if "Yes, agents can switch" in r["answer"]]
    assert sorted(r["value_text"] for r in switching) == ["15%", "89%*"]
    # each row names its question before the answer (issue 16.9)
    assert " ".join(switching[0]["answer"].split()).startswith("Can agents switch seamlessly")


def test_embed_shows_one_chart_without_sidebar():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["chart"] = ["apac_first_response_hours"]
    at.query_params["tier"] = ["Champion"]
    at.run()
    assert not at.exception and len(at.sidebar) == 0
    assert [(r["tier_label"], r["value"]) for r in chart_rows(at, "apac_first_response_hours")] == [
        ("Champion", 1.7)
    ]


def test_sidebar_builds_the_slides_of_the_current_view():
    at = open_page("overview.py")
    at.button(key="make_deck").click().run()
    assert not at.exception
    assert any(b.label for b in at.get("download_button") if "pptx" in b.label)


def test_a_slide_of_one_value_shows_it_big_and_a_few_bars_fill_the_plot():
    """Issue 16.9: one bar no longer leaves most of a slide empty."""
    at = open_page("tiers.py", present="1", slide="4", tier="Champion", lang="zh")
    (metric,) = at.metric
    assert (metric.label, metric.value) == ("領航者", "2.4 小時")  # resolution time, Champion
    at = open_page("tiers.py", present="1", slide="2", tier=["Starter", "Champion"])
    assert not at.metric
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert 2 * spec["height"]["step"] >= 0.7 * slides.PLOT_PX - 2
