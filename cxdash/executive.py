"""The executive summary: the biggest movements and gaps, each marked significant or not,
and a country scorecard."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from cxdash import charts, db, formatting, i18n, stats


def yoy_cards(pairs: pd.DataFrame) -> pd.DataFrame:
    """Region-wide share pairs, largest point change first."""
    shares = pairs[(pairs["measure"] == "share") & (pairs["country"] == "APAC")]
    return shares.reindex(shares["change_points"].abs().sort_values(ascending=False).index)


@st.cache_resource(show_spinner=False, max_entries=8)  # tests on every answer: compute once
def cached_tier_gaps(version: int, top: int = 6) -> pd.DataFrame:
    return tier_gaps(db.run("tier_comparison", tiers=[], years=[2021]), top)


def tier_gaps(values: pd.DataFrame, top: int = 6) -> pd.DataFrame:
    """Champion minus Starter for every share answer, largest gap first, with the test."""
    rows = []
    for _, fig in values[values["measure"] == "share"].groupby("figure_id", sort=False):
        tests = stats.pairwise(fig)
        for option, grp in fig.groupby(fig["option_en"].fillna(""), sort=False):
            by_tier = grp.set_index("tier")
            if not {"Starter", "Champion"} <= set(by_tier.index):
                continue
            champ, start = by_tier.loc["Champion"], by_tier.loc["Starter"]
            test = tests[
                (tests["option_en"] == option)
                & tests["a"].isin(["Starter", "Champion"])
                & tests["b"].isin(["Starter", "Champion"])
            ]
            rows.append(
                {
                    **champ.to_dict(),
                    "starter_value": start["value"],
                    "gap_points": champ["value"] - start["value"],
                    "significant": bool(test["significant"].any()),
                    "testable": bool(test["p"].notna().any()),
                }
            )
    gaps = pd.DataFrame(rows)
    if gaps.empty:
        return gaps
    gaps = gaps.assign(size=gaps["gap_points"].abs()).sort_values(
        ["size", "gap_points"], ascending=False
    )  # ties: the answer Champions give more
    return gaps.drop_duplicates("figure_id").head(top)  # one card per question


def verdict(significant: bool, testable: bool, lang: str) -> str:
    if not testable:
        return i18n.t("not_testable_base", lang)
    return i18n.t("sig_yes" if significant else "sig_no", lang)


def scorecard(rows: pd.DataFrame, lang: str) -> alt.Chart:
    """Callouts × countries: colour = rank among the countries reported, text = value."""
    zh = lang == "zh"
    df = rows.assign(
        callout=rows["title_zh" if zh else "title_en"],
        country_name=rows["country_label_zh" if zh else "country_label_en"],
        value_text=[
            formatting.number(v, d, u, lang)
            for v, d, u in zip(rows["value"], rows["value_decimals"], rows["unit"])
        ],
    )
    order = list(dict.fromkeys(df.sort_values("figure_order")["callout"]))
    countries = list(dict.fromkeys(df.sort_values("country_order")["country_name"]))
    base = alt.Chart(df).encode(
        x=alt.X(
            "country_name:N", sort=countries, title=None, axis=alt.Axis(orient="top", labelAngle=0)
        ),
        y=alt.Y("callout:N", sort=order, title=None, axis=alt.Axis(labelLimit=460)),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "country_rank:O",
            title=i18n.t("rank", lang),
            scale=alt.Scale(
                domain=[1, 2, 3, 4], range=["#1B7837", "#A6DBA0", "#E7D4E8", "#AF8DC3"]
            ),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=[
            "callout:N",
            "country_name:N",
            "value_text:N",
            "country_rank:O",
            "base_n:Q",
            "document:N",
        ],
    )
    text = base.mark_text(fontSize=12).encode(text="value_text:N")
    return charts.themed((cells + text).properties(height=30 * len(order)))
