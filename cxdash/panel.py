"""One figure on a page: title, chart / table / source views and downloads.

Pages call `figures(ids, filters, lang)`; a figure the documents do not publish for the
current filters gets a plain sentence naming the breakdowns that do exist.
"""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from cxdash import charts, data, export, i18n, state, stats, tables

LOG = logging.getLogger(__name__)


def _available(meta: pd.Series, lang: str) -> str:
    """The breakdowns a figure is published by, in words."""
    labels = data.dimension_labels(lang)
    parts = []
    for key, dim, col in (
        ("filter_tier", "tier", "tiers"),
        ("filter_country", "country", "countries"),
        ("filter_channel", "channel", "channels"),
        ("filter_year", "year", "years"),
    ):
        members = [str(m) for m in (meta[col] if meta[col] is not None else [])]
        if members:
            names = ", ".join(labels.get((dim, m), m) for m in members)
            parts.append(f"{i18n.t(key, lang)}: {names}")
    return "; ".join(parts)


def _source(df: pd.DataFrame, lang: str) -> None:
    row = df.iloc[0]
    for flag in dict.fromkeys(df["flag"].dropna()):
        note = row["flag_note"] if isinstance(row["flag_note"], str) else ""
        st.warning(f"**{i18n.t('flag_' + flag, lang)}** {note}", icon="🔎")
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


DATA_COLUMNS = [
    "figure_id",
    "value_id",
    "title",
    "question",
    "year",
    "tier",
    "country",
    "channel",
    "respondent_group",
    "option",
    "value",
    "unit",
    "measure",
    "base_n",
    "ci_low",
    "ci_high",
    "significant",
    "flag",
    "document",
    "source_zh",
    "note",
]


def _image(spec: dict, fmt: str) -> bytes:
    import vl_convert as vlc  # heavy (a JS engine): loaded on the first image download only

    return vlc.vegalite_to_png(spec, scale=2) if fmt == "png" else vlc.vegalite_to_svg(spec)


def _downloads(spec: dict, df: pd.DataFrame, figure_id: str, lang: str) -> None:
    """CSV (numbers as numbers, BOM for Excel), PNG (2x) and SVG with the title and the
    source line drawn in, produced only when clicked (vl-convert, in-process)."""
    export_spec = {
        **spec,
        "width": 760,
        "title": {
            "text": df["title"].iloc[0],
            "subtitle": tables.caption(df, lang),
            "anchor": "start",
            "fontSize": 16,
            "subtitleFontSize": 11,
        },
    }
    rows = df[[c for c in DATA_COLUMNS if c in df]]
    files = [
        ("download_csv", "csv", "text/csv", lambda: export.to_bytes(rows, "csv", bom=True)),
        ("download_png", "png", "image/png", lambda: _image(export_spec, "png")),
        ("download_svg", "svg", "image/svg+xml", lambda: _image(export_spec, "svg")),
    ]
    for col, (label, ext, mime, make) in zip(st.columns([1, 1, 1, 3]), files):
        col.download_button(
            i18n.t(label, lang),
            data=make,
            file_name=f"{figure_id}.{ext}",
            mime=mime,
            key=f"{ext}_{figure_id}",
            on_click="ignore",
        )


@st.cache_resource(show_spinner=False, max_entries=4096)  # shared, never mutated
def prepared(
    figure_id: str, filters: data.Filters, lang: str, show_ci: bool, version: int
) -> tuple[pd.DataFrame, dict, pd.DataFrame, pd.DataFrame]:
    """A figure's values localised with intervals, its Vega-Lite spec and its reader's table.
    Cached by plain keys: building Altair charts is the expensive part of a rerun."""
    df = data.values([figure_id], filters)
    tests = stats.pairwise(df)
    df = i18n.pick(stats.mark_significant(stats.with_intervals(df)), lang)
    chart_df = df if show_ci else df.drop(columns=["ci_low", "ci_high"])
    spec = charts.figure_chart(chart_df, lang).to_dict(validate=False)
    return df, spec, tables.table(df, lang), tables.tests_table(tests, lang)


