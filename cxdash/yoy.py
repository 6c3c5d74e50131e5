"""Year-over-year pairs across any number of waves: a dumbbell chart with one row per measure
and one dot per wave, and a table with one row per pair of waves (each wave with the next,
and the first with the latest) giving the point change, the relative change and whether the
change is testable."""

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


def shown(pairs: pd.DataFrame, surveys: tuple[str, ...], years: tuple[int, ...]) -> pd.DataFrame:
    """The pairs of the surveys asked for whose two waves are both among the years asked for
    (nothing asked: every pair)."""
    keep = pairs["survey_id"].isin(surveys) if surveys else pd.Series(True, index=pairs.index)
    if years:
        keep &= pairs["year_from"].isin(years) & pairs["year_to"].isin(years)
    return pairs[keep]


def waves(pairs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per measure and wave (row, year, value), from both sides of the pairs."""
    ends = [
        pairs.assign(year=pairs[f"year_{side}"], value=pairs[f"value_{side}"])
        for side in ("from", "to")
    ]
    long = pd.concat(ends, ignore_index=True)
    long["row"] = _label(long, lang)
    long = long.drop_duplicates(["row", "year"])[["row", "figure_order", "year", "value"]]
    long["year"] = long["year"].astype(int).astype(str)
    long["value_text"] = long["value"].map(lambda v: formatting.number(v, 0, "percent", lang))
    return long


def dumbbell(pairs: pd.DataFrame, lang: str) -> alt.Chart:
    """Every percentage measure on one chart: a dot per wave, joined."""
    pct = pairs[(pairs["unit"] == "percent") & (pairs["measure"] == "share")]
    long = waves(pct, lang)
    order = list(dict.fromkeys(long.sort_values("figure_order", kind="stable")["row"]))
    years = sorted(long["year"].unique())
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
        scale=alt.Scale(domain=years, range=[palette.year_color(int(y)) for y in years]),
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


def _base(n: object, lang: str) -> str:
    return i18n.t("base_not_published", lang) if pd.isna(n) else str(int(n))


def steps(pairs: pd.DataFrame, lang: str) -> list[str]:
    """'2021 → 2022', and '2020 → 2022 (first → latest wave)' for the widest pair."""
    return [
        f"{int(a)} → {int(b)}"
        + (f" ({i18n.t('step_first_to_last', lang)})" if s != "consecutive" else "")
        for a, b, s in zip(pairs["year_from"], pairs["year_to"], pairs["step"])
    ]


def table(pairs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Pair, both values with bases, point and relative change, test, comparability."""
    t = lambda key: i18n.t(key, lang)  # noqa: E731
    pairs = i18n.pick(pairs, lang)  # the years' notes in the reader's language
    out = pd.DataFrame({t("col_measure"): _label(pairs, lang), t("col_waves"): steps(pairs, lang)})
    for side, key in (("from", "col_earlier"), ("to", "col_later")):
        out[t(key)] = [
            formatting.number(v, 1 if u != "percent" else 0, u, lang)
            for v, u in zip(pairs[f"value_{side}"], pairs["unit"])
        ]
        out[f"N ({t(key)})"] = pairs[f"base_n_{side}"].map(lambda n: _base(n, lang))
    unit_pts = pairs["unit"].map(lambda u: "points" if u == "percent" else u)
    out[t("col_change_points")] = [
        formatting.number(c, 0 if u == "points" else 1, u, lang, signed=True)
        for c, u in zip(pairs["change_points"], unit_pts)
    ]
    out[t("col_change_relative")] = [
        "–" if pd.isna(r) else formatting.number(r, 0, "percent", lang, signed=True)
        for r in pairs["change_relative_pct"]
    ]
    out[t("col_test_waves")] = [_test(r, lang) for _, r in pairs.iterrows()]
    out[t("col_comparability")] = [_comparability(r, lang) for _, r in pairs.iterrows()]
    return out


def _comparability(row: pd.Series, lang: str) -> str:
    """What data/dimensions/years.csv states about each wave of this pair, and each base."""
    return i18n.t(
        "comparability_waves",
        lang,
        year_from=int(row["year_from"]),
        note_from=row["year_note_from"] if isinstance(row["year_note_from"], str) else "–",
        n_from=_base(row["base_n_from"], lang),
        year_to=int(row["year_to"]),
        note_to=row["year_note_to"] if isinstance(row["year_note_to"], str) else "–",
        n_to=_base(row["base_n_to"], lang),
    )
