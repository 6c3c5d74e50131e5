"""Figures on a page: title, chart, downloads, the table and source (presentation mode is
cxdash/ui/slides.py).

Pages call `page_figures(view)` (the figures their page draws, named in the pages table) or
`figures(view, catalog)`; a figure the documents do not publish for the current filters gets
a plain sentence naming the breakdowns that do exist.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxdash import cite, data, documents, export, figures, i18n, tables
from cxdash.figures import Figure
from cxdash.formatting import literal
from cxdash.ui import access, compose, share, widgets
from cxdash.view import View


def _source(fig: Figure, lang: str) -> None:
    row = fig.records[0]
    if row.get("origin") == "respondents":
        _respondent_source(fig, lang)
        return
    cited(fig.records, lang)
    notes = documents.reading(fig)
    if notes:
        st.markdown(f"**{i18n.t('source_note', lang)}:**")
        for note in notes:
            st.text(note)


def cited(records: list[dict], lang: str) -> None:
    """Where published values (one figure's localised records) come from: their flags with
    what explains them, the citation and the file they were transcribed from (only here and
    in the data), the figure's caption and each passage of the document, in its own words."""
    for flag, note in tables.flags(records):
        st.warning(f"**{i18n.t('flag_' + flag, lang)}** {literal(note)}", icon=":material/search:")
    row = records[0]
    citation = literal(cite.of(row, lang))
    st.markdown(f"**{i18n.t('source_document', lang)}:** {citation} `{row['document']}`")
    if isinstance(row["caption_zh"], str):
        st.markdown(f"**{i18n.t('source_caption', lang)}:**")
        st.text(row["caption_zh"])
    st.markdown(f"**{i18n.t('source_passage', lang)}:**")
    for passage in dict.fromkeys(r["source_zh"] for r in records):
        st.text(passage)


def table_and_source(
    key: str, lang: str, opened: bool = False
) -> st.delta_generator.DeltaGenerator | None:
    """The closed *Table and source* section below a chart: the container to draw in once
    the reader opens it, else None. Tabs (chart / table / source) cost every newly opened
    /tiers page 0.3 s of the browser's main thread for their 26 tab bars, this one closed
    section 0.1 s (bench: 12 links A/B)."""
    more = st.expander(
        i18n.t("table_and_source", lang),
        icon=":material/table_view:",
        expanded=opened,
        key=key,
        on_change="rerun",
    )
    return more if more.open else None


def _respondent_source(fig: Figure, lang: str) -> None:
    """A figure recomputed from respondents: the dataset and file, the questions asked, and
    the report's values of the same question (never the report's passage as this data's)."""
    row = fig.records[0]
    st.markdown(f"**{i18n.t('source_document', lang)}:** {literal(cite.of(row, lang))}")
    st.text(str(row["document"]))
    st.markdown(f"**{i18n.t('source_question', lang)}:**")
    for asked in dict.fromkeys(
        (r["question_id"], r["question_text_en"], r["question_text_zh"]) for r in fig.records
    ):
        st.text("\n".join(asked))
    st.markdown(f"**{i18n.t('col_report', lang)}:**")
    st.text(fig.published_beside)


def _image(spec: dict, fmt: str) -> bytes:
    import vl_convert as vlc  # heavy (a JS engine): loaded on the first image download only

    return vlc.vegalite_to_png(spec, scale=2) if fmt == "png" else vlc.vegalite_to_svg(spec)


def _downloads(fig: Figure, view: View | None) -> None:
    """CSV (numbers as numbers, BOM for Excel), PNG (2x) and SVG with the title and the
    source line drawn in, produced only when clicked (vl-convert, in-process)."""
    export_spec = {
        **fig.spec,
        "width": 760,
        "title": {
            "text": fig.title,
            "subtitle": [fig.caption, *fig.marks_key],
            "anchor": "start",
            "fontSize": 16,
            "subtitleFontSize": 11,
        },
    }
    files = [
        ("download_csv", "csv", "text/csv", lambda: export.figure_csv(fig.values)),
        ("download_png", "png", "image/png", lambda: _image(export_spec, "png")),
        ("download_svg", "svg", "image/svg+xml", lambda: _image(export_spec, "svg")),
    ]
    # One "Download or embed" menu, not five buttons (a page of 26 charts drew 130), and
    # its contents drawn only once it is opened, like "Add to story": a closed menu was
    # still six elements a chart for the browser to build (bench/speed.py c).
    row = st.container(horizontal=True)
    menu = row.popover(
        i18n.t("download_embed", fig.lang),
        icon=":material/download:",
        key=f"dl_pop_{fig.figure_id}",
        on_change="rerun",
    )
    if menu.open:
        with menu:
            for label, ext, mime, make in files:
                st.download_button(
                    i18n.t(label, fig.lang),
                    data=make,
                    file_name=f"{fig.figure_id}.{ext}",
                    mime=mime,
                    key=f"{ext}_{fig.figure_id}",
                    on_click="ignore",
                    icon=":material/download:",
                    width="stretch",
                )
            if view is not None:
                st.markdown(f"**{i18n.t('embed', fig.lang)}**")
                share.embed_help(view, fig)
    if view is not None:
        compose.add_button(row, fig, view)


def figure(fig: Figure, view: View | None = None, opened: bool = False) -> None:
    """Draw one figure (with `view`: how to embed it in that view's filters and language;
    `opened`: its table and source shown until the reader closes them)."""
    lang = fig.lang
    with st.container(border=True):
        st.markdown(f"#### {literal(fig.title)}")
        st.caption(literal(fig.caption))
        if fig.published_beside:
            st.caption(f":material/menu_book: {literal(fig.published_beside)}")
        flag = next((f for f, _ in fig.flags), None)
        if flag:
            st.caption(
                f":material/search: **{i18n.t('flag_' + flag, lang)}** — "
                f"{i18n.t('see_source_tab', lang)}"
            )
        if fig.has("low_base"):
            st.caption(f":material/warning: {i18n.t('low_base', lang)}")
        widgets.chart(fig.spec)
        access.chart_text(fig)  # the chart's values, for a screen reader
        key = fig.marks_key
        if key:  # one caption, a line each: an element costs the browser, a line not
            st.caption("  \n".join([*map(literal, key), i18n.t("marks_pairs", lang)]))
        _downloads(fig, view)
        # the reader's table and the source below the chart, drawn once opened
        more = table_and_source(f"more_{fig.figure_id}", lang, opened)
        if more is not None:
            with more:
                st.dataframe(fig.table(), hide_index=True, width="stretch")
                tests, note = fig.tests()
                if not tests.empty:
                    st.caption(literal(note))
                    st.dataframe(tests, hide_index=True, width="stretch")
                _source(fig, lang)


def page_figures(view: View) -> int:
    """Draw the figures of the view's page (see `figures`)."""
    return figures_of(data.page_figures(view.page, view.filters.surveys), view)


def figures_of(catalog: pd.DataFrame, view: View, opened: bool = False) -> int:
    """Draw every figure of a catalog slice that is published for the filters, each as soon
    as it is made; say plainly (above them) which are not, and which breakdowns they do
    have (`opened`: each figure's table and source shown open). Returns how many were
    drawn."""
    lang = view.lang
    above = st.container()  # filled once every figure is drawn, shown above them
    drawn = []
    for fig in figures.each(catalog, view):
        figure(fig, view, opened)
        drawn.append(fig)
    _, missing = figures.split(catalog, drawn)
    with above:
        if drawn and not missing.empty:
            key = "some_not_redrawn" if view.dataset else "some_not_published"
            with st.expander(i18n.t(key, lang, n=len(missing))):
                _missing(missing, lang, titles_only=bool(view.dataset))
        if not drawn and not catalog.empty:
            asked = literal(figures.describe(view.filters, lang))
            key = "none_redrawn" if view.dataset else "not_published_charts"
            st.info(i18n.t(key, lang, asked=asked), icon=":material/info:")
            _missing(catalog, lang, titles_only=bool(view.dataset))
    return len(drawn)


def _missing(catalog: pd.DataFrame, lang: str, titles_only: bool = False) -> None:
    for _, meta in catalog.iterrows():
        title = meta["title_zh" if lang == "zh" else "title_en"]
        where = "" if titles_only else f" — {literal(figures.available(meta, lang))}"
        st.markdown(f"- **{literal(title)}**{where}")
