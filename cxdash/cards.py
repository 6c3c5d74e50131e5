"""KPI cards: a published value, its year-over-year change where the report has one, and
where it comes from."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from cxdash import formatting, i18n


def delta_text(row: pd.Series, lang: str) -> str | None:
    """'+6 pts vs 2020' in the value's unit ('points' for percentages)."""
    if pd.isna(row.get("value_2020")):
        return None
    unit = "points" if row["unit"] == "percent" else row["unit"]
    change = formatting.number(
        row["change_points"], int(row["value_decimals"]), unit, lang, signed=True
    )
    return f"{change} {i18n.t('vs_2020', lang)}"


def card(row: pd.Series, lang: str, container=st) -> None:
    label = row["card_zh"] if lang == "zh" else row["card_en"]
    option = row["option_zh"] if lang == "zh" else row["option_en"]
    tier = row["tier_label_zh"] if lang == "zh" else row["tier_label_en"]
    qualifiers = [q for q in (option, tier if row["tier"] != "All" else None) if isinstance(q, str)]
    value = formatting.number(row["value"], int(row["value_decimals"]), row["unit"], lang)
    base = "" if pd.isna(row["base_n"]) else f" · N={int(row['base_n'])}"
    with container.container(border=True):
        title = row["title_zh"] if lang == "zh" else row["title_en"]
        st.metric(
            label,
            value,
            delta=delta_text(row, lang),
            delta_color="normal",
            help=f"{title}\n\n{row['source_zh']}",
        )
        st.caption(" · ".join(qualifiers) + base + f" · {row['document']}")


def grid(rows: pd.DataFrame, lang: str, columns: int = 3) -> None:
    cols = st.columns(columns)
    for i, (_, row) in enumerate(rows.iterrows()):
        card(row, lang, cols[i % columns])


def method_line(survey: pd.Series, lang: str) -> str:
    """Who, when, n: one line per survey, from what the document states."""
    zh = lang == "zh"
    who = survey["population_zh" if zh else "population_en"]
    who = re.split(r"[;；]", who)[0] if isinstance(who, str) else None
    parts = [survey["publisher_zh" if zh else "publisher_en"] or survey["publisher_en"], who]
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
    return " · ".join(str(p) for p in parts if isinstance(p, str) and p)
