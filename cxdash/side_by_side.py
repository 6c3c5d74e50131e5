"""Two published by-channel measures side by side (Hong Kong: satisfaction with each channel
beside first-contact resolution in it), pure. Only the published values of both figures
are drawn — no number is derived — and only the channels both figures publish; the others
are named."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cxdash import charts, data, formatting, i18n, tables
from cxdash.lazy import altair as alt
from cxdash.palette import ANSWER_SHADES, CHANNEL_COLORS, WEB
from cxdash.view import Filters


@dataclass(frozen=True)
class Measure:
    figure_id: str
    option_en: str  # the published answer the measure is the share of


# survey -> the two measures, as the report prints them
PAIRS = {
    "hk": (
        Measure("hk_satisfaction_by_channel", "Very satisfied/ Satisfied"),
        Measure("hk_fcr_by_channel", "Yes"),
    )
}


def values(survey: str, filters: Filters) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The two measures' published values of the channels both publish (as the filters
    keep them), and per figure the channel codes only it publishes."""
    pair = PAIRS[survey]
    ids = [m.figure_id for m in pair]
    return pair_up(data.run("figure_values", figure_ids=ids, **filters.slice_params()), pair)


def pair_up(rows: pd.DataFrame, pair: tuple[Measure, ...]) -> tuple[pd.DataFrame, dict]:
    """`values` on given rows: the measures' answers, the channels all of them publish."""
    ids = [m.figure_id for m in pair]
    keep = pd.concat(
        [(rows["figure_id"] == m.figure_id) & (rows["option_en"] == m.option_en) for m in pair],
        axis=1,
    ).any(axis=1)
    rows = rows[keep]
    channels = {f: set(rows.loc[rows["figure_id"] == f, "channel"]) for f in ids}
    both = set.intersection(*channels.values())
    only = {f: sorted(c - both) for f, c in channels.items()}
    return rows[rows["channel"].isin(both)].reset_index(drop=True), only


def chart(rows: pd.DataFrame, lang: str) -> alt.Chart:
    """One row per channel, one bar per measure: the channel's colour (as on every by-channel
    chart), the second measure a lighter shade of it; the published value beside each."""
    zh = lang == "zh"
    df = rows.assign(
        channel_label=rows["channel_label_zh" if zh else "channel_label_en"],
        measure=rows["question_zh" if zh else "question_en"],
        value_text=[formatting.number(v, 0, "percent", lang) for v in rows["value"]],
    )
    measures = list(dict.fromkeys(df.sort_values("figure_order")["measure"]))
    channels = list(dict.fromkeys(df.sort_values("channel_order")["channel_label"]))
    base = alt.Chart(df).encode(
        y=alt.Y("channel_label:N", sort=channels, title=None, axis=alt.Axis(labelLimit=0)),
        yOffset=alt.YOffset("measure:N", sort=measures),
    )
    bars = base.mark_bar().encode(
        x=alt.X(
            "value:Q",
            title=None,
            # room past 100% for the largest value's label
            scale=alt.Scale(domain=[0, max(100.0, float(df["value"].max()) * charts.HEADROOM)]),
            axis=alt.Axis(labelExpr="datum.value + '%'", tickCount=5),
        ),
        color=alt.Color("channel_label:N", scale=_channel_colours(df), legend=None),
        opacity=alt.Opacity(
            "measure:O",
            sort=measures,
            scale=alt.Scale(domain=measures, range=ANSWER_SHADES[: len(measures)]),
            legend=alt.Legend(
                orient="top",
                title=None,
                columns=1,
                labelLimit=0,
                **(
                    {"labelExpr": wrap}
                    if (wrap := charts.narrow_wrap(measures, charts.LEGEND_COLUMNS))
                    else {}
                ),
            ),
        ),
        tooltip=["channel_label:N", "measure:N", "value_text:N", "document:N"],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=WEB.label, color="#222222").encode(
        x="value:Q", text="value_text:N"
    )
    step = alt.Step(WEB.row - 4, **{"for": "offset"})
    return charts.themed((bars + labels).properties(height=step))


def caption(rows: pd.DataFrame, lang: str) -> str:
    """Which figures and answers are drawn, their bases and their document."""
    zh = lang == "zh"
    firsts = rows.sort_values("figure_order").drop_duplicates("figure_id")
    measures = ("；" if zh else "; ").join(
        f"“{o}” ({t})" if not zh else f"「{o}」（{t}）"
        for o, t in zip(
            firsts["option_zh" if zh else "option_en"], firsts["title_zh" if zh else "title_en"]
        )
    )
    return i18n.t(
        "side_by_side_caption",
        lang,
        measures=measures,
        bases=tables.bases(rows.to_dict("records"), lang) or "–",
        document=", ".join(
            f"{data.labels(lang).get(('survey', s), s)} ({d})"
            for s, d in rows[["survey_id", "document"]].drop_duplicates().itertuples(index=False)
        ),
    )


def records(rows: pd.DataFrame, lang: str) -> dict[str, list[dict]]:
    """The drawn values, localised, by figure (in the figures' order): each figure's are
    cited with its own caption and passages."""
    out: dict[str, list[dict]] = {}
    for r in i18n.pick_records(formatting.records(rows.sort_values("figure_order")), lang):
        out.setdefault(r["figure_id"], []).append(r)
    return out


def table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The drawn values as a reader's table (tables.table, by channel), each row led by the
    figure it is published in."""
    drawn = [r for rs in records(rows, lang).values() for r in rs]
    out = tables.table(drawn, lang, dims=("channel",))
    out.insert(0, i18n.t("col_figure", lang), [r["title"] for r in drawn])
    return out


def _channel_colours(df: pd.DataFrame) -> alt.Scale:
    """Each channel's own colour (palette.CHANNEL_COLORS), as on every by-channel chart."""
    rows = df.drop_duplicates("channel").sort_values("channel_order")
    colours = [CHANNEL_COLORS.get(c, ("#999999",))[0] for c in rows["channel"]]
    return alt.Scale(domain=list(rows["channel_label"]), range=colours)


def missing_note(only: dict[str, list[str]], lang: str) -> str | None:
    """Which channels are left out because only one of the figures publishes them."""
    labels = data.labels(lang)
    cat = data.catalog()
    title = dict(zip(cat["figure_id"], cat["title_zh" if lang == "zh" else "title_en"]))
    parts = [
        i18n.t(
            "side_only_in",
            lang,
            channels=", ".join(labels.get(("channel", c), c) for c in codes),
            figure=title.get(f, f),
        )
        for f, codes in only.items()
        if codes
    ]
    return " ".join(parts) or None
