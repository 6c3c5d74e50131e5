"""Presenter tools: slides and PDF of the current view (with progress), the presentation
mode (one chart per screen, sidebar hidden) and the embed form (one chart, no chrome)."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from cxdash import data, i18n, panel, tables
from cxdash.view import View, ViewError, parse


def base_url() -> str:
    """The address the app is served at, for links on slides."""
    url = st.context.url or "http://localhost:8501"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def current_view(ctx, page_name: str) -> View:
    figure = st.session_state.get("figure") if page_name == "explore" else None
    return View(
        page=page_name, filters=ctx.filters, lang=ctx.lang, show_ci=ctx.show_ci, figure=figure
    )


def export_tools(ctx, page_name: str) -> None:
    """Sidebar: build slides / PDF of this view with a progress bar, then download."""
    from cxdash import deck  # python-pptx, fpdf2: loaded when the sidebar first shows them

    side = st.sidebar
    side.markdown(f"**{i18n.t('share_export', ctx.lang)}**")
    view = current_view(ctx, page_name)
    key = (view.query(), page_name)
    left, right = side.columns(2)

    def request(kind: str) -> None:
        st.session_state["_build"] = kind

    for col, kind, ext, mime in (
        (
            left,
            "deck",
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        (right, "report", "pdf", "application/pdf"),
    ):
        made = st.session_state.get(f"_{kind}")
        if made and made[0] == key:
            col.download_button(
                i18n.t(f"download_{kind}", ctx.lang),
                data=made[1],
                file_name=f"cx-{page_name}.{ext}",
                mime=mime,
                key=f"dl_{kind}",
                on_click="ignore",
            )
        else:
            col.button(
                i18n.t(f"make_{kind}", ctx.lang), key=f"make_{kind}", on_click=request, args=(kind,)
            )
    kind = st.session_state.pop("_build", None)
    if kind:
        build = deck.build_deck if kind == "deck" else deck.build_report
        bar = side.progress(0.0, text=i18n.t("building", ctx.lang))
        try:
            built = build(view, base_url(), lambda d, n: bar.progress(d / n, text=f"{d} / {n}"))
        except RuntimeError as err:
            side.error(str(err))
        else:
            st.session_state[f"_{kind}"] = (key, built)
            st.rerun()

    def start_presenting() -> None:
        st.session_state["present"], st.session_state["slide"] = "1", "1"

    side.button(i18n.t("present", ctx.lang), key="start_present", on_click=start_presenting)


def embedding() -> bool:
    """The iframe form: ?chart=<figure id>[&filters…]&embed=true (Streamlit's own embed=true
    removes the app chrome and is not visible to the app, hence a parameter of our own)."""
    return "chart" in st.query_params


def embed_query() -> str:
    """The embed URL's parameters as a view query (read before navigation runs)."""
    return urlencode(
        [
            ("figure" if k == "chart" else k, v)
            for k in st.query_params
            for v in st.query_params.get_all(k)
        ]
    )


def embed(query: str) -> None:
    """One chart and its source line, nothing else."""
    try:
        view = parse(f"explore?{query}")
    except ViewError as err:
        st.warning(str(err))
        return
    if not view.figure:
        st.warning(i18n.t("embed_needs_figure", view.lang))
        return
    if data.values([view.figure], view.filters).empty:
        st.info(i18n.t("not_published_page", view.lang, asked=view.filters.describe(view.lang)))
        return
    df, spec, _, _ = panel.prepared(
        view.figure, view.filters, view.lang, view.show_ci, data.version()
    )
    st.markdown(f"**{df['title'].iloc[0]}**")
    st.vega_lite_chart(spec, width="stretch")
    st.caption(tables.caption(df, view.lang))
    st.link_button(i18n.t("open_in_app", view.lang), view.url(base_url()))
