"""One figure on a page: title, chart / table / source views and downloads.

Pages call `figures(ids, filters, lang)`; a figure the documents do not publish for the
current filters gets a plain sentence naming the breakdowns that do exist.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
import vl_convert as vlc

from cxdash import charts, data, export, formatting, i18n, stats

_FLAG_KEYS = {"order_inferred", "order_ambiguous", "sum_off", "reported_twice", "label_missing",
              "base_anomaly"}


def _available(meta: pd.Series, lang: str) -> str:
    """The breakdowns a figure is published by, in words."""
    labels = data.dimension_labels(lang)
    parts = []
    for key, dim, col in (("filter_tier", "tier", "tiers"), ("filter_country", "country", "countries"),
                          ("filter_channel", "channel", "channels"), ("filter_year", "year", "years")):
        members = [str(m) for m in (meta[col] if meta[col] is not None else [])]
        if members:
            names = ", ".join(labels.get((dim, m), m) for m in members)
            parts.append(f"{i18n.t(key, lang)}: {names}")
    return "; ".join(parts)


def table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The values as a reader's table: labels, formatted value, base, interval, flag."""
    cols = {"tier_label": "col_tier", "country_label": "col_country", "channel_label": "col_channel",
            "year_label": "col_year", "group_label": "col_group", "option": "col_option"}
    out = pd.DataFrame(index=df.index)
    for col, key in cols.items():
        if df[col].nunique(dropna=False) > 1 or col == "option":
            out[i18n.t(key, lang)] = df[col]
    out[i18n.t("col_value", lang)] = [formatting.number(v, d, u, lang) for v, d, u in
                                      zip(df["value"], df["value_decimals"], df["unit"])]
    out[i18n.t("col_base", lang)] = df["base_n"].map(
        lambda n: i18n.t("base_not_published", lang) if pd.isna(n) else str(int(n)))
    if "ci_low" in df:
        out[i18n.t("col_ci", lang)] = [formatting.interval(lo, hi, u, lang) for lo, hi, u in
                                       zip(df["ci_low"], df["ci_high"], df["unit"])]
    out[i18n.t("col_flag", lang)] = df["flag"].map(
        lambda f: i18n.t(f"flag_{f}", lang) if isinstance(f, str) and f in _FLAG_KEYS else "")
    return out.reset_index(drop=True)


def _source(df: pd.DataFrame, lang: str) -> None:
    row = df.iloc[0]
    st.markdown(f"**{i18n.t('source_document', lang)}:** `{row['document']}`")
    if isinstance(row["caption_zh"], str):
        st.markdown(f"**{i18n.t('source_caption', lang)}:**")
        st.text(row["caption_zh"])
    st.markdown(f"**{i18n.t('source_passage', lang)}:**")
    for passage in dict.fromkeys(df["source_zh"]):
        st.text(passage)
    notes = [n for n in dict.fromkeys([row["figure_note"], *df["note"]]) if isinstance(n, str)]
    if notes:
        st.markdown(f"**{i18n.t('source_note', lang)}:**")
        for note in notes:
            st.text(note)


def _downloads(df: pd.DataFrame, chart, figure_id: str, lang: str) -> None:
    spec = chart.properties(width=760).to_dict()
    cols = st.columns(3)
    cols[0].download_button(i18n.t("download_csv", lang),
                            data=export.to_bytes(table(df, lang), "csv"),
                            file_name=f"{figure_id}.csv", mime="text/csv",
                            key=f"csv_{figure_id}", on_click="ignore")
    cols[1].download_button(i18n.t("download_png", lang),
                            data=lambda: vlc.vegalite_to_png(spec, scale=2),
                            file_name=f"{figure_id}.png", mime="image/png",
                            key=f"png_{figure_id}", on_click="ignore")
    cols[2].download_button(i18n.t("download_svg", lang),
                            data=lambda: vlc.vegalite_to_svg(spec),
                            file_name=f"{figure_id}.svg", mime="image/svg+xml",
                            key=f"svg_{figure_id}", on_click="ignore")


def _caption(df: pd.DataFrame, lang: str) -> str:
    bases = sorted({int(n) for n in df["base_n"].dropna()})
    base = ", ".join(f"N={n}" for n in bases) if bases else i18n.t("base_not_published", lang)
    parts = [f"{i18n.t('base', lang)}: {base}", f"{i18n.t('source_document', lang)}: {df['document'].iloc[0]}"]
    if isinstance(df["question"].iloc[0], str):
        parts.insert(0, df["question"].iloc[0])
    return " · ".join(parts)


def figure(meta: pd.Series, df: pd.DataFrame, lang: str, show_ci: bool = True) -> None:
    """Draw one figure from its (filtered, unlocalised) values."""
    title = meta["title_zh"] if lang == "zh" else meta["title_en"]
    df = i18n.pick(stats.with_intervals(df), lang)
    chart_df = df if show_ci else df.drop(columns=["ci_low", "ci_high"])
    chart = charts.figure_chart(chart_df, lang)
    with st.container(border=True):
        st.markdown(f"#### {title}")
        st.caption(_caption(df, lang))
        flag = df["flag"].dropna()
        if not flag.empty and isinstance(df["flag_note"].iloc[0], str):
            st.warning(f"{i18n.t('flag_' + flag.iloc[0], lang)}: {df['flag_note'].iloc[0]}",
                       icon="🔎")
        if df["low_base"].any():
            st.caption(f"⚠ {i18n.t('low_base', lang)}")
        tab_chart, tab_table, tab_source = st.tabs(
            [i18n.t("tab_chart", lang), i18n.t("tab_table", lang), i18n.t("tab_source", lang)])
        with tab_chart:
            st.altair_chart(chart, width="stretch")
        with tab_table:
            st.dataframe(table(df, lang), hide_index=True, width="stretch")
        with tab_source:
            _source(df, lang)
        _downloads(df, chart, meta["figure_id"], lang)


def figures(catalog: pd.DataFrame, filters: data.Filters, lang: str, show_ci: bool = True) -> int:
    """Draw every figure of a catalog slice that is published for the filters; say plainly
    which are not, and which breakdowns they do have. Returns how many were drawn."""
    values = data.values(list(catalog["figure_id"]), filters)
    by_figure = dict(tuple(values.groupby("figure_id", sort=False)))
    missing = catalog[~catalog["figure_id"].isin(by_figure)]
    if by_figure and not missing.empty:
        with st.expander(i18n.t("some_not_published", lang, n=len(missing))):
            for _, meta in missing.iterrows():
                title = meta["title_zh"] if lang == "zh" else meta["title_en"]
                st.markdown(f"- **{title}** — {_available(meta, lang)}")
    if not by_figure:
        st.info(i18n.t("not_published_page", lang, asked=filters.describe(lang)), icon="ℹ️")
        for _, meta in catalog.iterrows():
            title = meta["title_zh"] if lang == "zh" else meta["title_en"]
            st.markdown(f"- **{title}** — {_available(meta, lang)}")
        return 0
    for _, meta in catalog.iterrows():
        if meta["figure_id"] in by_figure:
            figure(meta, by_figure[meta["figure_id"]], lang, show_ci)
    return len(by_figure)
