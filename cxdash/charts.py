"""Altair charts for one figure's values, in a form faithful to the report.

`figure_chart` looks at which dimensions vary in the data and picks the chart kind:
year-over-year pairs -> dumbbell; single-choice answers of several groups -> 100% stacked
bars; standalone statistics -> numbers side by side (never bars on one axis); otherwise
(grouped) bars coloured by tier (or year, respondent group, country).
Tier colours are the same everywhere (Okabe–Ito, colour-blind safe).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxdash import formatting
from cxdash.palette import (
    ANSWER_COLORS,
    COUNTRY_COLORS,
    FONT,
    GROUP_COLORS,
    ROW_PX,
    TIER_COLORS,
    YEAR_COLORS,
)

# (dimension code column, label column, order column) in the order they are tried as colour.
_DIMS = [
    ("tier", "tier_label", "tier_order"),
    ("year", "year_label", "year"),
    ("respondent_group", "group_label", "respondent_group"),
    ("country", "country_label", "country_order"),
    ("channel", "channel_label", "channel_order"),
    ("option_en", "option", "option_order"),
]


def varying(df: pd.DataFrame) -> list[str]:
    """Dimension codes whose value differs between rows. Two dimensions that move together
    (APAC's respondents vs other regions' respondents) count once: the later one is kept
    out, the respondent group first."""
    dims = [code for code, _, _ in _DIMS if df[code].nunique(dropna=False) > 1]
    for a in list(dims):
        for b in list(dims):
            if a == b or a not in dims or b not in dims:
                continue
            pairs = len(df[[a, b]].astype(str).drop_duplicates())
            if pairs == df[a].nunique(dropna=False) == df[b].nunique(dropna=False):
                dims.remove("respondent_group" if "respondent_group" in (a, b) else b)
    return dims


def _colors(df: pd.DataFrame, code: str, label: str, order: str) -> alt.Scale:
    rows = df.drop_duplicates(code).sort_values(order)
    if code == "tier":
        palette = [TIER_COLORS.get(c, "#999999") for c in rows[code]]
    elif code == "country":
        palette = [COUNTRY_COLORS.get(c, "#999999") for c in rows[code]]
    elif code == "year":
        palette = [
            YEAR_COLORS.get(int(c), "#999999") if pd.notna(c) else "#BBBBBB" for c in rows[code]
        ]
    else:
        palette = (GROUP_COLORS * 3)[: len(rows)]
    return alt.Scale(domain=list(rows[label]), range=palette)


def _prepare(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = df.copy()
    out["year_label"] = out["year_label"].fillna("")
    out["option"] = out["option"].fillna(out["title"])
    out["group_label"] = out["group_label"].fillna("")
    marks = out["significant"] if "significant" in out else [False] * len(out)
    out["value_text"] = [
        formatting.number(v, d, u, lang) + ("*" if s else "")
        for v, d, u, s in zip(out["value"], out["value_decimals"], out["unit"], marks)
    ]
    out["base_text"] = out["base_n"].map(lambda n: "" if pd.isna(n) else f"N={int(n)}")
    if "ci_low" in out:
        out["ci_text"] = [
            formatting.interval(lo, hi, u, lang)
            for lo, hi, u in zip(out["ci_low"], out["ci_high"], out["unit"])
        ]
    else:
        out["ci_text"] = ""
    out["opacity"] = out.get("low_base", False)
    out["opacity"] = out["opacity"].map(lambda low: 0.4 if low else 1.0)
    # value labels sit past the interval's whisker, never on it
    high = out["ci_high"] if "ci_high" in out else pd.Series(float("nan"), index=out.index)
    out["label_x"] = high.where(high.notna(), out["value"]).astype(float)
    return out


def _legend(labels: list[str]) -> alt.Legend:
    """Long labels get a row each; nothing is cut."""
    long = max((len(str(x)) for x in labels), default=0) > 28
    return alt.Legend(
        orient="bottom", title=None, columns=1 if long else min(len(labels), 3), labelLimit=0
    )


def _x(df: pd.DataFrame, field: str = "value") -> alt.X:
    """Percentages on a 0–100 axis with % ticks; anything else from zero."""
    if (df["unit"] == "percent").all():
        top = max(100.0, float(df["label_x"].max()))
        return alt.X(
            f"{field}:Q",
            title=None,
            scale=alt.Scale(domain=[0, top]),
            axis=alt.Axis(labelExpr="datum.value + '%'", tickCount=5),
        )
    return alt.X(f"{field}:Q", title=None, scale=alt.Scale(domainMin=0))


def _row_label(df: pd.DataFrame, dims: list[str]) -> pd.Series:
    labels = [lab for code, lab, _ in _DIMS if code in dims]
    if not labels:
        return df["title"]
    return df[labels].astype(str).agg(" · ".join, axis=1)


def _row_order(df: pd.DataFrame, dims: list[str]) -> list[str]:
    orders = [order for code, _, order in _DIMS if code in dims] or ["option_order"]
    return list(dict.fromkeys(df.sort_values(orders)["row"]))


def _tooltip(df: pd.DataFrame) -> list[alt.Tooltip]:
    fields = [
        ("row", "row"),
        ("option", "answer"),
        ("tier_label", "tier"),
        ("country_label", "country"),
        ("year_label", "year"),
        ("value_text", "value"),
        ("base_text", "base"),
        ("ci_text", "95% CI"),
        ("document", "source"),
    ]
    return [alt.Tooltip(f"{col}:N", title=title) for col, title in fields if col in df]


def _stacked(df: pd.DataFrame, dims: list[str], height: int) -> alt.Chart:
    rows = [d for d in dims if d != "option_en"]
    df = df.assign(row=_row_label(df, rows))
    options = list(dict.fromkeys(df.sort_values("option_order")["option"]))
    colours = dict(zip(options, (ANSWER_COLORS * 2)[: len(options)]))
    df = df.assign(label_color=df["option"].map(lambda o: colours[o][1]))
    base = alt.Chart(df).encode(
        y=alt.Y(
            "row:N",
            sort=_row_order(df, rows),
            title=None,
            axis=alt.Axis(labelLimit=360, labelOverlap=False),
        ),
        x=alt.X("value:Q", stack="zero", title=None, axis=None),
        order=alt.Order("option_order:Q"),
    )
    bars = base.mark_bar(stroke="white").encode(
        color=alt.Color(
            "option:N",
            sort=options,
            legend=_legend(options),
            scale=alt.Scale(domain=options, range=[colours[o][0] for o in options]),
        ),
        opacity=alt.Opacity("opacity:Q", scale=None),
        tooltip=_tooltip(df),
    )
    # segments under 6 points are too thin for a label: their value is in the tooltip
    labels = base.mark_text(align="right", dx=-4, fontSize=12).encode(
        text=alt.condition(alt.datum.value >= 6, "value_text:N", alt.value("")),
        x=alt.X("value:Q", stack="zero", bandPosition=1),
        color=alt.Color("label_color:N", scale=None),
    )
    return (bars + labels).properties(height=max(height, 44 * df["row"].nunique()))


def _grouped(df: pd.DataFrame, dims: list[str], height: int) -> alt.Chart:
    colour = next((d for d in dims if d != "option_en"), dims[0] if dims else "tier")
    code, label, order = next(d for d in _DIMS if d[0] == colour)
    rows = [d for d in dims if d != colour] or [colour]
    df = df.assign(row=_row_label(df, rows))
    groups = list(dict.fromkeys(df.sort_values(order)[label]))
    grouped = rows != [colour]
    color = alt.Color(
        f"{label}:N",
        scale=_colors(df, code, label, order),
        sort=groups,
        legend=_legend(groups) if grouped else None,
    )
    y = alt.Y(
        "row:N",
        sort=_row_order(df, rows),
        title=None,
        axis=alt.Axis(labelLimit=360, labelOverlap=False),
    )
    enc = {"y": y, "color": color}
    if grouped:
        enc["yOffset"] = alt.YOffset(f"{label}:N", sort=groups)
    base = alt.Chart(df).encode(**enc)
    bars = base.mark_bar().encode(
        x=_x(df), opacity=alt.Opacity("opacity:Q", scale=None), tooltip=_tooltip(df)
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12, color="#222222").encode(
        x=alt.X("label_x:Q"), text="value_text:N"
    )
    layers = [bars, labels]
    if "ci_low" in df and df["ci_low"].notna().any():
        layers.append(
            base.mark_errorbar(ticks={"size": 6}, color="#222222", thickness=1).encode(
                x=alt.X("ci_low:Q", title=None), x2="ci_high:Q"
            )
        )
    n_bars = df["row"].nunique() * (len(groups) if grouped else 1)
    return alt.layer(*layers).properties(height=max(height, ROW_PX * n_bars + 10))


def _dumbbell(df: pd.DataFrame, dims: list[str], height: int) -> alt.Chart:
    rows = [d for d in dims if d != "year"]
    df = df.assign(row=_row_label(df, rows))
    years = alt.Color(
        "year_label:N",
        scale=_colors(df, "year", "year_label", "year"),
        legend=alt.Legend(orient="bottom", title=None),
    )
    y = alt.Y(
        "row:N",
        sort=_row_order(df, rows),
        title=None,
        axis=alt.Axis(labelLimit=320, labelPadding=8),
        scale=alt.Scale(paddingOuter=0.6),
    )
    domain = [0, 100] if (df["unit"] == "percent").all() else [0, float(df["value"].max()) * 1.1]
    x = alt.X("value:Q", title=None, scale=alt.Scale(domain=domain))
    line = alt.Chart(df).mark_line(color="#BBBBBB", strokeWidth=3).encode(y=y, x=x, detail="row:N")
    points = (
        alt.Chart(df)
        .mark_circle(size=160, opacity=1)
        .encode(y=y, x=x, color=years, tooltip=_tooltip(df))
    )
    labels = (
        alt.Chart(df)
        .mark_text(dy=-15, fontSize=12)
        .encode(y=y, x=x, text="value_text:N", color=years)
    )
    return (line + points + labels).properties(height=max(height, 64 * df["row"].nunique()))


def _numbers(df: pd.DataFrame) -> alt.Chart:
    """Statistics that are not one comparable series (a count of customers beside a count of
    countries; "over 25% of costs" beside "35% of time"): side by side, as numbers."""
    df = df.assign(
        small=[" · ".join(filter(None, [o, b])) for o, b in zip(df["option"], df["base_text"])]
    )
    order = list(dict.fromkeys(df.sort_values("option_order")["small"]))
    x = alt.X(
        "small:N",
        sort=order,
        title=None,
        axis=alt.Axis(
            orient="bottom",
            labelAngle=0,
            labelLimit=260,
            domain=False,
            ticks=False,
            labelFontSize=12,
            labelPadding=12,
        ),
    )
    big = (
        alt.Chart(df)
        .mark_text(fontSize=40, fontWeight="bold", color="#0072B2")
        .encode(x=x, text="value_text:N", tooltip=_tooltip(df))
    )
    return big.properties(height=110)


def figure_chart(df: pd.DataFrame, lang: str, height: int = 120) -> alt.Chart:
    """The chart for one figure's (localised) values."""
    df = _prepare(df, lang)
    dims = varying(df)
    years = set(df["year"].dropna().astype(int))
    statistic = df["kind"].iloc[0] in ("kpi", "method", "benchmark")
    if {2020, 2021} <= years and "year" in dims:
        chart = _dumbbell(df, dims, height)
    elif statistic and not {"tier", "country", "year"} & set(dims):
        chart = _numbers(df)
    elif bool(df["single_choice"].iloc[0]) and "option_en" in dims and len(dims) > 1:
        chart = _stacked(df, dims, height)
    else:
        chart = _grouped(df, dims, height)
    return themed(chart)


def themed(chart: alt.Chart) -> alt.Chart:
    """Fonts and a clean look that survive export (exports do not carry Streamlit's theme)."""
    return (
        chart.configure(font=FONT, background="white")
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=12, grid=False, domain=False)
        .configure_legend(labelFontSize=12, symbolType="square")
    )
