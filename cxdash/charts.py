"""Vega-Lite specs (built with Altair) for one figure's values, in a form faithful to the report.

`spec` draws a figure's `Layout` (cxdash/chartrows.py: its chart kind and rows) over a named
dataset, "values", so a filter only changes which rows go in it: scales, colours, sort
orders and sizes per row stay the same (Japan keeps Japan's colour whichever countries are
shown). Tier colours are the same everywhere (Okabe–Ito, colour-blind safe).

Built for speed where Altair lets it: every channel by its class (`alt.Text("value_text:N")`,
never the bare string, which Altair matches against the schema each time), each layered
chart made once with its properties (each `.properties` or `.configure_*` of a layered chart
copies every layer), and Altair's debug validation off (cxdash/lazy.py).
"""

from __future__ import annotations

import functools
import json

import pandas as pd

from cxdash import dumbbell, formatting, i18n
from cxdash.chartrows import DIMS, Layout, by_channel, cycled, narrow, ordered
from cxdash.lazy import altair as alt
from cxdash.palette import (
    ANSWER_COLORS,
    ANSWER_SHADES,
    CHANNEL_COLORS,
    COUNTRY_COLORS,
    FONT,
    GROUP_COLORS,
    TIER_COLORS,
    WEB,
    Type,
    year_color,
)


def _colors(df: pd.DataFrame, code: str, label: str, order: str) -> alt.Scale:
    rows = narrow(df, code, label, order).drop_duplicates(code).sort_values(order)
    if code == "tier":
        palette = [TIER_COLORS.get(c, "#999999") for c in rows[code]]
    elif code == "country":
        palette = [COUNTRY_COLORS.get(c, "#999999") for c in rows[code]]
    elif code == "year":
        palette = [year_color(int(c)) if pd.notna(c) else "#BBBBBB" for c in rows[code]]
    elif code == "channel":
        palette = [CHANNEL_COLORS.get(c, ("#999999",))[0] for c in rows[code]]
    else:
        palette = (GROUP_COLORS * 3)[: len(rows)]
    return alt.Scale(domain=list(rows[label]), range=palette)


# A phone: the chart's container (not its plot, which depends on the labels) is narrower
# than this. Exports have no container (0 px) and draw as on a wide screen.
NARROW = "containerSize()[0] > 0 && containerSize()[0] < 480"
LEGEND_COLUMNS = 20  # on a phone a long legend label wraps at this many columns (CJK: two)
ROW_COLUMNS = 26  # ... and a row label at this many


def narrow_wrap(labels: list[str], columns: int, wide: str = "datum.label") -> str | None:
    """A Vega label expression: on a phone, each label that needs it broken into lines of
    `columns` (a lookup of the lines, made here); elsewhere `wide`. None if none wraps."""
    lines = {}
    for label in map(str, labels):
        wrapped = formatting.wrap(label.replace("\n", " "), columns)
        if len(wrapped) > 1:
            lines[label] = wrapped
    if not lines:
        return None
    table = json.dumps(lines, ensure_ascii=False)
    return f"{NARROW} && isValid({table}[datum.label]) ? {table}[datum.label] : {wide}"


def rows_axis(
    labels: list[str], look: Type, wide: str = "datum.label", limit: int | None = None, **extra
) -> alt.Axis:
    """The row labels' axis: whole up to `limit` px (`look.label_limit`), wrapped on a
    phone."""
    expr = narrow_wrap(labels, ROW_COLUMNS, wide)
    return alt.Axis(
        labelLimit=look.label_limit if limit is None else limit,
        labelOverlap=False,
        **({"labelExpr": expr} if expr else {}),
        **extra,
    )


def _legend(labels: list[str]) -> alt.Legend:
    """Long labels get a row each; nothing is cut: on a phone one column, a long label
    wrapped into lines."""
    long = max((len(str(x)) for x in labels), default=0) > 28
    columns = 1 if long else min(len(labels), 3)
    expr = narrow_wrap(labels, LEGEND_COLUMNS)
    return alt.Legend(
        orient="bottom",
        title=None,
        columns=alt.ExprRef(f"{NARROW} ? 1 : {columns}") if columns > 1 else 1,
        labelLimit=0,
        **({"labelExpr": expr} if expr else {}),
    )


