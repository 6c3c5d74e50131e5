"""The baseline for bench/speed.py: a bare Streamlit page that draws as many Altair charts as
the app's heaviest page, of a similar kind and size, with nothing else around them.

Every chart is a layered horizontal bar chart (bars + value labels; the first chart also has
error bars while intervals are shown), 3-9 rows with all three tiers, built from scratch on
every run (no caching). The sidebar has the same controls, widget keys, option order and URL
parameters as the app (`lang`, `tier`, `year`, `ci`), and every control changes the data of
every chart, so bench/speed.py can drive both pages with the same clicks and the same links.

Chart count: `?charts=N`, else the BARE_CHARTS environment variable, else 26.
BARE_DUCKDB=FILE opens that DuckDB database read-only once per process (as the app, read-only) and
reads every table of it into pandas once (the floor of the app's server memory: this stack
plus DuckDB holding the app's data).
BARE_SPECS=FILE (a JSON list of Vega-Lite specs, bench/app_specs.py) draws those specs
instead, each under a heading, still with nothing else around them: the floor of a page of
the app's own charts on this stack.
Run alone: streamlit run bench/bare_page.py
"""

from __future__ import annotations

import json
import os
import zlib

import altair as alt
import pandas as pd
import streamlit as st

TIERS = ["Starter", "Emerging", "Champion", "All"]  # the app's order; "All" is a published row
TIER_LABELS = {
    "en": {"Starter": "Starter", "Emerging": "Emerging", "Champion": "Champion", "All": "All"},
    "zh": {"Starter": "起步者", "Emerging": "成長者", "Champion": "領先者", "All": "所有層級"},
}
TIER_COLORS = ["#E69F00", "#56B4E9", "#009E73", "#7F7F7F"]
YEARS = ["2001", "2018", "2020", "2021"]
LANGUAGES = {"en": "English", "zh": "繁體中文"}
ANSWERS = {
    "en": ["Profit centre", "Cost neutral", "Cost centre"],
    "zh": ["利潤中心", "成本中立", "成本中心"],
}


@st.cache_resource
def opened(path: str) -> int:
    """Open the database read-only in DuckDB and read every table into pandas once (the
    relation API: no SQL text is built); the number of rows read."""
    import duckdb

    con = duckdb.connect(path, read_only=True)
    names = con.execute("select table_name from duckdb_tables()").fetchall()
    return sum(len(con.table(n).df()) for (n,) in names)


def chart_count() -> int:
    raw = st.query_params.get("charts") or os.environ.get("BARE_CHARTS") or "26"
    try:
        return max(1, min(200, int(raw)))
    except ValueError:
        return 26


def seed_from_url() -> None:
    """The URL gives each control its first value (once per session), as in the app."""
    if "lang" not in st.session_state:
        lang = st.query_params.get_all("lang")
        st.session_state["lang"] = lang[-1] if lang and lang[-1] in LANGUAGES else "en"
    for key, options in (("tier", TIERS), ("year", YEARS)):
        if key not in st.session_state:
            wanted = dict.fromkeys(st.query_params.get_all(key))
            st.session_state[key] = [v for v in wanted if v in options]
    if "ci" not in st.session_state:
        st.session_state["ci"] = st.query_params.get("ci") != "0"


def value(chart: int, tier: str, answer: int, years: tuple[str, ...], lang: str) -> float:
    """A stable pseudo-random percentage for one bar of one selection."""
    key = f"{chart}|{tier}|{answer}|{','.join(years)}|{lang}"
    return 5 + (zlib.crc32(key.encode()) % 9000) / 100


def chart_data(chart: int, tiers: list[str], years: tuple[str, ...], lang: str, ci: bool):
    answers = ANSWERS[lang][: 1 + chart % 3]  # 1-3 answers per tier: 3-9 rows
    rows = []
    for tier in tiers:
        for i, answer in enumerate(answers):
            v = value(chart, tier, i, years, lang)
            half = 3 + v % 7
            rows.append(
                {
                    "row": f"{TIER_LABELS[lang][tier]} · {answer}",
                    "tier": TIER_LABELS[lang][tier],
                    "value": v,
                    "lo": max(v - half, 0.0),
                    "hi": min(v + half, 100.0),
                    "label_x": min(v + half, 100.0) if ci else v,
                    "value_text": f"{v:.0f}%",
                }
            )
    return pd.DataFrame(rows)


def chart(df: pd.DataFrame, lang: str, errorbars: bool) -> alt.Chart:
    tiers = list(dict.fromkeys(df["tier"]))
    base = alt.Chart(df).encode(
        y=alt.Y("row:N", sort=list(df["row"]), title=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color(
            "tier:N",
            scale=alt.Scale(domain=tiers, range=TIER_COLORS[: len(tiers)]),
            legend=None,
        ),
    )
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", title=None, scale=alt.Scale(domain=[0, 100])),
        tooltip=["row:N", "value_text:N"],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12, color="#222222").encode(
        x="label_x:Q", text="value_text:N"
    )
    layers = [bars, labels]
    if errorbars:
        layers.append(
            base.mark_errorbar(ticks={"size": 6}, color="#222222", thickness=1).encode(
                x=alt.X("lo:Q", title=None), x2="hi:Q"
            )
        )
    return alt.layer(*layers).properties(height=max(120, 30 * len(df) + 10))


st.set_page_config(page_title="Bare page", layout="wide")
seed_from_url()
side = st.sidebar
lang = side.radio(
    "Language", list(LANGUAGES), key="lang", format_func=LANGUAGES.get, horizontal=True
)
chosen_tiers = side.multiselect(
    "Maturity tier", TIERS, key="tier", format_func=TIER_LABELS[lang].get, placeholder="All"
)
chosen_years = side.multiselect("Year", YEARS, key="year", placeholder="All")
show_ci = side.toggle("Show 95% intervals", key="ci")

tiers = chosen_tiers or TIERS[:3]
years = tuple(chosen_years)
st.title("Bare page" if lang == "en" else "基準頁")
if os.environ.get("BARE_DUCKDB"):
    st.caption(f"{opened(os.environ['BARE_DUCKDB'])} rows read from DuckDB")
if os.environ.get("BARE_SPECS"):
    with open(os.environ["BARE_SPECS"], encoding="utf-8") as fh:
        specs = json.load(fh)
    for n, spec in enumerate(specs):
        st.markdown(f"#### Chart {n + 1}")
        st.vega_lite_chart(spec, width="stretch")
else:
    for n in range(chart_count()):
        df = chart_data(n, tiers, years, lang, show_ci)
        st.markdown(f"#### Chart {n + 1}")
        st.altair_chart(chart(df, lang, errorbars=show_ci and n == 0), width="stretch")
