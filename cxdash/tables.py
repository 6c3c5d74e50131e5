"""Reader-facing text for a figure: its values table, its pairwise tests, its caption."""

from __future__ import annotations

import pandas as pd

from cxdash import data, formatting, i18n

FLAG_KEYS = {
    "order_inferred",
    "order_ambiguous",
    "sum_off",
    "reported_twice",
    "label_missing",
    "base_anomaly",
    "inconsistent",
}


# a figure's dimension (charts.Layout.dims) -> the label column the table shows it by
_LABELS = {
    "tier": "tier_label",
    "country": "country_label",
    "channel": "channel_label",
    "year": "year_label",
    "respondent_group": "group_label",
}


def table(df: pd.DataFrame, lang: str, dims: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The values as a reader's table: labels, formatted value, base, interval, flag.

    `dims`: the dimensions the figure varies by across all its published values (its
    layout's). A dimension the figure is broken down by keeps its column when a filter
    leaves one member (a table of Japan's values says "Japan"); without `dims`, a column
    shows only when it varies among `df`'s rows. The answer column shows when the answers
    are more than the figure's title repeated."""
    cols = {
        "tier_label": "col_tier",
        "country_label": "col_country",
        "channel_label": "col_channel",
        "year_label": "col_year",
        "group_label": "col_group",
        "option": "col_option",
    }
    shown = {_LABELS[d] for d in dims or () if d in _LABELS}
    out = pd.DataFrame(index=df.index)
    for col, key in cols.items():
        varies = df[col].nunique(dropna=False) > 1 or col in shown
        if col == "option" and "title" in df:
            varies = varies or (df["option"].fillna(df["title"]) != df["title"]).any()
        elif col == "option":
            varies = True
        if varies:
            out[i18n.t(key, lang)] = df[col].fillna("")
    out[i18n.t("col_value", lang)] = [
        formatting.number(v, d, u, lang)
        for v, d, u in zip(df["value"], df["value_decimals"], df["unit"])
    ]
    out[i18n.t("col_base", lang)] = df["base_n"].map(
        lambda n: i18n.t("base_not_published", lang) if pd.isna(n) else str(int(n))
    )
    if "ci_low" in df:
        out[i18n.t("col_ci", lang)] = [
            formatting.interval(lo, hi, u, lang)
            for lo, hi, u in zip(df["ci_low"], df["ci_high"], df["unit"])
        ]
    out[i18n.t("col_flag", lang)] = df["flag"].map(
        lambda f: i18n.t(f"flag_{f}", lang) if isinstance(f, str) and f in FLAG_KEYS else ""
    )
    return out.reset_index(drop=True)


def tests_table(tests: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Pairwise tests for readers: groups, values, bases, p (Holm), verdict."""
    if tests.empty:
        return tests

    def verdict(row: pd.Series) -> str:
        if pd.isna(row["p"]):
            return i18n.t("not_testable_base", lang)
        key = "sig_yes" if row["significant"] else "sig_no"
        return f"{i18n.t(key, lang)} (p = {row['p_holm']:.3f})"

    return pd.DataFrame(
        {
            i18n.t("col_option", lang): tests["option"].fillna(""),
            "A": tests["a_label"].astype(str),
            "B": tests["b_label"].astype(str),
            "A %": tests["value_a"].map(lambda v: f"{v:g}%"),
            "B %": tests["value_b"].map(lambda v: f"{v:g}%"),
            "N A / N B": [
                f"{'–' if pd.isna(a) else int(a)} / {'–' if pd.isna(b) else int(b)}"
                for a, b in zip(tests["base_a"], tests["base_b"])
            ],
            i18n.t("col_test_result", lang): [verdict(r) for _, r in tests.iterrows()],
        }
    )


def bases(rows: list[dict], lang: str) -> str:
    """'Starter N=133, Emerging N=70, Champion N=62': each base with the group it belongs to."""
    with_base = [r for r in rows if _given(r["base_n"])]
    if not with_base:
        if rows[0]["measure"] in ("count", "threshold", "example"):
            return ""
        # each respondent group's size (customers n=500, staff n=358), never the first one's
        groups = dict.fromkeys(
            (r.get("group_label") if isinstance(r.get("group_label"), str) else "", int(n))
            for r in rows
            if _given(n := r["group_base_n"])
        )
        note = i18n.t("base_not_published", lang)
        if len(groups) == 1:
            return f"{note} ({i18n.t('group_size', lang)} n={next(iter(groups))[1]})"
        sizes = ", ".join(f"{label} n={n}".strip() for label, n in groups)
        return f"{note} ({i18n.t('group_sizes', lang)}: {sizes})" if groups else note
    label = next(
        (
            lab
            for code, lab in (
                ("tier", "tier_label"),
                ("country", "country_label"),
                ("respondent_group", "group_label"),
            )
            if len({r[code] for r in with_base}) > 1
        ),
        None,
    )
    pairs = dict.fromkeys(
        f"{r[label] if label and isinstance(r[label], str) else ''} N={int(r['base_n'])}".strip()
        for r in with_base
    )
    return ", ".join(pairs)


def _given(x: object) -> bool:
    return x is not None and not pd.isna(x)


def caption(rows: list[dict], lang: str) -> str:
    """Question · bases with their groups · the source report (and file), for a figure's
    shown values (records)."""
    first = rows[0]
    survey = data.labels(lang).get(("survey", first["survey_id"]), "")
    bases_text = bases(rows, lang)
    parts = [
        first["question"] if isinstance(first["question"], str) else "",
        f"{i18n.t('base', lang)}: {bases_text}" if bases_text else "",
        f"{i18n.t('source_document', lang)}: {survey} ({first['document']})",
    ]
    return " · ".join(p for p in parts if p)
