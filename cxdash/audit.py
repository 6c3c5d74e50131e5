"""The claim audit: claims beside their recomputation, and the documents' contradictions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxdash import data, formatting, i18n


def filter_claims(claims: pd.DataFrame, statuses: list[str], topics: list[str]) -> pd.DataFrame:
    keep = pd.Series(True, index=claims.index)
    if statuses:
        keep &= claims["status"].isin(statuses)
    if topics:
        keep &= claims["topic"].isin(topics)
    return claims[keep]


def summary(claims: pd.DataFrame, lang: str) -> None:
    counts = claims["status"].value_counts()
    cols = st.columns(3)
    for col, status in zip(cols, ("matches", "differs", "not_recomputable")):
        col.metric(i18n.t(f"status_{status}", lang), int(counts.get(status, 0)))


def _link(row: pd.Series, lang: str) -> str | None:
    if not isinstance(row["figure_id"], str):
        return None
    return f"/explore?figure={row['figure_id']}" + ("&lang=zh" if lang == "zh" else "")


def table(claims: pd.DataFrame, lang: str) -> pd.DataFrame:
    unit = claims["unit"]
    return pd.DataFrame(
        {
            i18n.t("col_claim", lang): claims["text_zh" if lang == "zh" else "text_en"],
            i18n.t("col_original", lang): claims["text_zh"],
            i18n.t("col_published", lang): [
                formatting.number(v, 1, u, lang).replace(".0", "")
                for v, u in zip(claims["published_value"], unit)
            ],
            i18n.t("col_recomputed", lang): [
                formatting.number(v, 2, u, lang) for v, u in zip(claims["recomputed_value"], unit)
            ],
            i18n.t("col_difference", lang): [
                formatting.number(v, 2, u, lang, signed=True)
                for v, u in zip(claims["difference"], unit)
            ],
            i18n.t("col_status", lang): claims["status"].map(lambda s: i18n.t(f"status_{s}", lang)),
            i18n.t("col_inputs", lang): claims["inputs"].fillna(""),
            i18n.t("col_topic", lang): claims["topic"],
            i18n.t("col_note", lang): claims["note"].fillna(""),
            i18n.t("col_chart", lang): [_link(r, lang) for _, r in claims.iterrows()],
        }
    )


def column_config(lang: str) -> dict:
    return {
        i18n.t("col_chart", lang): st.column_config.LinkColumn(
            i18n.t("col_chart", lang), display_text=i18n.t("open_chart", lang)
        )
    }


def contradictions(lang: str) -> pd.DataFrame:
    """Every value flagged 'reported twice', beside the other values of its figure."""
    export = data.run("export")
    flagged = export[export["flag"] == "reported_twice"]
    rows = export[export["figure_id"].isin(flagged["figure_id"])]
    zh = lang == "zh"
    return pd.DataFrame(
        {
            i18n.t("col_figure", lang): rows["title_zh" if zh else "title_en"],
            i18n.t("col_option", lang): rows["option_zh" if zh else "option_en"],
            i18n.t("col_value", lang): [
                formatting.number(v, d, u, lang)
                for v, d, u in zip(rows["value"], rows["value_decimals"], rows["unit"])
            ],
            i18n.t("col_flag", lang): rows["flag"].fillna(""),
            i18n.t("source_passage", lang): rows["source_zh"],
            i18n.t("source_document", lang): rows["source"],
        }
    )
