"""KPI cards: a published value, its year-over-year change where the report has one, and
where it comes from."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxdash import cite, formatting, i18n
from cxdash.formatting import literal


def delta_text(row: pd.Series, lang: str) -> str | None:
    """'+6 pts vs 2020' in the value's unit ('points' for percentages)."""
    if pd.isna(row.get("value_prev")):
        return None
    unit = "points" if row["unit"] == "percent" else row["unit"]
    change = formatting.number(
        row["change_points"], int(row["value_decimals"]), unit, lang, signed=True
    )
    return f"{change} {i18n.t('vs_year', lang, year=int(row['year_prev']))}"


def arrow(change: float) -> str:
    """The delta's arrow: none for no change (a zero move is neither up nor down)."""
    return "off" if pd.isna(change) or change == 0 else "auto"


def kpi(
    container,
    label: str,
    value: str,
    delta: str | None,
    caption: str,
    help_text: str | None = None,
    arrow: str = "auto",
) -> None:
    """One bordered KPI card."""
    with container.container(border=True):
        st.markdown(f"**{label}**", help=help_text)  # wraps, where a metric label truncates
        # grey arrows: a move is not good or bad in itself (fewer Starters is good news)
        st.metric(
            label,
            value,
            delta=delta,
            delta_color="off",
            delta_arrow=arrow,
            label_visibility="collapsed",
        )
        if caption:
            st.caption(caption)


def card(row: pd.Series, lang: str, container=st) -> None:
    """A headline card (rows of queries/headlines.sql)."""
    zh = lang == "zh"
    option = row["option_zh" if zh else "option_en"]
    tier = row["tier_label_zh" if zh else "tier_label_en"]
    qualifiers = [q for q in (option, tier if row["tier"] != "All" else None) if isinstance(q, str)]
    base = [] if pd.isna(row["base_n"]) else [formatting.base(row["base_n"])]
    kpi(
        container,
        row["card_zh" if zh else "card_en"],
        formatting.number(row["value"], int(row["value_decimals"]), row["unit"], lang),
        delta_text(row, lang),
        " · ".join([*qualifiers, *base]),  # the survey is the section heading above
        f"{row['title_zh' if zh else 'title_en']}\n\n{row['source_zh']}\n\n"
        + cite.citation(row["survey_id"], lang),
    )


def grid(rows: pd.DataFrame, lang: str, columns: int = 3) -> None:
    cols = st.columns(columns)
    for i, (_, row) in enumerate(rows.iterrows()):
        card(row, lang, cols[i % columns])


def yoy_grid(pairs: pd.DataFrame, lang: str, columns: int = 3) -> None:
    """Year-over-year pairs as cards: the later wave's value and the change since the
    earlier one (whether a change can be tested is said once, above the cards)."""
    zh = lang == "zh"
    cols = st.columns(columns)
    for i, (_, row) in enumerate(pairs.iterrows()):
        option = row["option_zh" if zh else "option_en"]
        title = row["title_zh" if zh else "title_en"]
        tier = row["tier_label_zh" if zh else "tier_label_en"]
        label = option if isinstance(option, str) else f"{tier} · {title}"
        delta = formatting.number(row["change_points"], 0, "points", lang, signed=True)
        value = formatting.number(row["value_to"], 0, "percent", lang)
        kpi(
            cols[i % columns],
            label,
            value,
            f"{delta} {i18n.t('vs_year', lang, year=int(row['year_from']))}",
            "",
            f"{title}\n\n{row['source_zh_to']}",
            arrow=arrow(row["change_points"]),
        )


def gap_cards(gaps: pd.DataFrame, lang: str) -> None:
    """Champion-vs-Starter gaps (rows of `executive.gap_rows`): titled by the question, the
    answer beneath, both shares, the gap and its test."""
    for _, row in gaps.iterrows():
        with st.container(border=True):
            source = f"{row['source_zh']}\n\n{row['source']} · {formatting.base(row['base_n'])}"
            st.markdown(f"**:small[{literal(row['question'])}]**", help=source)
            line = i18n.t(
                "gap_line",
                lang,
                champion=row["champion"],
                starter=row["starter"],
                gap=row["gap"],
                verdict=row["verdict"],
            )
            st.caption(literal(row["answer"]))
            st.markdown(f":small[{line}]")  # small type: three cards fit the first screen


def method_line(survey: pd.Series, lang: str) -> str:
    """Publisher, fieldwork, n, margin: one line per survey, from what the document states."""
    zh = lang == "zh"
    parts = [
        _text(survey["publisher_zh" if zh else "publisher_en"]) or _text(survey["publisher_en"])
    ]
    if isinstance(survey["fieldwork_start"], str):
        parts.append(f"{survey['fieldwork_start']} – {survey['fieldwork_end']}")
    if pd.notna(survey["sample_n"]):
        parts.append(f"n={int(survey['sample_n'])}")
    if pd.notna(survey["margin_of_error_pts"]):
        parts.append(
            i18n.t(
                "moe_line",
                lang,
                moe=f"{survey['margin_of_error_pts']:g}",
                conf=f"{survey['confidence_pct']:g}",
            )
        )
    return " · ".join(p for p in parts if p)


def population_line(survey: pd.Series, lang: str) -> str:
    """Whom the survey asked, whole, in the reader's language (or the document's method when
    it asked no one itself)."""
    zh = lang == "zh"
    return _text(survey["population_zh" if zh else "population_en"]) or _text(
        survey["method_zh" if zh else "method_en"]
    )


def _text(x: object) -> str:
    return x.strip() if isinstance(x, str) else ""