SMALL_SHARE = 25.0  # percentages all below this are drawn on an axis scaled to them
HEADROOM = 1.2  # the axis runs this far past the largest value: its label stays inside


def _x(df: pd.DataFrame, field: str = "value") -> alt.X:
    """Percentages on a 0–100 axis with % ticks, small ones (8.9% vs 6.2% of a budget) on
    an axis scaled to them; anything else from zero. Always from zero, with room for the
    value label past the largest bar (or interval)."""
    top = float(df["label_x"].max()) * HEADROOM
    if (df["unit"] == "percent").all():
        small = float(df["label_x"].max()) < SMALL_SHARE
        return alt.X(
            f"{field}:Q",
            title=None,
            scale=alt.Scale(domain=[0, top] if small else [0, max(100.0, top)], nice=small),
            axis=alt.Axis(labelExpr="datum.value + '%'", tickCount=5),
        )
    return alt.X(
        f"{field}:Q", title=None, scale=alt.Scale(domain=[0, top]), axis=alt.Axis(tickCount=5)
    )


def _row_order(df: pd.DataFrame, dims: list[str]) -> list[str]:
    orders = [order for code, _, order in DIMS if code in dims] or ["option_order"]
    return ordered(df, "row", orders)


# a tooltip's lines: the rows' column and the i18n key of its title
_TOOLTIP = (
    ("row", "tip_row"),
    ("option", "tip_answer"),
    ("tier_label", "filter_tier"),
    ("country_label", "filter_country"),
    ("year_label", "filter_year"),
    ("value_text", "tip_value"),
    ("base_text", "base"),
    ("ci_text", "tip_interval"),
    ("test_text", "col_test_result"),
    ("source", "source_document"),
)


def _tooltip(df: pd.DataFrame) -> list[alt.Tooltip]:
    lang = df.attrs.get("lang", "en")  # set by `rows`
    return [alt.Tooltip(f"{col}:N", title=i18n.t(key, lang)) for col, key in _TOOLTIP if col in df]


def fits(look: Type) -> str:
    """A Vega test: the segment's drawn width (px, on the shared x scale) holds its value
    label (about 0.62 em a character) and 4 px either side — whatever the chart's width."""
    em = look.char_em * look.label
    return f"scale('x', datum.value) - scale('x', 0) >= length(datum.value_text) * {em:g} + 8"


def _answer_colour(df: pd.DataFrame, lay: Layout, options: list[str]) -> dict:
    """Stacked segments' colour encodings: by answer (the answer palette), or on channel
    rows by channel, each answer a lighter shade of it (its legend in grey shades)."""
    if not by_channel(lay):
        colours = dict(zip(options, cycled(ANSWER_COLORS, len(options))))
        scale = alt.Scale(domain=options, range=[colours[o][0] for o in options])
        return {"color": alt.Color("option:N", sort=options, legend=_legend(options), scale=scale)}
    shades = cycled(ANSWER_SHADES, len(options))
    return {
        "color": alt.Color(
            "channel_label:N", scale=_colors(df, "channel", "channel_label", "channel_order"),
            legend=None,
        ),
        "opacity": alt.Opacity(  # a legend of the answers in grey shades
            "option:O", sort=options, legend=_legend(options),
            scale=alt.Scale(domain=options, range=shades),
        ),
    }  # fmt: skip


