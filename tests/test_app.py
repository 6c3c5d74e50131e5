"""Every page opens (default state, both languages, hostile URLs) and the filters change
what the charts show, as the documents say."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from cxdash.paths import ROOT
from cxdash.ui import state
from tests import vega_lite
from tests.conftest import PAGES

PAGE_FILES = [f"{page}.py" for page in PAGES]


def open_page(page: str, **params: list[str] | str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value if isinstance(value, list) else [value]
    at.switch_page(str(ROOT / "pages" / page)).run()  # a deep link: the page is the first run
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]  # a figure that failed to draw
    return at


def chart_rows(at: AppTest, figure_id: str) -> list[dict]:
    """The data rows of every chart drawn for `figure_id` (inline or Arrow datasets), as the
    browser gets them: only the fields the chart reads (cxdash/payload.py)."""
    rows = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if spec.get("usermeta", {}).get("figure_id") != figure_id:
            continue
        for data in spec.get("datasets", {}).values():
            rows += data
        for d in chart.proto.datasets:
            rows += pa.ipc.open_stream(d.data.data).read_all().to_pylist()
    return rows


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_opens(page, lang):
    at = open_page(page, lang=lang)
    assert at.title or at.get("vega_lite_chart")
    for chart in at.get("vega_lite_chart"):  # every chart a page draws is valid Vega-Lite
        assert vega_lite.errors(json.loads(chart.proto.spec)) == []
    sidebar_keys = {w.key.split("@")[0].lstrip("_") for w in at.sidebar.multiselect}
    assert {"survey", "tier", "country", "channel", "year"} <= sidebar_keys


HOSTILE = {
    "tier": ["Platinum", "'; drop table published_values; --"],
    "country": ["<script>alert(1)</script>"],
    "channel": [""],
    "year": ["twenty21"],
    "survey": ["../../etc/passwd"],
    "lang": ["fr"],
    "ci": ["maybe"],
}


@pytest.mark.parametrize("page", PAGE_FILES)
def test_hostile_urls_fall_back_with_a_notice(page):
    at = open_page(page, **HOSTILE)
    notices = " ".join(w.value for w in at.warning)
    assert "Platinum" in notices and "fr" in notices
    assert at.sidebar.multiselect(key=state.widget_for("tier", "en")).value == []
    assert at.sidebar.radio(key="lang").value == "en"


def test_explore_refuses_unknown_figure_and_search_is_bound():
    at = open_page("explore.py", figure="x' or '1'='1", q="first response")
    assert any("figure" in w.value for w in at.warning)
    assert at.selectbox(key=state.widget_for("figure", "en")).value == "apac_first_response_hours"


def test_tier_filter_changes_the_chart_data():
    at = open_page("tiers.py")
    rows = chart_rows(at, "apac_first_response_hours")
    assert sorted(r["value"] for r in rows) == [1.7, 2.1, 2.4]
    at.sidebar.multiselect(key=state.widget_for("tier", "en")).set_value(["Champion"]).run()
    rows = chart_rows(at, "apac_first_response_hours")
    assert [(r["tier_label"], r["value"]) for r in rows] == [("Champion", 1.7)]


def test_country_filter_from_url():
    at = open_page("countries.py", country=["Japan"])
    rows = chart_rows(at, "apac_country_seamless_channel_switching")
    assert [(r["country_label"], r["value"]) for r in rows] == [("Japan", 13.0)]


def test_unpublished_combination_says_so():
    at = open_page("tiers.py", tier=["Champion"], country=["Japan"])
    assert not chart_rows(at, "apac_first_response_hours")
    text = " ".join(i.value for i in at.info)
    assert "None of the charts" in text and "Japan" in text


def test_language_switch_translates_labels():
    at = open_page("tiers.py", lang="zh")
    rows = chart_rows(at, "apac_first_response_hours")
    assert {r["tier_label"] for r in rows} == {"入門新手", "耀眼新秀", "領航者"}
    assert any("成熟度等級" in t.value for t in at.title)


def test_a_figures_table_and_source_are_drawn_when_opened():
    at = open_page("tiers.py", tier=["Champion"], lang="zh")
    assert not at.dataframe and not at.text  # closed: nothing below the charts is drawn
    assert {e.label for e in at.expander} == {"表格與出處"}
    at.session_state["more_apac_first_response_hours"] = True  # the reader opens one
    at.run()
    (row,) = at.dataframe[0].value.to_dict("records")
    assert (row["等級"], row["數值"], row["樣本數 N"]) == ("領航者", "1.7 小時", "62")
    texts = [t.value for t in at.text]
    assert "1.7 … 領航者 (N=62)" in texts  # the passage, as the document prints it
    assert any("快 29%" in t for t in texts)  # how the order of the numbers was resolved


def test_explore_shows_the_chosen_figures_table_and_source_open():
    at = open_page("explore.py", figure="apac_first_response_hours", tier=["Champion"])
    (row,) = at.dataframe[0].value.to_dict("records")
    assert (row["Tier"], row["Value"], row["Base N"]) == ("Champion", "1.7 h", "62")
    assert "1.7 … 領航者 (N=62)" in [t.value for t in at.text]


def test_hong_kongs_side_by_side_has_its_table_and_both_figures_sources():
    at = open_page("hong_kong.py", lang="zh")
    at.session_state["more_side_by_side_hk"] = True  # the reader opens the last section
    at.run()
    rows = at.dataframe[0].value.to_dict("records")
    by = {(r["圖表"], r["管道"]): (r["選項"], r["數值"], r["樣本數 N"]) for r in rows}
    assert by[("非常滿意/滿意", "店舖 / 分行 / 服務中心")] == ("非常滿意/滿意", "71%", "未公布")
    assert by[("在第一次接觸時便能解決問題", "社群媒體")] == ("可以", "42%", "未公布")
    texts = [t.value for t in at.text]  # each figure's passages, as the document prints them
    assert "非常滿意/滿意 / 店舖/ 分行/ 服務中心 / 71%" in texts
    assert "在第一次接觸時便能解決問題 / 公司社交媒體頁面 / 可以 / 42%" in texts
    assert len(at.warning) == 2  # each figure's flag (its order inferred), with its reason


def test_claim_audit_lists_every_claim():
    at = open_page("claims.py")
    table = at.dataframe[0].value
    assert len(table) > 100
    at.multiselect(key=state.widget_for("status", "en")).set_value(["differs"]).run()
    assert len(at.dataframe[0].value) == 1


def test_executive_summary_ranks_gaps_and_countries():
    at = open_page("executive.py")
    markdown = [m.value for m in at.markdown]
    # a gap card is titled by the question, the answer beneath, then both shares and the test
    question = "Are your agents able to switch seamlessly between the channels"
    assert any(question in v for v in markdown)
    assert "Yes, agents can switch channels seamlessly" in [c.value for c in at.caption]
    assert any("Champions **89%** · Starters 15% · **+74 pts**, significant" in v for v in markdown)
    # year over year: said once that no move is testable, not on every card
    untestable = [c.value for c in at.caption if "None of these changes can be tested" in c.value]
    assert len(untestable) == 1
    assert "41%" in [m.value for m in at.metric]  # differentiator, 2021
    assert not any("not testable" in c.value for c in at.caption)
    assert at.get("vega_lite_chart")  # the scorecard
