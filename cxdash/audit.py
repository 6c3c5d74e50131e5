"""The claim audit: claims beside their recomputation, and the documents' contradictions."""

from __future__ import annotations

import pandas as pd

from cxdash import data, formatting, i18n


def filter_claims(claims: pd.DataFrame, statuses: list[str], topics: list[str]) -> pd.DataFrame:
    keep = pd.Series(True, index=claims.index)
    if statuses:
        keep &= claims["status"].isin(statuses)
    if topics:
        keep &= claims["topic"].isin(topics)
    return claims[keep]


def _link(row: pd.Series, lang: str) -> str | None:
    if not isinstance(row["figure_id"], str):
        return None
    return f"/explore?figure={row['figure_id']}" + ("&lang=zh" if lang == "zh" else "")


def table(claims: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Claim, link to its chart, published vs recomputed, status, inputs, note; what
    differs first, then what cannot be recomputed, then what matches."""
    order = {"differs": 0, "not_recomputable": 1, "matches": 2}
    claims = i18n.pick(claims.iloc[claims["status"].map(order).argsort(kind="stable")], lang)
    unit = claims["unit"]
    t = lambda key: i18n.t(key, lang)  # noqa: E731
    out = pd.DataFrame(
        {
            t("col_claim"): claims["text_zh" if lang == "zh" else "text_en"],
            t("col_chart"): [_link(r, lang) for _, r in claims.iterrows()],
            t("col_published"): [
                formatting.number(v, 1, u, lang).replace(".0", "")
                for v, u in zip(claims["published_value"], unit)
            ],
            t("col_recomputed"): [
                formatting.number(v, 2, u, lang) for v, u in zip(claims["recomputed_value"], unit)
            ],
            t("col_difference"): [
                formatting.number(v, 2, u, lang, signed=True)
                for v, u in zip(claims["difference"], unit)
            ],
            t("col_status"): claims["status"].map(lambda s: t(f"status_{s}")),
            t("col_inputs"): claims["inputs"].fillna(""),
            t("col_note"): claims["note"].fillna(""),
        }
    )
    if lang != "zh":  # the original wording beside the translation
        out.insert(1, t("col_original"), claims["text_zh"])
        out[t("col_topic")] = claims["topic"]
    return out


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
            i18n.t("col_flag", lang): rows["flag"].map(
                lambda f: i18n.t(f"flag_{f}", lang) if isinstance(f, str) else ""
            ),
            i18n.t("source_passage", lang): rows["source_zh"],
            i18n.t("source_document", lang): rows["source"],
        }
    )
