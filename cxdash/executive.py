"""The executive summary, pure: the largest Champion–Starter gaps (each marked significant or
not), the country scorecard, and the year-over-year moves — as rows and Vega-Lite charts in
a web page's or a presentation screen's type sizes."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from cxdash import charts, cite, formatting, i18n
from cxdash.palette import TIER_COLORS, WEB, Type

TOP_GAPS = 3  # what fits beside the scorecard on one screen
RANK_COLORS = ["#1B7837", "#A6DBA0", "#E7D4E8", "#AF8DC3"]
_BY_COUNTRY = re.compile(r",\s*by country\b|（依國家）")


def yoy_cards(pairs: pd.DataFrame) -> pd.DataFrame:
    """Region-wide share pairs from each measure's first to its latest wave (the widest
    pair, whatever the number of waves), largest point change first."""
    shares = pairs[(pairs["measure"] == "share") & (pairs["country"] == "APAC")]
    key = ["figure_id", "tier", "country", "channel", "respondent_group", "option_en"]
    widest = (shares["year_to"] - shares["year_from"]).rename("span")
    shares = shares.assign(span=widest).sort_values("span", ascending=False, kind="stable")
    shares = shares.drop_duplicates(key).drop(columns="span")
    return shares.reindex(shares["change_points"].abs().sort_values(ascending=False).index)


def testable_moves(pairs: pd.DataFrame) -> bool:
    """Whether any year-over-year pair has a test (both years' bases printed)."""
    return bool(pairs["p"].notna().any()) if "p" in pairs else False


def verdict(significant: bool, testable: bool, lang: str) -> str:
    if not testable:
        return i18n.t("not_testable_base", lang)
    return i18n.t("sig_yes" if significant else "sig_no", lang)


def _lines(look: Type) -> alt.Axis:
    """An axis whose labels break at the newlines put in by `wrap`."""
    return alt.Axis(
        labelExpr="split(datum.label, '\\n')",
        labelLimit=0,
        labelLineHeight=_line(look),
        labelOverlap=False,
    )


def _line(look: Type) -> int:
    """Line height of a wrapped label, px."""
    return look.label + 1


def scorecard(rows: pd.DataFrame, lang: str, look: Type = WEB) -> alt.Chart:
    """Callouts × countries: colour = rank among the countries reported, text = value."""
    zh = lang == "zh"
    width = 42 if look is WEB else 80
    df = rows.assign(
        callout=[
            "\n".join(formatting.wrap(_BY_COUNTRY.sub("", t), width))
            for t in rows["title_zh" if zh else "title_en"]
        ],
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
            "country_name:N",
            sort=countries,
            title=None,
            axis=alt.Axis(orient="top", labelAngle=0, labelOverlap=False, labelLimit=0),
        ),
        y=alt.Y("callout:N", sort=order, title=None, axis=_lines(look)),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "country_rank:O",
            title=i18n.t("rank", lang),
            scale=alt.Scale(domain=[1, 2, 3, 4], range=RANK_COLORS),
            legend=alt.Legend(orient="bottom", direction="horizontal"),
        ),
        tooltip=[
            alt.Tooltip("title_zh:N" if zh else "title_en:N", title=i18n.t("col_figure", lang)),
            "country_name:N",
            "value_text:N",
            "country_rank:O",
            "base_n:Q",
        ],
    )
    text = base.mark_text(fontSize=look.label).encode(text="value_text:N")
    lines = max((c.count("\n") + 1 for c in order), default=1)
    step = max(look.row, _line(look) * lines + 6)
    return charts.themed((cells + text).properties(height=alt.Step(step)), look)


def gap_rows(gaps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per gap: the question, the answer, both values and the test, in words."""
    zh = lang == "zh"
    out = pd.DataFrame(
        {
            "question": [
                q if isinstance(q, str) else t
                for q, t in zip(
                    gaps["question_zh" if zh else "question_en"],
                    gaps["title_zh" if zh else "title_en"],
                )
            ],
            "answer": gaps["option_zh" if zh else "option_en"].fillna(""),
            "champion": [formatting.number(v, 0, "percent", lang) for v in gaps["value"]],
            "starter": [formatting.number(v, 0, "percent", lang) for v in gaps["starter_value"]],
            "gap": [
                formatting.number(v, 0, "points", lang, signed=True) for v in gaps["gap_points"]
            ],
            "verdict": [
                verdict(s, t, lang) for s, t in zip(gaps["gap_significant"], gaps["testable"])
            ],
            "base_n": gaps["base_n"],
            "source_zh": gaps["source_zh"],
            "source": [cite.citation(s, lang) for s in gaps["survey_id"]],
        }
    )
    return out.reset_index(drop=True)


def gaps_chart(gaps: pd.DataFrame, lang: str, look: Type = WEB) -> alt.Chart:
    """Starter and Champion shares of each gap's answer as a dumbbell, largest gap first."""
    rows = gap_rows(gaps, lang)
    width = 36 if look is WEB else 56
    labels = ["\n".join(formatting.wrap(a, width)) for a in rows["answer"]]
    tiers = [i18n.t("tier_starter_short", lang), i18n.t("tier_champion_short", lang)]
    long = pd.DataFrame(
        {
            "answer": labels * 2,
            "tier": [tiers[0]] * len(rows) + [tiers[1]] * len(rows),
            "value": [*gaps["starter_value"], *gaps["value"]],
            "value_text": [
                *rows["starter"],
                *(
                    v + ("*" if sig else "")
                    for v, sig in zip(rows["champion"], gaps["gap_significant"])
                ),
            ],
            "question": [*rows["question"]] * 2,
        }
    )
    y = alt.Y("answer:N", sort=labels, title=None, axis=_lines(look))
    x = alt.X(
        "value:Q",
        title=None,
        scale=alt.Scale(domain=[0, 100]),
        axis=alt.Axis(labelExpr="datum.value + '%'", tickCount=5),
    )
    colour = alt.Color(
        "tier:N",
        sort=tiers,
        scale=alt.Scale(domain=tiers, range=[TIER_COLORS["Starter"], TIER_COLORS["Champion"]]),
        legend=alt.Legend(orient="bottom", title=None),
    )
    base = alt.Chart(long).encode(y=y, x=x)
    line = base.mark_line(color="#BBBBBB", strokeWidth=3).encode(detail="answer:N")
    dots = base.mark_circle(size=look.label * 13, opacity=1).encode(
        color=colour, tooltip=["question:N", "answer:N", "tier:N", "value_text:N"]
    )
    text = base.mark_text(dy=-(look.label + 3), fontSize=look.label).encode(
        text="value_text:N", color=colour
    )
    lines = max((a.count("\n") + 1 for a in labels), default=1)
    step = max(look.row * 2, _line(look) * lines + look.label + 12)
    return charts.themed((line + dots + text).properties(height=alt.Step(step)), look)


def gaps_caption(gaps: pd.DataFrame, lang: str) -> str:
    """What the gaps chart shows, its bases and source, and what the star means."""
    bases = sorted({int(n) for n in gaps["base_n"].dropna()})
    base = f"N={bases[0]}–{bases[-1]}" if len(bases) > 1 else f"N={bases[0]}" if bases else ""
    sources = dict.fromkeys(cite.citation(s, lang) for s in gaps["survey_id"])
    return i18n.t("exec_gaps_caption", lang, base=base, document=" ".join(sources))