def _stacked(df: pd.DataFrame, lay: Layout, look: Type) -> alt.Chart:
    rows = list(lay.rows)
    options = ordered(df, "option", ["option_order"])
    base = _chart().encode(
        y=alt.Y(
            "row:N",
            sort=_row_order(df, rows),
            title=None,
            axis=rows_axis(list(df["row"].unique()), look),
        ),
        x=alt.X("value:Q", stack="zero", title=None, axis=None),
        order=alt.Order("option_order:Q"),
    )
    colour = _answer_colour(df, lay, options)
    shaded = "opacity" in colour  # then a low base stays faint through the fill's opacity
    faint = (alt.FillOpacity if shaded else alt.Opacity)("opacity:Q", scale=None)
    bars = base.mark_bar(stroke="white").encode(
        **colour,
        **{"fillOpacity" if shaded else "opacity": faint},
        tooltip=_tooltip(df),
    )
    # a segment too narrow *as drawn* for its label keeps the value in the tooltip
    labels = base.mark_text(align="right", dx=-4, fontSize=look.label).encode(
        text=alt.TextValue(
            "", condition={"test": fits(look), "field": "value_text", "type": "nominal"}
        ),
        x=alt.X("value:Q", stack="zero", bandPosition=1),
        color=alt.Color("label_color:N", scale=None),
    )
    return layered(bars, labels, data=_VALUES, height=alt.Step(look.row + 14))


def _grouped(df: pd.DataFrame, lay: Layout, look: Type) -> alt.Chart:
    colour = lay.colour
    code, label, order = next(d for d in DIMS if d[0] == colour)
    rows = list(lay.rows)
    groups = ordered(df, label, [order])
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
        axis=rows_axis(list(df["row"].unique()), look),
    )
    enc = {"y": y, "color": color}
    if grouped:
        enc["yOffset"] = alt.YOffset(f"{label}:N", sort=groups)
    base = _chart().encode(**enc)
    bars = base.mark_bar().encode(
        x=_x(df), opacity=alt.Opacity("opacity:Q", scale=None), tooltip=_tooltip(df)
    )
    labels = base.mark_text(align="left", dx=4, fontSize=look.label, color="#222222").encode(
        x=alt.X("label_x:Q"), text=alt.Text("value_text:N")
    )
    layers = [bars, labels]
    if "ci_low" in df and df["ci_low"].notna().any():
        layers.append(
            base.mark_errorbar(ticks={"size": 6}, color="#222222", thickness=1).encode(
                x=alt.X("ci_low:Q", title=None), x2=alt.X2("ci_high:Q")
            )
        )
    step = alt.Step(look.row, **{"for": "offset"}) if grouped else alt.Step(look.row + 6)
    return layered(*layers, data=_VALUES, height=step)


def _dumbbell(df: pd.DataFrame, lay: Layout, look: Type) -> alt.Chart:
    rows = list(lay.rows)
    years = alt.Color(
        "year_label:N",
        scale=_colors(df, "year", "year_label", "year"),
        legend=alt.Legend(orient="bottom", title=None),
    )
    percent = bool((df["unit"] == "percent").all())
    domain = [0, 100] if percent else [0, float(df["value"].max()) * 1.1]
    axis = alt.Axis(labelExpr="datum.value + '%'" if percent else "datum.label", tickCount=5)
    x = alt.X("value:Q", title=None, scale=alt.Scale(domain=domain), axis=axis)

    def y(position: float = 0.5) -> alt.Y:
        return alt.Y(
            "row:N",
            sort=_row_order(df, rows),
            title=None,
            axis=rows_axis(list(df["row"].unique()), look, labelPadding=8),
            scale=alt.Scale(type="band", paddingOuter=0.1),  # a band: dots can sit off its middle
            bandPosition=position,
        )

    layers = dumbbell.marks(_chart(), y, x, years, _tooltip(df), look, domain[1])
    return layered(*layers, data=_VALUES, height=alt.Step(look.row * 2 + 4))


