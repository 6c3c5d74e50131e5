"""Presentation mode: one figure per screen in large type, driven by buttons or the keyboard;
the executive summary's scorecard and gaps as slides; the story's steps (cxdash/ui/storyboard.py)
through the same `present`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from cxdash import access as access_text
from cxdash import charts, data, executive, figures, i18n
from cxdash.formatting import literal
from cxdash.palette import PRESENT
from cxdash.ui import access, state, widgets
from cxdash.view import View

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
