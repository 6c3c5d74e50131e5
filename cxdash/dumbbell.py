"""The dumbbell of a year-over-year comparison: a line per row and a labelled dot per wave,
dots that would hide each other moved off the line. Drawn by a figure's chart
(cxdash/charts.py) and by the Year over year page's chart of every measure (cxdash/yoy.py)."""

from __future__ import annotations

import pandas as pd

from cxdash.lazy import altair as alt
from cxdash.palette import Type

DODGE_BAND = 0.14  # equal dots of a row sit this share of its step above and below its line
NEAR = 0.04  # dots closer than this share of the axis would hide each other
LEFT_ROOM = 0.1  # a lowest dot this close to the axis's start keeps its label above it


def dodge(df: pd.DataFrame, span: float) -> list[int]:
    """Per value, its dot's slot in its row: 0 on the line; -1 / +1 (earlier / later wave)
    above / below it when another dot of the row is within NEAR of the axis `span` (equal
    values: Emerging 26% in 2020 and in 2021), so no dot or label hides another."""
    slots = pd.Series(0, index=df.index)
    for _, group in df.sort_values(["value", "year"]).groupby("row", sort=False):
        cluster: list = []
        for i, v in zip(group.index, group["value"]):
            if cluster and v - df.at[cluster[-1], "value"] > NEAR * span:
                _spread(slots, df, cluster)
                cluster = []
            cluster.append(i)
        _spread(slots, df, cluster)
    return slots.tolist()


def _spread(slots: pd.Series, df: pd.DataFrame, cluster: list) -> None:
    if len(cluster) > 1:
        ordered = df.loc[cluster].sort_values("year").index
        for k, i in enumerate(ordered):
            slots[i] = [-1, 1, 0][k % 3]


def marks(base: alt.Chart, y, x: alt.X, color: alt.Color, tooltip, look: Type, span) -> list:
    """A line per row and a labelled dot per wave. The lowest dot's label sits left of it,
    the highest's right of it (they never meet, however narrow the chart), others above
    (and a lowest dot near the axis's start, whose label would reach the row labels); dots
    in the way of each other (the `dodge` column) move off the line, labels beside them.
    `y(position)`: the row encoding at a position within its band; `span`: the axis. The
    layers, for the caller to layer with its height."""
    line = base.mark_line(color="#BBBBBB", strokeWidth=3).encode(
        y=y(), x=x, detail=alt.Detail("row:N")
    )
    ends = base.transform_joinaggregate(
        low="min(value)", high="max(value)", dots="count()", groupby=["row"]
    )
    pad = look.label * 0.8
    on_line = "datum.dodge == 0 && datum.dots > 1"
    left = f"{on_line} && datum.value == datum.low && datum.value > {LEFT_ROOM * span:g}"
    right = f"{on_line} && datum.value == datum.high"
    labels = [
        (left, {"align": "right", "dx": -pad}, 0),
        (right, {"align": "left", "dx": pad}, 0),
        (f"datum.dodge == 0 && !({left}) && !({right})", {"dy": -(look.label + 3)}, 0),
        ("datum.dodge == -1", {"align": "left", "dx": pad}, -1),
        ("datum.dodge == 1", {"align": "left", "dx": pad}, 1),
    ]
    layers = [line]
    for slot in (-1, 0, 1):
        layers.append(
            base.transform_filter(f"datum.dodge == {slot}")
            .mark_circle(size=look.label * 13, opacity=1)
            .encode(y=y(0.5 + slot * DODGE_BAND), x=x, color=color, tooltip=tooltip)
        )
    for test, place, slot in labels:
        layers.append(
            ends.transform_filter(test)
            .mark_text(fontSize=look.label, baseline="middle", **place)
            .encode(y=y(0.5 + slot * DODGE_BAND), x=x, text=alt.Text("value_text:N"), color=color)
        )
    return layers
