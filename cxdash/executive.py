"""The executive summary: the biggest movements and gaps, each marked significant or not,
and a country scorecard."""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxdash import charts, formatting, i18n


def yoy_cards(pairs: pd.DataFrame) -> pd.DataFrame:
    """Region-wide share pairs from each measure's first to its latest wave (the widest
    pair, whatever the number of waves), largest point change first."""
    shares = pairs[(pairs["measure"] == "share") & (pairs["country"] == "APAC")]
    key = ["figure_id", "tier", "country", "channel", "respondent_group", "option_en"]
    widest = (shares["year_to"] - shares["year_from"]).rename("span")
    shares = shares.assign(span=widest).sort_values("span", ascending=False, kind="stable")
    shares = shares.drop_duplicates(key).drop(columns="span")
    return shares.reindex(shares["change_points"].abs().sort_values(ascending=False).index)


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