def figure(
    meta: pd.Series, filters: data.Filters, lang: str, show_ci: bool = True, big: bool = False
) -> None:
    """Draw one figure (published for `filters`: `figures` checks that first)."""
    title = meta["title_zh"] if lang == "zh" else meta["title_en"]
    df, spec, table_df, tests = prepared(meta["figure_id"], filters, lang, show_ci, data.version())
    with st.container(border=True):
        st.markdown(f"#### {title}")
        st.caption(tables.caption(df, lang))
        flag = df["flag"].dropna()
        if not flag.empty:
            st.caption(
                f"🔎 **{i18n.t('flag_' + flag.iloc[0], lang)}** — {i18n.t('see_source_tab', lang)}"
            )
        if df["low_base"].any():
            st.caption(f"⚠ {i18n.t('low_base', lang)}")
        # Lazy tabs: only the open one runs, so a page of 30 figures draws 30 charts, not
        # 30 charts + 30 tables + 30 source panels.
        tab_chart, tab_table, tab_source = st.tabs(
            [i18n.t("tab_chart", lang), i18n.t("tab_table", lang), i18n.t("tab_source", lang)],
            key=f"tabs_{meta['figure_id']}",
            on_change="rerun",
        )
        if tab_chart.open is not False:
            with tab_chart:
                shown = {**spec, "height": max(spec.get("height", 0), 440)} if big else spec
                st.vega_lite_chart(shown, width="stretch")
                if df["significant"].any():
                    st.caption(i18n.t("sig_legend", lang))
                _downloads(spec, df, meta["figure_id"], lang)
        if tab_table.open:
            with tab_table:
                st.dataframe(table_df, hide_index=True, width="stretch")
                if not tests.empty:
                    st.caption(i18n.t("tests_caption", lang))
                    st.dataframe(tests, hide_index=True, width="stretch")
        if tab_source.open:
            with tab_source:
                _source(df, lang)


# Presentation mode: app-owned CSS only (no data or URL value reaches it).
PRESENT_CSS = """<style>
[data-testid=stSidebar], [data-testid=stSidebarCollapsedControl] {display: none;}
.block-container {max-width: 1400px; padding-top: 3.5rem;}
h4 {font-size: 2.2rem !important;}
[data-testid=stCaptionContainer] p {font-size: 1.1rem;}
</style>"""


def present(catalog: pd.DataFrame, filters: data.Filters, lang: str, show_ci: bool) -> None:
    """One chart per screen with previous / next; the sidebar is hidden, so the filters
    are the ones the URL fixed. The slide number is in the URL too."""
    st.html(PRESENT_CSS)
    published = set(data.values(list(catalog["figure_id"]), filters)["figure_id"])
    shown = catalog[catalog["figure_id"].isin(published)]
    count = max(len(shown), 1)
    index = int(state.value("slide", [str(i) for i in range(1, count + 1)], "1"))
    prev, where, nxt, leave = st.columns([1, 1, 1, 3])

    def go(to: str, key: str = "slide") -> None:
        st.session_state[key] = to

    # callbacks run before the script, so a click is never lost to a rerun
    prev.button(
        "◀",
        disabled=index <= 1,
        key="slide_prev",
        width="stretch",
        on_click=go,
        args=(str(index - 1),),
    )
    where.markdown(f"**{index} / {len(shown)}**")
    nxt.button(
        "▶",
        disabled=index >= len(shown),
        key="slide_next",
        width="stretch",
        on_click=go,
        args=(str(index + 1),),
    )
    leave.button(
        i18n.t("leave_present", lang), key="leave_present", on_click=go, args=("0", "present")
    )
    if shown.empty:
        st.info(i18n.t("not_published_page", lang, asked=filters.describe(lang)))
    else:
        figure(shown.iloc[index - 1], filters, lang, show_ci, big=True)


def figures(catalog: pd.DataFrame, filters: data.Filters, lang: str, show_ci: bool = True) -> int:
    """Draw every figure of a catalog slice that is published for the filters; say plainly
    which are not, and which breakdowns they do have. Returns how many were drawn."""
    if state.value("present", ["0", "1"], "0") == "1":
        present(catalog, filters, lang, show_ci)
        return 1
    values = data.values(list(catalog["figure_id"]), filters)
    by_figure = set(values["figure_id"])
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
            try:
                figure(meta, filters, lang, show_ci)
            except Exception:  # one bad figure must not blank the page below it
                LOG.exception("figure %s failed", meta["figure_id"])
                st.error(i18n.t("figure_failed", lang, figure=meta["figure_id"]))
    return len(by_figure)
