"""A figure's layout and the rows its chart draws, from its values as records (no Altair).

A figure's `Layout` is decided once, on all its published values: which dimensions vary
picks the chart kind — year-over-year pairs -> dumbbell; single-choice answers of several
groups -> 100% stacked bars; standalone statistics -> numbers side by side (never bars on one
axis); otherwise (grouped) bars coloured by tier (or year, respondent group, country).
`rows` adds the display columns every value carries (its row label, formatted value and
interval, opacity, label position and colour) and makes the one frame `charts.spec` draws.

Records, not a pandas frame, until that frame: a figure's values are a few rows of some 90
columns, where each column's step of a frame costs more than the rows' work.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cxdash import dumbbell, formatting
from cxdash.formatting import given, missing
from cxdash.palette import ANSWER_COLORS, CHANNEL_COLORS

# (dimension code column, label column, order column) in the order they are tried as colour.
DIMS = [
    ("tier", "tier_label", "tier_order"),
    ("year", "year_label", "year"),
    ("respondent_group", "group_label", "respondent_group"),
    ("country", "country_label", "country_order"),
    ("channel", "channel_label", "channel_order"),
    ("option_en", "option", "option_order"),
]
LABEL_COLUMNS = {code: label for code, label, _ in DIMS}  # a dimension -> its label column


def _distinct(records: list[dict], *columns: str) -> int:
    """How many different values (or combinations) the records have, a missing one counted
    once, whatever its kind (a frame's `nunique(dropna=False)`)."""
    return len({tuple(None if missing(r[c]) else r[c] for c in columns) for r in records})


def varying(records: list[dict]) -> list[str]:
    """Dimension codes whose value differs between rows. Two dimensions that move together
    (APAC's respondents vs other regions' respondents) count once: the later one is kept
    out, the respondent group first."""
    dims = [code for code, _, _ in DIMS if _distinct(records, code) > 1]
    for a in list(dims):
        for b in list(dims):
            if a == b or a not in dims or b not in dims:
                continue
            pairs = _distinct(records, a, b)
            if pairs == _distinct(records, a) == _distinct(records, b):
                dims.remove("respondent_group" if "respondent_group" in (a, b) else b)
    return dims


@dataclass(frozen=True)
class Layout:
    kind: str  # dumbbell | numbers | stacked | grouped
    dims: tuple[str, ...]  # the dimensions that vary across the figure's values
    rows: tuple[str, ...]  # the dimensions a row label is made of
    colour: str | None  # the dimension bars are coloured (and offset) by


def layout(records: list[dict]) -> Layout:
    """The chart kind of a figure, decided on all its values (see the module docstring)."""
    dims = varying(records)
    years = {int(r["year"]) for r in records if not missing(r["year"])}
    statistic = records[0]["kind"] in ("kpi", "method", "benchmark")
    if len(years) >= 2 and "year" in dims:
        return Layout("dumbbell", tuple(dims), tuple(d for d in dims if d != "year"), "year")
    if statistic and not {"tier", "country", "year"} & set(dims):
        return Layout("numbers", tuple(dims), (), None)
    if bool(records[0]["single_choice"]) and "option_en" in dims and len(dims) > 1:
        return Layout("stacked", tuple(dims), tuple(d for d in dims if d != "option_en"), None)
    colour = next((d for d in dims if d != "option_en"), dims[0] if dims else _own(records))
    rows = tuple(d for d in dims if d != colour) or (colour,)
    return Layout("grouped", tuple(dims), rows, colour)


def _own(records: list[dict]) -> str:
    """What a figure of one value is coloured and named by: the first dimension it has (an
    estimate from one wave over every tier: its year), as it is wherever that dimension varies."""
    named = (code for code, label, _ in DIMS if any(given(r[label]) for r in records))
    return next(named, "tier")


def rows(records: list[dict], lay: Layout, lang: str, show_ci: bool) -> pd.DataFrame:
    """Every value of a figure (localised records) with the columns its chart draws, as the
    frame the spec is drawn from. Hidden intervals are empty in the rows, so the spec stays
    the same with or without them. Made as records, then one frame: a figure's values are a
    few rows of some 90 columns, where each column's step of a frame costs."""
    out = [_prepared(r, lang, show_ci) for r in records]
    names = [code for code, _, _ in DIMS if code in lay.rows]
    for r in out:
        r["row"] = _row_label(r, names)
    if lay.kind == "stacked" and by_channel(lay):  # the channel's colour, answers by shade
        first = min((r["option_order"] for r in out if given(r["option_order"])), default=None)
        for r in out:
            own = CHANNEL_COLORS.get(r["channel"], ("", "#222222"))[1]
            r["label_color"] = own if r["option_order"] == first else "#222222"
    if lay.kind == "dumbbell":
        percent = all(r["unit"] == "percent" for r in out)
        top = max((r["value"] for r in out if given(r["value"])), default=float("nan"))
        frame = formatting.frame(out)
        frame["dodge"] = dumbbell.dodge(frame, 100.0 if percent else float(top) * 1.1)
    else:
        if lay.kind == "numbers":  # labels wrapped to share about 640 px, never cut
            width = max(14, 96 // len(out))
            for r in out:
                r["small"] = "\n".join(
                    formatting.wrap(" · ".join(filter(None, [r["option"], r["base_text"]])), width)
                )
        frame = formatting.frame(out)
    if lay.kind == "stacked" and not by_channel(lay):  # each answer's label on its colour
        options = ordered(frame, "option", ["option_order"])  # the order `_stacked` colours
        colours = dict(zip(options, cycled(ANSWER_COLORS, len(options))))
        frame["label_color"] = [colours[o][1] for o in frame["option"]]
    frame.attrs["lang"] = lang  # the tooltips' titles
    return frame


def _prepared(record: dict, lang: str, show_ci: bool) -> dict:
    """A value's record with its chart's display columns: the label texts, its value,
    base and interval as text, its opacity (faint on a low base) and where its label sits."""
    r = dict(record)
    if not show_ci:
        r["ci_low"] = r["ci_high"] = float("nan")
    r["year_label"] = "" if missing(r["year_label"]) else r["year_label"]
    r["option"] = r["title"] if missing(r["option"]) else r["option"]
    r["group_label"] = "" if missing(r["group_label"]) else r["group_label"]
    # '*' only for a significant difference: a value not tested is never marked either way
    # (tables.marks_key says so beside the chart)
    mark = "*" if r.get("test_status") == "significant" else ""
    r["value_text"] = formatting.number(r["value"], r["value_decimals"], r["unit"], lang) + mark
    n = r["base_n"]
    r["base_text"] = "" if missing(n) else formatting.base(n)
    has_ci = "ci_low" in r
    r["ci_text"] = formatting.interval(r["ci_low"], r["ci_high"], r["unit"], lang) if has_ci else ""
    r["opacity"] = 0.4 if r.get("low_base", False) else 1.0
    # value labels sit past the interval's whisker, never on it
    at = r["value"] if missing(r.get("ci_high")) else r["ci_high"]
    r["label_x"] = float("nan") if missing(at) else float(at)
    return r


def _row_label(record: dict, dims: list[str]) -> str:
    """A value's row label: its labels of the row dimensions, joined; a value with none
    of them (an estimate from respondents over every tier, where the report printed "All")
    is labelled by the figure's title, as a figure without row dimensions is."""
    labels = [lab for code, lab, _ in DIMS if code in dims]
    named = [str(record[c]) for c in labels if not missing(record[c])]
    return " · ".join(named) if named else record["title"]


def by_channel(lay: Layout) -> bool:
    """Whether a chart's rows are channels: its bars take the channels' colours (one
    colour logic for every by-channel chart: satisfaction beside resolution)."""
    return lay.rows == ("channel",)


def cycled(palette: list, n: int) -> list:
    """n colours of a palette, from its start again when the answers outnumber it (a
    respondent figure grouped by tier can stack all 19 industries over nine colours, the
    legend's order, the segments' labels and the tooltips telling them apart)."""
    return [palette[i % len(palette)] for i in range(n)]


def narrow(df: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """The frame's `columns` alone (each once): what a sort or a de-duplication for an order
    or a scale reads, without moving the other 90 columns of every row."""
    return df[list(dict.fromkeys(columns))]


def ordered(df: pd.DataFrame, column: str, by: list[str]) -> list:
    """Each value of `column` once, in the order of the `by` columns."""
    return list(dict.fromkeys(narrow(df, *by, column).sort_values(by)[column]))
