"""Figures on a page: title, chart, downloads, the table and source; presentation mode.

Pages call `page_figures(view)` (the figures their page draws, named in the pages table) or
`figures(view, catalog)`; a figure the documents do not publish for the current filters gets
a plain sentence naming the breakdowns that do exist.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd
import streamlit as st

from cxdash import access as access_text
from cxdash import charts, cite, data, documents, executive, export, figures, i18n
from cxdash.figures import Figure
from cxdash.formatting import literal
from cxdash.palette import PRESENT
from cxdash.ui import access, compose, share, state, widgets
from cxdash.view import View


def _source(fig: Figure, lang: str) -> None:
    row = fig.records[0]
    if row.get("origin") == "respondents":
        _respondent_source(fig, lang)
        return
    for flag, note in fig.flags:
        st.warning(f"**{i18n.t('flag_' + flag, lang)}** {literal(note)}", icon=":material/search:")
    # the citation, and the file the values were transcribed from (only here and in the data)
    citation = literal(cite.of(row, lang))
    st.markdown(f"**{i18n.t('source_document', lang)}:** {citation} `{row['document']}`")
    if isinstance(row["caption_zh"], str):
        st.markdown(f"**{i18n.t('source_caption', lang)}:**")
        st.text(row["caption_zh"])
    st.markdown(f"**{i18n.t('source_passage', lang)}:**")
    for passage in dict.fromkeys(r["source_zh"] for r in fig.records):
        st.text(passage)
    notes = documents.reading(fig)
    if notes:
        st.markdown(f"**{i18n.t('source_note', lang)}:**")
        for note in notes:
            st.text(note)


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
        # The reader's table and the source below the chart, drawn once opened. Tabs (chart /
        # table / source) cost every newly opened /tiers page 0.3 s of the browser's main
        # thread for their 26 tab bars, this one closed section 0.1 s (bench: 12 links A/B).
        more = st.expander(
            i18n.t("table_and_source", lang),
            icon=":material/table_view:",
            expanded=opened,
            key=f"more_{fig.figure_id}",
            on_change="rerun",
        )
        if more.open:
            with more:
                st.dataframe(fig.table(), hide_index=True, width="stretch")
                tests, note = fig.tests()
                if not tests.empty:
                    st.caption(literal(note))
                    st.dataframe(tests, hide_index=True, width="stretch")
                _source(fig, lang)


# Presentation mode: app-owned CSS only (no data or URL value reaches it). The chart's plot
# is at most PLOT_PX tall, so title, chart, legend and source fit a 1440×900 screen.
PRESENT_CSS = """<style>
[data-testid=stSidebar], [data-testid=stSidebarCollapsedControl] {display: none;}
[data-testid=stHeader] {display: none;}
.block-container {max-width: 1600px; padding-top: 1.25rem; padding-bottom: 1rem;}
h2 {font-size: 2.1rem !important; padding: 0.25rem 0 !important;}
[data-testid=stCaptionContainer] p {font-size: 1.05rem;}
[data-testid=stMetricValue] {font-size: 6rem; line-height: 1.1;}
[data-testid=stMetricLabel] p {font-size: 1.5rem;}
</style>"""
PLOT_PX = 430

Slide = Callable[[], None]  # draws one screen of presentation mode

# the slide controls: (key, label, icon, keyboard shortcut, the slide it goes to)
_CONTROLS = (
    ("slide_first", "slide_first", ":material/first_page:", "Home", lambda i, n: 1),
    ("slide_prev", "slide_prev", ":material/chevron_left:", "Left", lambda i, n: i - 1),
    ("slide_next", "slide_next", ":material/chevron_right:", "Right", lambda i, n: i + 1),
    ("slide_last", "slide_last", ":material/last_page:", "End", lambda i, n: n),
)


def present(slides: list[Slide], view: View) -> None:
    """One slide per screen, driven by the buttons or the keyboard (← → Home End, Esc to
    leave); the sidebar is hidden, so the filters are the ones the URL fixed. The slide
    number is in the URL too."""
    st.html(PRESENT_CSS)
    count = max(len(slides), 1)
    index = min(max(view.slide, 1), count)
    cells = st.columns([1, 1, 0.8, 1, 1, 3], vertical_alignment="center")
    for cell, (key, label, icon, shortcut, to) in zip([*cells[:2], *cells[3:5]], _CONTROLS):
        target = to(index, count)
        cell.button(
            i18n.t(label, view.lang),
            icon=icon,
            disabled=not 1 <= target <= count or target == index,
            key=key,
            shortcut=shortcut,
            width="stretch",
            on_click=state.go,
            kwargs={"slide": target},
        )
    cells[2].markdown(f"**{index} / {len(slides)}**", text_alignment="center")
    cells[5].button(
        i18n.t("leave_present", view.lang),
        icon=":material/close:",
        key="leave_present",
        shortcut="Esc",
        on_click=state.go,
        kwargs={"present": False, "slide": 1},
    )
    if not slides:
        asked = literal(figures.describe(view.filters, view.lang))
        st.info(i18n.t("not_published_page", view.lang, asked=asked))
    else:
        slides[index - 1]()


def slide(
    title: str,
    caption: str,
    spec: dict,
    notes: list[str] = (),
    bands: int | None = None,
    big: tuple[str, str] | None = None,
) -> None:
    """One screen: the title, what it shows and where from, the chart in large type
    (`bands`: its rows, when the chart has no "values" rows to count them from; `big`: the
    one value a slide shows, as (group, value) in a big number above its bar)."""
    st.markdown(f"## {literal(title)}")
    st.caption(literal(caption))
    if big:
        st.metric(literal(big[0]), big[1])
    widgets.chart(charts.fit(spec, PLOT_PX, bands))
    if notes:  # one paragraph: flags and the key to the marks take as few lines as they can
        st.caption(" · ".join(notes))


def _figure_slide(figure_id: str, value_ids: list[str], view: View) -> None:
    fig = figures.figure(figure_id, view, value_ids, look=PRESENT)
    lang = view.lang
    notes = [f":material/search: {i18n.t('flag_' + flag, lang)}" for flag, _ in fig.flags]
    notes += [literal(line) for line in fig.marks_key]
    one = fig.records[0] if len(fig.records) == 1 else None
    big = (one["row"], one["value_text"]) if one else None
    slide(fig.title, fig.caption, fig.spec, notes, big=big)
    access.chart_text(fig)


def _said(spec: dict, description: str) -> dict:
    return {**spec, **access_text.described(spec, description)}


def _executive_slides(view: View) -> list[Slide]:
    lang = view.lang
    rows = data.run("country_scorecard", countries=list(view.filters.countries))
    gaps = data.run("tier_gaps").head(executive.TOP_GAPS * 2)
    return [
        lambda: slide(
            i18n.t("exec_scorecard", lang),
            i18n.t("scorecard_note", lang),
            _said(
                executive.scorecard(rows, lang, PRESENT).to_dict(),
                access_text.scorecard_text(i18n.t("exec_scorecard", lang), rows, lang),
            ),
            bands=rows["figure_id"].nunique(),
        ),
        lambda: slide(
            i18n.t("exec_gaps", lang),
            executive.gaps_caption(gaps, lang),
            executive.gaps_chart(gaps, lang, PRESENT).to_dict(),
            bands=len(gaps),
        ),
    ]


def present_page(view: View) -> None:
    """Presentation mode of the view's page: every figure it draws (the chosen one on
    Explore), one per screen in large type; the executive summary's scorecard and gaps."""
    if view.page == "executive":
        apac = not view.filters.surveys or "apac" in view.filters.surveys
        present(_executive_slides(view) if apac else [], view)
        return
    if view.page == "explore" and view.figure:
        cat = data.catalog()
        cat = cat[cat["figure_id"] == view.figure]
    elif view.page == "benchmark":  # the published tier mix (a company's answers stay off)
        from cxdash.ui import profile

        cat = profile.tier_mix_catalog(view)
    else:
        cat = data.page_figures(view.page, view.filters.surveys)
    shown = figures.published(cat, view)
    present([functools.partial(_figure_slide, f, ids, view) for f, ids in shown.items()], view)


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