def _numbers(df: pd.DataFrame, look: Type) -> alt.Chart:
    """Statistics that are not one comparable series (a count of customers beside a count of
    countries; "over 25% of costs" beside "35% of time"): side by side, as numbers."""
    order = ordered(df, "small", ["option_order"])
    x = alt.X(
        "small:N",
        sort=order,
        title=None,
        axis=alt.Axis(
            orient="bottom",
            labelAngle=0,
            labelLimit=0,
            labelOverlap=False,
            labelExpr="split(datum.label, '\\n')",
            labelLineHeight=look.label + 2,
            domain=False,
            ticks=False,
            labelFontSize=look.label,
            labelPadding=12,
        ),
    )
    big = (
        alt.Chart(_VALUES)
        .mark_text(fontSize=look.number, fontWeight="bold", color="#0072B2")
        .encode(x=x, text=alt.Text("value_text:N"), tooltip=_tooltip(df))
    )
    return big.properties(height=look.number * 2 + 30)


def layered(*layers: alt.Chart, **top) -> alt.LayerChart:
    """`alt.layer` of layers that hold no data, parameters or sizes of their own (each
    chart's here: `top` holds them): the same chart, without Altair's deep copies of every
    layer to lift those out, which were most of a spec's time."""
    chart = alt.LayerChart(**top)
    chart.layer = list(layers)
    return chart


def _chart() -> alt.Chart:
    """A layer: its layered chart holds the data (`_VALUES`), so Altair does not copy each
    layer to lift the data out of it (three deep copies of each layer were half of its
    build)."""
    return alt.Chart()


# The named dataset "values" every chart draws: the spec carries no rows of its own.
_VALUES = {"name": "values"}


_BUILDERS = {"dumbbell": _dumbbell, "stacked": _stacked, "grouped": _grouped}


def spec(df: pd.DataFrame, lay: Layout, look: Type = WEB) -> dict:
    """The Vega-Lite spec of a figure's `rows`, over the named dataset "values" (empty: the
    caller puts the rows to draw in `spec["datasets"]["values"]`), in `look`'s type sizes."""
    if lay.kind == "numbers":
        chart = _numbers(df, look)
    else:
        chart = _BUILDERS[lay.kind](df, lay, look)
    config = {k: dict(v) if isinstance(v, dict) else v for k, v in _config(look).items()}
    return {**chart.to_dict(validate=False), "config": config, "datasets": {"values": []}}


@functools.cache
def _config(look: Type) -> dict:
    """`themed`'s configuration as Vega-Lite, made once per look: a spec takes a copy of it
    instead of configuring each chart (2.5 ms a figure from respondents)."""
    return themed(_chart(), look).to_dict(validate=False)["config"]


def themed(chart: alt.Chart, look: Type = WEB) -> alt.Chart:
    """Fonts and a clean look that survive export (exports do not carry Streamlit's theme)."""
    return chart.configure(  # in one call: each configure_* copies a layered chart's layers
        font=FONT,
        background="white",
        view=alt.ViewConfig(stroke=None),
        axis=alt.AxisConfig(labelFontSize=look.label, grid=False, domain=False),
        legend=alt.LegendConfig(
            labelFontSize=look.label, symbolType="square", symbolSize=look.label * 8
        ),
    )


def fit(spec: dict, height: int, bands: int | None = None, grow: float = 2.0) -> dict:
    """The spec with its rows stepped to fill up to `height` px of plot: a few rows grow (at
    most `grow` times their step), many rows share the height (presentation mode, one
    screen). `bands`: how many rows (or offset bars) the step is for, counted from the
    spec's "values" rows when not given."""
    step = spec.get("height")
    if not isinstance(step, dict) or "step" not in step:
        return spec
    if bands is None:
        records = spec.get("datasets", {}).get("values", [])
        offset = step.get("for") == "offset"
        bands = len(records) if offset else len({r.get("row") for r in records})
    if not bands:
        return spec
    # a few rows grow until they fill most of the plot (one or two bars
    # would otherwise leave most of a slide empty); many rows share the height
    fill = height * 0.7 / bands if bands > 1 else 0  # one value: its big number fills the slide
    best = min(height / bands, max(step["step"] * grow, fill))
    return {**spec, "height": {**step, "step": max(int(best), 1)}}
