"""Sources & method: survey facts, margins of error recomputed from n, and data downloads."""

from __future__ import annotations

import pandas as pd

from cxdash import data, i18n

LOW_BASE = 30  # the same threshold the build's statistics use (cxdash/stats.py)


def survey_table(surveys: pd.DataFrame, lang: str) -> pd.DataFrame:
    zh = lang == "zh"
    moe = surveys["moe_recomputed_pts"]
    text = lambda col: surveys[col].fillna("–")  # noqa: E731  (not stated by the document)
    return pd.DataFrame(
        {
            i18n.t("col_survey", lang): surveys["title_zh" if zh else "title_en"],
            i18n.t("col_publisher", lang): text("publisher_zh" if zh else "publisher_en"),
            i18n.t("col_population", lang): text("population_zh" if zh else "population_en"),
            i18n.t("col_fieldwork", lang): [
                f"{a} – {b}" if isinstance(a, str) else "–"
                for a, b in zip(surveys["fieldwork_start"], surveys["fieldwork_end"])
            ],
            "n": surveys["sample_n"].map(lambda n: "–" if pd.isna(n) else str(int(n))),
            i18n.t("col_moe_stated", lang): surveys["margin_of_error_pts"].map(
                lambda m: "–" if pd.isna(m) else f"±{m:g}"
            ),
            i18n.t("col_moe_recomputed", lang): ["–" if pd.isna(m) else f"±{m:.1f}" for m in moe],
            i18n.t("source_document", lang): surveys["document"],
            i18n.t("col_counts", lang): [
                f"{f} / {v} / {c}"
                for f, v, c in zip(surveys["n_figures"], surveys["n_values"], surveys["n_claims"])
            ],
        }
    )


def subgroup_margins(values: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each distinct printed base with its worst-case (p = 50%) 95% margin of error, and the
    groups (tiers, countries) that base belongs to, in the reader's language."""
    labels = data.labels(lang)

    def name(dim: str):
        return lambda s: ", ".join(
            labels.get((dim, c), c) for c in sorted(set(s)) if c not in ("All", "APAC")
        )

    bases = values.dropna(subset=["base_n"])
    groups = bases.groupby(["survey_id", "base_n"], as_index=False).agg(
        figures=("figure_id", "nunique"),
        moe=("base_moe_pts", "first"),
        tiers=("tier", name("tier")),
        countries=("country", name("country")),
    )
    t = lambda key: i18n.t(key, lang)  # noqa: E731
    return pd.DataFrame(
        {
            t("col_survey"): groups["survey_id"].map(lambda c: labels.get(("survey", c), c)),
            t("col_base"): groups["base_n"].astype(int).astype(str),
            t("col_moe_recomputed"): groups["moe"].map(lambda m: f"±{m:.1f}"),
            t("col_tier"): groups["tiers"],
            t("col_country"): groups["countries"],
            t("col_n_figures"): groups["figures"].astype(str),
            t("col_flag"): groups["base_n"].map(lambda n: t("low_base") if n < LOW_BASE else ""),
        }
    )
