"""Year-over-year pairs (2020 -> 2021): a slope/dumbbell chart across measures and a table
with the point change, the relative change and whether the change is testable."""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxdash import charts, formatting, i18n, palette


def _label(pairs: pd.DataFrame, lang: str) -> pd.Series:
    zh = lang == "zh"
    title = pairs["title_zh" if zh else "title_en"]
    option = pairs["option_zh" if zh else "option_en"].fillna("")
    tier = pairs["tier_label_zh" if zh else "tier_label_en"].where(pairs["tier"] != "All", "")
    country = pairs["country_label_zh" if zh else "country_label_en"].where(
        pairs["country"] != "APAC", ""
    )
    parts = pd.concat([country, tier, option, title], axis=1).astype(str)  # what differs first
    return parts.apply(lambda r: " · ".join(p for p in r if p), axis=1)


def dumbbell(pairs: pd.DataFrame, lang: str) -> alt.Chart:
    """Every percentage pair on one chart: grey 2020 dot, blue 2021 dot, joined."""
    pct = pairs[(pairs["unit"] == "percent") & (pairs["measure"] == "share")].copy()
    pct["row"] = _label(pct, lang)
    long = pct.melt(
        id_vars=["row", "figure_order"],
        value_vars=["value_2020", "value_2021"],
        var_name="year",
        value_name="value",
    )
    long["year"] = long["year"].str[-4:]
    long["value_text"] = long["value"].map(lambda v: formatting.number(v, 0, "percent", lang))
    order = list(dict.fromkeys(pct.sort_values("figure_order")["row"]))
    y = alt.Y(
        "row:N",
        sort=order,
        title=None,
        axis=alt.Axis(labelLimit=560, labelPadding=8),
        scale=alt.Scale(paddingOuter=0.6),
    )
    x = alt.X("value:Q", title=None, scale=alt.Scale(domain=[0, 100]))
    color = alt.Color(
        "year:N",
        scale=alt.Scale(
            domain=["2020", "2021"], range=[palette.YEAR_COLORS[2020], palette.YEAR_COLORS[2021]]
        ),
        legend=alt.Legend(orient="bottom", title=None),
    )
    line = (
        alt.Chart(long).mark_line(color="#CCCCCC", strokeWidth=3).encode(y=y, x=x, detail="row:N")
    )
    dots = (
        alt.Chart(long)
        .mark_circle(size=150, opacity=1)
        .encode(y=y, x=x, color=color, tooltip=["row:N", "year:N", "value_text:N"])
    )
    text = (
        alt.Chart(long)
        .mark_text(dy=-14, fontSize=12)
        .encode(y=y, x=x, text="value_text:N", color=color)
    )
    return charts.themed((line + dots + text).properties(height=alt.Step(48)))


def _test(row: pd.Series, lang: str) -> str:
    if pd.isna(row["p"]):
        return i18n.t("not_testable_base", lang)
    return f"p = {row['p']:.3f}"


def table(pairs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Pair, both values with bases, point and relative change, test."""
    out = pd.DataFrame({i18n.t("col_measure", lang): _label(pairs, lang)})
    for year in ("2020", "2021"):
        out[year] = [
            formatting.number(v, 1 if u != "percent" else 0, u, lang)
            for v, u in zip(pairs[f"value_{year}"], pairs["unit"])
        ]
        out[f"N {year}"] = pairs[f"base_n_{year}"].map(
            lambda n: i18n.t("base_not_published", lang) if pd.isna(n) else str(int(n))
        )
    unit_pts = pairs["unit"].map(lambda u: "points" if u == "percent" else u)
    out[i18n.t("col_change_points", lang)] = [
        formatting.number(c, 0 if u == "points" else 1, u, lang, signed=True)
        for c, u in zip(pairs["change_points"], unit_pts)
    ]
    out[i18n.t("col_change_relative", lang)] = [
        "–" if pd.isna(r) else formatting.number(r, 0, "percent", lang, signed=True)
        for r in pairs["change_relative_pct"]
    ]
    out[i18n.t("col_test", lang)] = [_test(r, lang) for _, r in pairs.iterrows()]
    out[i18n.t("col_comparability", lang)] = [_comparability(r, lang) for _, r in pairs.iterrows()]
    return out


def _comparability(row: pd.Series, lang: str) -> str:
    """What the documents state about the two waves of this pair, and what they do not."""
    n21 = (
        i18n.t("base_not_published", lang)
        if pd.isna(row["base_n_2021"])
        else int(row["base_n_2021"])
    )
    n20 = (
        i18n.t("base_not_published", lang)
        if pd.isna(row["base_n_2020"])
        else int(row["base_n_2020"])
    )
    return i18n.t("comparability", lang, n21=n21, n20=n20)
