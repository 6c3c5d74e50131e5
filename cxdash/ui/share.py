"""Presenter tools in the sidebar (slides and PDF of the current view, with progress; the
Present button) and the embed form (one chart, no chrome)."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

import streamlit as st

from cxdash import figures, i18n
from cxdash.formatting import literal
from cxdash.ui import access, compose, shell, state, widgets
from cxdash.view import View

_MIME = {
    "deck": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "report": ("pdf", "application/pdf"),
}


def base_url() -> str:
    """The address the app is served at, for links on slides."""
    parts = urlsplit(st.context.url or "http://localhost:8501")
    return f"{parts.scheme}://{parts.netloc}"


def embed_url(view: View, figure_id: str) -> str:
    """The embed form of one figure in the view's filters and language."""
    one = View(filters=view.filters, lang=view.lang, show_ci=view.show_ci, chart=figure_id)
    return one.url(base_url()) + "&embed=true"


def embed_help(view: View, fig) -> None:
    """The iframe snippet and the chart's own link, each with Streamlit's copy button."""
    src = embed_url(view, fig.figure_id)
    title = html.escape(fig.title, quote=True)
    st.caption(i18n.t("embed_hint", view.lang))
    snippet = (
        f'<iframe src="{html.escape(src)}" title="{title}" width="100%" height="560" '
        'style="border:0"></iframe>'
    )
    st.code(snippet, language="html", wrap_lines=True)


def export_tools(view: View) -> None:
    """Sidebar: the link to this view (with a copy button), build slides / PDF of this view
    with a progress bar, then download."""
    side = st.sidebar
    side.markdown(f"**{i18n.t('share_export', view.lang)}**")
    # The link in a menu drawn when opened: a code block on the page costs every new
    # document (every link a reader opens) about 0.3 s of Streamlit's code highlighter's
    # start-up in the browser (a CPU profile of a /tiers link), before any chart.
    menu = side.popover(
        i18n.t("share_link", view.lang),
        icon=":material/link:",
        key="share_link",
        on_change="rerun",
        width="stretch",
    )
    if menu.open:
        menu.caption(i18n.t("share_hint", view.lang))
        menu.code(view.url(base_url()), language=None, wrap_lines=True)
    key = (view.page, view.query())

    def request(kind: str) -> None:
        st.session_state["_build"] = kind

    for col, kind in zip(side.columns(2), _MIME):
        made = st.session_state.get(f"_{kind}")
        ext, mime = _MIME[kind]
        if made and made[0] == key:
            col.download_button(
                i18n.t(f"download_{kind}", view.lang),
                data=made[1],
                file_name=f"cx-{view.page}.{ext}",
                mime=mime,
                key=f"dl_{kind}",
                on_click="ignore",
            )
        else:
            col.button(
                i18n.t(f"make_{kind}", view.lang),
                key=f"make_{kind}",
                on_click=request,
                args=(kind,),
            )
    kind = st.session_state.pop("_build", None)
    if kind:
        from cxdash import deck  # python-pptx, fpdf2, PIL: 13 MB, loaded by the first build

        make = deck.build_deck if kind == "deck" else deck.build_report
        bar = side.progress(0.0, text=i18n.t("building", view.lang))
        try:
            built = make(view, base_url(), lambda d, n: bar.progress(d / n, text=f"{d} / {n}"))
        except RuntimeError as err:
            side.error(literal(err))
        else:
            st.session_state[f"_{kind}"] = (key, built)
            st.rerun()
    side.button(
        i18n.t("present", view.lang),
        key="start_present",
        on_click=state.go,
        kwargs={"present": True, "slide": 1},
    )
    compose.sidebar(view)


def embed(view: View) -> None:
    """The iframe form (?chart=<figure id>[&filters…]&embed=true; Streamlit's own embed=true
    removes the app chrome): one chart and its source line, nothing else."""
    lang = view.lang
    shell.data_notice(lang)  # the files on disk fail to build: this is the last good data
    shell.notices(st)
    fig = figures.figure(view.chart, view) if view.chart else None
    if not view.chart:
        st.warning(i18n.t("embed_needs_figure", lang))
        return
    if fig is None:
        asked = literal(figures.describe(view.filters, lang))
        st.info(i18n.t("not_published_page", lang, asked=asked))
        return
    st.markdown(f"**{literal(fig.title)}**")
    widgets.chart(fig.spec)
    access.chart_text(fig)
    for line in fig.marks_key:
        st.caption(literal(line))
    st.caption(literal(fig.caption))
    if fig.published_beside:  # a chart from a user's respondents: the report beside it
        st.caption(literal(fig.published_beside))
    st.link_button(
        i18n.t("open_in_app", lang),
        view.with_(chart=None, page="explore", figure=view.chart).url(base_url()),
    )
